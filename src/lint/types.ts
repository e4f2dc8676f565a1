import type { NodeLocation } from '../load/workspace.js';
import type { Severity } from '../model/diagnostic.js';
import type { DocExample } from '../model/rule-example.js';
import type { ApiModel, SpecFormat } from '../model/types.js';

/** A severity a ruleset or a config gives a rule; `off` means the rule does not run. */
export type RuleSeverity = Severity | 'off';

export const RULESETS = ['minimal', 'recommended', 'strict'] as const;
export type RulesetName = (typeof RULESETS)[number];

/** Report one finding at a node: what is wrong with which thing, and optionally the fix. */
export type Report = (at: NodeLocation, message: string, help?: string) => void;

export interface RuleOption {
  description: string;
  default: unknown;
  /** Checks a configured value; returns an error text when it is unusable. */
  check(value: unknown): string | undefined;
}

export interface RuleContext {
  model: ApiModel;
  /** The rule's options: its defaults overlaid with the config's. */
  options: Record<string, unknown>;
}

/**
 * A lint rule: metadata plus one function over the API model. Rules never read files or format output;
 * the engine adds severity, configuration, inline ignores and source ranges.
 */
export interface LintRule {
  /** Stable id; never changes once released. */
  id: string;
  /** One line: what the rule wants and why. */
  description: string;
  /** A paragraph for docs/rules.md: the reasoning, and how to fix a finding. */
  docs: string;
  formats: readonly SpecFormat[];
  /** Severity in each built-in ruleset (`off`: not part of it). */
  severity: Record<RulesetName, RuleSeverity>;
  /** Rules of other linters with the same meaning (configs that name them apply to this rule). */
  equivalents?: { spectral?: string[]; redocly?: string[] };
  options?: Record<string, RuleOption>;
  /** Documents it flags and documents it passes, with the exact findings: its tests and its docs. A function, so that a run that only checks documents never builds them. */
  examples: () => DocExample[];
  run(ctx: RuleContext, report: Report): void | Promise<void>;
}

/** One entry of `specgate rules`: a lint rule, or a check every lint runs because validate runs it. */
export interface RuleInfo {
  id: string;
  description: string;
  docs: string;
  formats: readonly SpecFormat[];
  severity: Record<RulesetName, RuleSeverity>;
  equivalents: { spectral: string[]; redocly: string[] };
  /** `validate`: part of `specgate validate` too; `lint`: a design rule; `system`: a rule over a set of documents. */
  source: 'validate' | 'lint' | 'system';
  options: Record<string, { description: string; default: unknown }>;
}
