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
}

export const INPUT_ERROR_RULE = 'input-error';
export const INPUT_ERROR_RULE_INFO: RuleInfo = { id: INPUT_ERROR_RULE, description: 'The file could not be read or is not an AsyncAPI/OpenAPI document.' };
