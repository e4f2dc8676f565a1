/** One finding about a document. Lines and columns are 1-based. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Diagnostic {
  /** Stable rule id, e.g. `asyncapi-schema`, `unresolved-ref`. */
  rule: string;
  severity: Severity;
  message: string;
  /** File the finding is in (the file where the node really stands, not always the root document). */
  file: string;
  /** JSON pointer of the node inside `file` ('' for the document root). */
  pointer: string;
  /** Filled in by the locator just before reporting. */
  range?: Range;
  /** Optional one-line hint with the fix. */
  help?: string;
}

export const severityRank: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
