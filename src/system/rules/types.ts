import type { CompatChecker } from '../../diff/compat.js';
import type { RuleSeverity, RulesetName } from '../../lint/types.js';
import type { NodeLocation } from '../../load/workspace.js';
import type { SystemExample } from '../../model/rule-example.js';
import type { ApiModel } from '../../model/types.js';
import type { Endpoint, System } from '../model.js';

export interface SystemContext {
  system: System;
  /** The schema comparer of one writer document and one reader document (made once per pair). */
  compat(writer: ApiModel, reader: ApiModel): CompatChecker;
  /** `file:line:col` of a node of a document, to name the other side in a message. */
  where(model: ApiModel, at: NodeLocation): string;
  /** The endpoints whose addresses meet this one's (receivers of a sender, senders of a receiver). */
  meeting(e: Endpoint): Endpoint[];
}

/** Report one finding in one document of the set. */
export type SystemReport = (model: ApiModel, at: NodeLocation, message: string, help?: string) => void;

/** A rule over the whole set of documents: the contracts between services. */
export interface SystemRule {
  id: string;
  description: string;
  docs: string;
  severity: Record<RulesetName, RuleSeverity>;
  /** Systems it flags and passes, with the exact findings: its tests and docs (a function, built on demand). */
  examples: () => SystemExample[];
  run(ctx: SystemContext, report: SystemReport): void;
}
