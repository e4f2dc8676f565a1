// The examples every rule carries beside its code. They are the rule's tests (test/rules/examples.test.ts
// runs each one and compares the findings exactly), its documentation (docs/rules.md) and what
// `specgate rules <id>` prints: one table, so the three never disagree.

/** A document a validate check or a lint rule is run on, and what it must report there. */
export interface DocExample {
  /** One line: what the case shows ("a tag listed twice"). */
  title: string;
  /** The whole document, inline (YAML or JSON). */
  doc: string;
  /** Lint rules only: the rule's options for this case (overlaid on its defaults). */
  options?: Record<string, unknown>;
  /**
   * The rule's findings on `doc`, in report order: the message and its range `line:col-line:col`
   * (1-based, end exclusive, as every output format gives it). Empty: the document passes the rule.
   */
  expect: { message: string; range: string }[];
}

/** Two versions of a document, and the changes of one diff rule between them. */
export interface DiffExample {
  title: string;
  /** `''` on one side: the document is absent there (added or removed in a folder comparison). */
  base: string;
  revision: string;
  /** `--mode` the versions are compared under; `auto` (each flow in its natural direction) when absent. */
  mode?: 'backward' | 'forward' | 'full';
  /**
   * The changes of the check's rules, in report order: rule id, level, message, and where it stands
   * (`line:col` in the revision, or in the base when the change has no revision side). Empty: none of the
   * check's rules reports anything.
   */
  expect: { rule: string; level: 'breaking' | 'warning' | 'non-breaking' | 'patch'; message: string; at: string }[];
}

/** Several documents read as one system, and what one system rule reports across them. */
export interface SystemExample {
  title: string;
  /** File name → document text; each is one service (or part of one). */
  docs: Record<string, string>;
  /** The rule's findings, in report order: the file, the range `line:col-line:col`, the message. */
  expect: { file: string; range: string; message: string }[];
}
