import type { NodeLocation } from '../load/workspace.js';
import type { DiffExample } from '../model/rule-example.js';
import type { ApiModel } from '../model/types.js';
import type { LibraryUsers } from './library.js';
import type { Matched } from './match.js';
import type { View } from './schema/view.js';
import type { Direction, FindingData, Level, RuleMeta } from './types.js';

export interface Where {
  base?: NodeLocation;
  revision?: NodeLocation;
}

export interface ReportExtra {
  /** Path below the current schema (`['total']`). */
  path?: string[];
  level?: Level;
  /** What identifies this change among others of its rule at the same place (goes into the fingerprint). */
  data?: FindingData;
}

/**
 * What a schema check sees: one pair of resolved schemas, compared for one direction. `{path}` in a
 * message is replaced by the instance path (`` `lines[].sku` ``, or "the payload" at the root).
 */
export interface SchemaContext {
  dir: Direction;
  /**
   * What the data is, whichever way `dir` checks it (they differ under `--mode`): a request (`accept`) or a
   * response (`emit`). Undefined when not known: OpenAPI's `readOnly`/`writeOnly` are then not trusted.
   */
  flow?: Direction;
  openapi: boolean;
  base: View;
  rev: View;
  /**
   * Who reads emitted data, for messages: `consumers` (AsyncAPI) or `clients` (OpenAPI). The diff engine
   * passes `{readers}`, filled per use when the change is reported (a webhook's readers are its subscribers).
   */
  readers: string;
  /**
   * `--mode backward|forward|full`: open content models are taken at their word, as a schema registry
   * does: where unlisted properties were allowed, old writers may have sent any value under a new name.
   */
  strict: boolean;
  report(rule: string, text: string, where: Where, extra?: ReportExtra): void;
  /**
   * Every instance the base schema `b` allows is allowed by the revision schema `r`, as far as comparing
   * them as accepted data shows (no breaking or "may break" finding between them).
   */
  accepts(b: { value: unknown; loc: NodeLocation }, r: { value: unknown; loc: NodeLocation }): boolean;
  /**
   * Every instance the revision schema `r` allows was allowed by the base schema `b`, as far as comparing
   * them as emitted data shows: `r` widens nothing.
   */
  covers(b: { value: unknown; loc: NodeLocation }, r: { value: unknown; loc: NodeLocation }): boolean;
  /** The resolved view of a child schema (a property, a branch) of either side. */
  view(side: 'base' | 'rev', at: { value: unknown; loc: NodeLocation }): View | undefined;
}

export interface SchemaCheck {
  kind: 'schema';
  rules: RuleMeta[];
  /** Also runs when a union is compared with a plain schema (only the branches matter then). */
  unions?: boolean;
  /**
   * Pairs of versions and the changes of this check's rules between them: every rule fires in one, and one
   * at least is a change none of them reports. The check's tests and its docs. A function, so that a diff
   * run never builds them.
   */
  examples?: () => DiffExample[];
  run(ctx: SchemaContext): void;
}

/** One use of a schema to compare: message payload, headers, request body, parameter, response header. */
export interface SchemaUse {
  base: { value: unknown; loc: NodeLocation };
  revision: { value: unknown; loc: NodeLocation };
  dir: Direction;
  /** "payload of `OrderCreated` sent on `orders.events`". */
  where: string;
  /** Noun for the root of the schema: `payload`, `headers`, `request body`, `parameter \`limit\``. */
  root: string;
  /** Stable identity of this use for fingerprints (no line numbers). */
  identity: string;
  operation?: string;
  channel?: string;
  /** No use of the schema is known (a library nobody in the run `$ref`s): both directions, each change at its worse level. */
  bothWays?: boolean;
  /** Who reads this data when emitted, when not the format's `clients`/`consumers` (a webhook's subscribers). */
  readers?: string;
}

export interface ModelReport {
  rule: string;
  /** Full sentence. */
  message: string;
  where: Where;
  /** Stable identity (operation, message, status...) for the fingerprint. */
  identity: string;
  dir?: Direction;
  level?: Level;
  operation?: string;
  channel?: string;
}

/** What a model check sees: both models, what the engine matched between them, and the schema comparer. */
export interface ModelContext {
  base: ApiModel;
  rev: ApiModel;
  matched: Matched;
  /** Directions to check data flowing `natural`ly, by `--mode`. */
  dirs(natural: Direction): Direction[];
  /** Names readers of emitted data. */
  readers: string;
  report(r: ModelReport): void;
  compareSchemas(use: SchemaUse): void;
  /** Schema libraries: who uses each schema, when the run knows (a folder); undefined: nobody known. */
  libraryUsers?: LibraryUsers;
}

export interface ModelCheck {
  kind: 'model';
  rules: RuleMeta[];
  /** As for schema checks: every rule fires in one example, and one example fires none. */
  examples?: () => DiffExample[];
  run(ctx: ModelContext): void;
}

export type Check = SchemaCheck | ModelCheck;

/** A rule whose level does not depend on direction. */
export function fixed(id: string, area: RuleMeta['area'], level: Level, description: string, note?: string): RuleMeta {
  return { id, area, levels: { accept: level, emit: level }, description, ...(note ? { note } : {}) };
}

/** A rule about data: its level when the data is accepted and when it is emitted. */
export function directed(id: string, area: RuleMeta['area'], accept: Level, emit: Level, description: string, note?: string): RuleMeta {
  return { id, area, levels: { accept, emit }, description, ...(note ? { note } : {}) };
}

/** Narrowing (accepts fewer values) breaks accepted data; widening (more values) breaks emitted data. */
export const NARROW = { accept: 'breaking', emit: 'non-breaking' } as const;
export const WIDEN = { accept: 'non-breaking', emit: 'breaking' } as const;

/** What reads the data a webhook sends: its subscribers' endpoints, not the API's clients. */
export const WEBHOOK_READERS = "subscribers' endpoints";

/**
 * What reads the data the API takes in (requests, a webhook's answers) when `--mode forward|full` checks it
 * as emitted data: the API's own servers, not its clients, who only write it.
 */
export const API_READERS = "the API's servers";

export function code(v: unknown): string {
  return '`' + (typeof v === 'string' ? v : JSON.stringify(v)) + '`';
}
