import type { NodeLocation } from '../load/workspace.js';

/**
 * How much a change matters to the people on the other side of the contract:
 *   - `breaking`     an existing client or consumer stops working (major)
 *   - `warning`      compatible by the letter, but strict readers may trip (minor)
 *   - `non-breaking` a backward-compatible enhancement (minor)
 *   - `patch`        no effect on the contract: documentation, examples, extensions (patch)
 */
export type Level = 'breaking' | 'warning' | 'non-breaking' | 'patch';
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/**
 * Which way data flows through the described application:
 *   - `accept` data the API takes in (OpenAPI requests, AsyncAPI messages the application receives):
 *     breaks when the new schema accepts less;
 *   - `emit`   data the API gives out (OpenAPI responses, messages the application sends, replies):
 *     breaks when old readers may get something they cannot handle.
 */
export type Direction = 'accept' | 'emit';

/**
 * `auto` checks each use of a schema in its own direction; `backward` checks everything as accepted data
 * (new readers, old writers), `forward` everything as emitted data (old readers, new writers), `full`
 * both (as Confluent Schema Registry's BACKWARD, FORWARD and FULL).
 */
export type Mode = 'auto' | 'backward' | 'forward' | 'full';

/**
 * `--mode` as given: a `*_transitive` mode checks the revision against every earlier version in
 * `--history` with its non-transitive mode (Confluent's BACKWARD_TRANSITIVE and so on).
 */
export type ModeFlag = Mode | 'backward_transitive' | 'forward_transitive' | 'full_transitive';

export type Area = 'schema' | 'operation' | 'channel' | 'message' | 'server' | 'parameter' | 'security' | 'response' | 'request' | 'docs';

export const LEVELS: readonly Level[] = ['breaking', 'warning', 'non-breaking', 'patch'];
export const levelRank: Record<Level, number> = { breaking: 3, warning: 2, 'non-breaking': 1, patch: 0 };
export const bumpRank: Record<Bump, number> = { major: 3, minor: 2, patch: 1, none: 0 };

/** What a rule says, whichever way the data flows. `accept`/`emit` are equal for rules about no data. */
export interface RuleMeta {
  id: string;
  area: Area;
  /** Level when the data is accepted and when it is emitted. */
  levels: { accept: Level; emit: Level };
  /** One line for `--list-checks` and docs. */
  description: string;
  /** When the level can differ from `levels` (e.g. a property removed from a closed model). */
  note?: string;
}

/** Data a rule's finding carries; rendered into the message by the check. */
export type FindingData = Record<string, unknown>;

/** A finding located in both documents; the engine turns it into a `Change`. */
export interface Finding {
  rule: string;
  /** Instance path inside the schema (`['lines', '[]', 'sku']`), empty for the schema root or for non-schema findings. */
  path: string[];
  data: FindingData;
  base?: NodeLocation;
  revision?: NodeLocation;
  /** Overrides the rule's level for this finding (documented in the rule's `note`). */
  level?: Level;
  /** Message text (without the "where" prefix). */
  text: string;
}

export interface SourcePosition {
  file: string;
  pointer: string;
  line: number;
  column: number;
}

export interface Change {
  id: string;
  level: Level;
  bump: Bump;
  message: string;
  /** Operation label (`createOrder`, `POST /orders`), when the change is about one. */
  operation?: string;
  channel?: string;
  direction?: Direction;
  base?: SourcePosition;
  revision?: SourcePosition;
  fingerprint: string;
  /**
   * A change inside a named schema (a component, or a file of its own): reported at the schema, not at
   * one of the operations using it. `usedBy`: those operations, the first `operation` first; `text`: the
   * message without its "Schema `X` (in ...)" part.
   */
  schema?: { name: string; usedBy: string[]; text: string };
  /** Set when an accept file lists this change. */
  accepted?: { reason: string };
  /** `--history` runs: the earlier version this change was found against. */
  against?: { version: string; file: string };
  /**
   * Folder runs (`--base REF dir/`), breaking changes of an operation: the services in the folder it
   * breaks (receivers of what it sends, senders of what it receives). Empty: none known in the folder.
   */
  affects?: string[];
}

export interface VersionCheck {
  declared: string;
  required: string | null;
  ok: boolean;
  message: string;
}

export interface DiffSide {
  file: string;
  version: string;
}

export interface DiffResult {
  /** What both sides are (unknown for a pair that could not be compared, or a spec only one side has). */
  format?: 'openapi' | 'asyncapi';
  base: DiffSide;
  revision: DiffSide;
  bump: Bump;
  changes: Change[];
  versionCheck?: VersionCheck;
  /** Accept-file entries that matched no change. */
  staleAccepts?: { fingerprint: string; reason: string }[];
  /** Folder mode (`--base`): the input error that kept this pair from being compared; the others still are. */
  error?: DiffError;
}

export interface DiffError {
  file: string;
  line: number | null;
  column: number | null;
  message: string;
}

/** `file:line:col: message`, as much of it as is known. */
export function diffErrorLine(e: DiffError): string {
  return `${[e.file, e.line, e.column].filter((x) => x !== null).join(':')}: ${e.message}`;
}
