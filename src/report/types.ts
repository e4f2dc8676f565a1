import type { Diagnostic, Severity } from '../model/diagnostic.js';

/** What a report is made from: one entry per input file (validate and lint share it). */
export interface FileReport {
  file: string;
  format?: 'asyncapi' | 'openapi';
  version?: string;
  valid: boolean;
  diagnostics: Diagnostic[];
}

export interface RuleInfo {
  id: string;
  description: string;
  /** The rule's level where nothing overrides it (SARIF `defaultConfiguration.level`); `off`: not enabled. */
  severity?: Severity | 'off';
  /** How to learn more (SARIF `help`); by default a pointer to docs/rules.md. */
  help?: string;
}

export interface ReportContext {
  /** Tool version for SARIF. */
  toolVersion: string;
  /** Descriptions of the rules that may appear (SARIF `rules`). */
  rules: RuleInfo[];
  /** Colour allowed (stylish only). */
  color: boolean;
  /** Name of the command, for JUnit suite names. */
  command: string;
  /** Findings left out by `lint --quiet`, per severity, so the summary does not claim there are none (stylish only). */
  hidden?: Partial<Record<Severity, number>>;
  /** Longest markdown report, in characters (default 65,536, GitHub's limit on a comment). */
  maxChars?: number;
}

export const INPUT_ERROR_RULE = 'input-error';
export const INPUT_ERROR_RULE_INFO: RuleInfo = { id: INPUT_ERROR_RULE, description: 'The file could not be read or is not an AsyncAPI/OpenAPI document.', severity: 'error' };
export const INTERNAL_ERROR_RULE = 'internal-error';
export const INTERNAL_ERROR_RULE_INFO: RuleInfo = { id: INTERNAL_ERROR_RULE, description: 'A check or rule of specgate failed on this document (a bug in specgate); its findings are missing.', severity: 'error' };
export const UNKNOWN_IGNORE_RULE = 'unknown-ignore-rule';
export const UNKNOWN_IGNORE_RULE_INFO: RuleInfo = {
  id: UNKNOWN_IGNORE_RULE,
  description: 'An `x-specgate-ignore` entry names no rule specgate knows (by its id or a Spectral/Redocly name), so it silences nothing.',
  severity: 'warning',
};

/** One line naming what failed, for an `internal-error` diagnostic (no stack: the report is for the spec's author). */
export function internalErrorMessage(kind: 'check' | 'rule', id: string, e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).split('\n')[0].trim() || 'no message';
  return `${kind} \`${id}\` failed: ${text}; its findings are missing (a bug in specgate, please report it)`;
}
