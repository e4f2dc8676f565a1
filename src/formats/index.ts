// Payload schemas that are not JSON Schema (AsyncAPI `schemaFormat`): one small module per format, found
// by the `schemaFormat` string. Validate and diff ask here; the format's libraries (avsc, protobufjs) are
// loaded by the module's own code on first use, only when a document has such a payload.
import type { NodeLocation, Workspace } from '../load/workspace.js';
import type { Range } from '../model/diagnostic.js';
import type { SchemaNode } from '../model/types.js';
import { avro, AVRO_FORMAT } from './avro/index.js';
import { protobuf, PROTOBUF_FORMAT } from './protobuf/index.js';
import { resolvePayload } from './resolve.js';

export { resolvePayload };

/** A problem in a payload schema, at the node it is about. */
export interface FormatProblem {
  at: NodeLocation;
  message: string;
  help?: string;
  /** Where inside the node, when the format knows (a line of .proto source inside a YAML string). */
  range?: Range;
}

/** One difference between two payload schemas of the format, found for one direction of the data. */
export interface FormatFinding {
  rule: string;
  /** Instance path (`['lines', '[]', 'sku']`), rendered as `lines[].sku`. */
  path: string[];
  /** Sentence without the "where" prefix; `{path}` stands for the rendered path (or "the payload"). */
  text: string;
  base: NodeLocation;
  revision: NodeLocation;
  /** Overrides the rule's level (documented in the rule's note). */
  level?: 'breaking' | 'warning' | 'non-breaking';
  /** What tells this finding from others of its rule at the same path (for the fingerprint). */
  data?: string;
}

/** `accept`: the revision reads what base writers wrote; `emit`: base readers read what the revision writes. */
export type FormatDirection = 'accept' | 'emit';

export interface PayloadFormat {
  id: 'avro' | 'protobuf';
  /** Every problem of the schema (after `$ref`s to its file are followed); loads the format's library. */
  validate(node: SchemaNode, ws: Workspace): Promise<FormatProblem[]>;
  /** Compare two schemas of the format by its own compatibility rules; synchronous, no library needed. */
  diff(base: { node: SchemaNode; ws: Workspace }, rev: { node: SchemaNode; ws: Workspace }, dir: FormatDirection): FormatFinding[];
  /** The schema as JSON Schema (for example checks and generated types); undefined when it cannot be read. */
  toJsonSchema?(node: SchemaNode): unknown;
  /** Whether an example value is a value of the schema: each problem at its JSON pointer in the value. Synchronous, for lint. */
  checkExample(node: SchemaNode, ws: Workspace, value: unknown): ExampleCheck[];
  /**
   * What stands at a JSON pointer in values of the schema (a partition key, a correlation id): undefined
   * when nothing does, null when the schema cannot be read (validate reports why).
   */
  fieldAt(node: SchemaNode, ws: Workspace, pointer: string): FieldLookup | null;
  /**
   * Why the schema cannot be read whole, cheaply (what `diff` refuses a side for): a `.proto` source or
   * import that does not parse, an Avro `$ref` cycle. Not the full validation: diff does not validate.
   */
  unreadable(node: SchemaNode, ws: Workspace): Promise<FormatProblem[]> | FormatProblem[];
  /** Where the parts of the schema that `$ref`s inside it bring in are written (its root excluded). */
  parts?(node: SchemaNode, ws: Workspace): NodeLocation[];
}

/** A problem of an example value: `path` is a JSON pointer inside the value ('' for the whole value). */
export interface ExampleCheck {
  path: string;
  /** "must be `int`", like JSON Schema examples' "must be integer". */
  message: string;
  /** No verdict: the check would take more work than an example may (`message` says so). */
  unchecked?: true;
}

/** A field found in a payload schema: its type as the format names it (`int`, `repeated shop.Line`). */
export type FieldLookup = { type: string } | undefined;

/** Known formats by `schemaFormat` (lowercased). Each module imports its library lazily itself. */
const formats: { test: RegExp; format: PayloadFormat }[] = [
  { test: AVRO_FORMAT, format: avro },
  { test: PROTOBUF_FORMAT, format: protobuf },
];

/** The module for a `schemaFormat`, or undefined for JSON Schema, AsyncAPI schemas and unknown formats. */
export function payloadFormat(schemaFormat: string): PayloadFormat | undefined {
  const f = schemaFormat.trim().toLowerCase();
  return formats.find((x) => x.test.test(f))?.format;
}

/** The family a `schemaFormat` belongs to, for telling a format change (JSON Schema → Avro) apart. */
export function formatFamily(schemaFormat: string): string {
  return payloadFormat(schemaFormat)?.id ?? 'json-schema';
}

/** Where each payload, headers or Kafka key schema of a known other format is written (after its `$ref`), once each. */
export function foreignPayloadRoots(model: { messages: { payload?: SchemaNode; headers?: SchemaNode; key?: SchemaNode }[]; workspace: Workspace }): (NodeLocation & { node: SchemaNode; format: PayloadFormat })[] {
  const out: (NodeLocation & { node: SchemaNode; format: PayloadFormat })[] = [];
  const seen = new Set<string>();
  for (const m of model.messages)
    for (const node of [m.payload, m.headers, m.key]) {
      const format = node && payloadFormat(node.format);
      if (!node || !format) continue;
      const loc = resolvePayload(model.workspace, node).source;
      const key = `${loc.file}#${loc.pointer}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ file: loc.file, pointer: loc.pointer, node, format });
    }
  return out;
}

