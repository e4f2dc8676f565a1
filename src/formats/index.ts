// Payload formats other than JSON Schema (AsyncAPI `schemaFormat`): each one validates its schemas,
// converts them to JSON Schema and compares two versions in its own terms. Each format registers in its
// own file; this module must stay free of their libraries (they are loaded on first use).
import type { NodeLocation, Workspace } from '../load/workspace.js';
import type { Range } from '../model/diagnostic.js';
import type { SchemaNode } from '../model/types.js';
import type { Direction } from '../diff/types.js';
import { protobufFormat } from './protobuf/index.js';

/** One problem in a payload schema: at a node, and where known the exact range inside it. */
export interface FormatDiagnostic {
  message: string;
  at: NodeLocation;
  range?: Range;
}

export interface FormatContext {
  workspace: Workspace;
}

/** One change between two versions of a payload schema: a diff rule and a sentence (no final period). */
export interface FormatFinding {
  rule: string;
  message: string;
  /** What identifies this change among others of its rule in the same payload (fingerprints). */
  key: string;
}

export interface PayloadFormat {
  id: string;
  /** This format reads the schemas of `schemaFormat`. */
  handles(schemaFormat: string): boolean;
  validate(node: SchemaNode, ctx: FormatContext): FormatDiagnostic[];
  /** The schema as JSON Schema; undefined when it cannot be read. */
  toJsonSchema(node: SchemaNode): unknown;
  /** Compare two versions for data flowing `dir` (accept: the revision reads base data; emit: base readers read revision data). */
  diff(base: SchemaNode, rev: SchemaNode, dir: Direction, report: (f: FormatFinding) => void): void;
}

const formats: readonly PayloadFormat[] = [protobufFormat];

/** The format that reads schemas of `schemaFormat`; undefined for JSON Schema and unknown formats. */
export function payloadFormat(schemaFormat: string): PayloadFormat | undefined {
  return formats.find((f) => f.handles(schemaFormat));
}

/** The payload schema itself when it is a `$ref` (a .proto file is one string); else the node as it is. */
export function resolvePayload(ws: Workspace, node: SchemaNode): SchemaNode {
  const d = ws.deref(node.value, node.source);
  return d ? { ...node, value: d.value, source: d.location } : node;
}
