import type { NodeLocation } from '../../load/workspace.js';
import type { Range, Severity } from '../../model/diagnostic.js';
import type { DocExample } from '../../model/rule-example.js';
import type { ApiModel, SpecFormat } from '../../model/types.js';

/** Report one finding at a node; the engine adds severity, location and file (`range`: where inside the node, when known). */
export type Report = (at: NodeLocation, message: string, help?: string, range?: Range) => void;

/** A semantic check: something the official JSON Schemas cannot express. One file per check. */
export interface SemanticCheck {
  id: string;
  description: string;
  formats: readonly SpecFormat[];
  severity: Severity;
  /** Documents it flags and documents it passes, with the exact findings: its tests and its docs. A function, so that a run that only checks documents never builds them. */
  examples: () => DocExample[];
  /** May be async: a check that needs a library loads it only for the documents that need it. */
  run(model: ApiModel, report: Report): void | Promise<void>;
}
