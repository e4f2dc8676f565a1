/**
 * Payloads in Avro or Protobuf (`schemaFormat`): their TypeScript type and runtime codec, from the
 * schema inline or behind a `$ref` (an `.avsc` file, a `.proto` file read as text).
 */
import type { Workspace } from '../load/workspace.js';
import type { SchemaNode } from '../model/types.js';
import { AvroTypes, type CodedPayload } from './avro-types.js';
import type { NameRegistry } from './naming.js';
import { ProtoTypes } from './proto-types.js';
import { readProtoPayload } from '../formats/protobuf/index.js';
import { inlined, rootOf } from '../formats/avro/schema.js';

export const AVRO_FORMAT = /^application\/vnd\.apache\.avro(\+(json|yaml))?(;|$)/;
export const PROTOBUF_FORMAT = /^application\/vnd\.google\.protobuf(;|$)/;

const isRef = (v: unknown): v is { $ref: string } => v !== null && typeof v === 'object' && typeof (v as { $ref?: unknown }).$ref === 'string';

export function codedPayload(ws: Workspace, names: NameRegistry) {
  const avro = new AvroTypes(names);
  const proto = new ProtoTypes(names);
  const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));
  return {
    /** Undefined for a format that is neither. */
    payload(node: SchemaNode): CodedPayload | { problem: string } | undefined {
      const isAvro = AVRO_FORMAT.test(node.format);
      if (!isAvro && !PROTOBUF_FORMAT.test(node.format)) return undefined;
      if (!isAvro) {
        // With the files it imports, read as validate reads them.
        const r = readProtoPayload(ws, node);
        if ('problem' in r) return { problem: isRef(node.value) && !ws.deref(node.value, node.source) ? `$ref \`${node.value.$ref}\` cannot be resolved` : `Protobuf schema refused: ${r.problem}` };
        try {
          return proto.payload(r.schema.sources);
        } catch (e) {
          return { problem: `Protobuf schema refused: ${describe(e)}` };
        }
      }
      const root = rootOf(node, ws);
      if (!root) return { problem: `$ref \`${(node.value as { $ref: string }).$ref}\` cannot be resolved` };
      // avsc knows no `$ref`: the codec gets the schema with the .avsc files it refers to inlined.
      const value = inlined(root);
      if (value === undefined) return { problem: 'Avro schema refused: a `$ref` in it does not resolve, or is inside the schema it refers to (`specgate validate` says where)' };
      try {
        return avro.payload(value);
      } catch (e) {
        return { problem: `Avro schema refused: ${describe(e)}` };
      }
    },
    render: () => [avro.render(), proto.render()].filter(Boolean).join('\n'),
  };
}
