import { appendPointer } from '../../load/pointer.js';
import type { NodeLocation } from '../../load/workspace.js';
import { payloadFormat } from '../../formats/index.js';
import type { Workspace } from '../../load/workspace.js';
import { findInstanceSchemas } from '../../model/schema.js';
import type { Message, Operation, SchemaNode } from '../../model/types.js';

export function at(loc: NodeLocation, ...tokens: (string | number)[]): NodeLocation {
  return { file: loc.file, pointer: appendPointer(loc.pointer, ...tokens) };
}

/** `operation \`createOrder\`` or `\`GET /orders\``: how findings name an operation. */
export function opName(op: Operation): string {
  return op.http ? `\`${op.http.method.toUpperCase()} ${op.http.path}\`` : `operation \`${op.id}\``;
}

/**
 * Whether values of a headers or payload schema have a field at `pointer` (`/orderId`): JSON Schema
 * `properties`, Avro record fields, Protobuf message fields. Undefined: no verdict (a format specgate
 * does not read, such as RAML, or a schema that cannot be read).
 */
export function declaresField(ws: Workspace, node: SchemaNode, pointer: string): boolean | undefined {
  const format = payloadFormat(node.format);
  if (format) {
    const f = format.fieldAt(node, ws, pointer);
    return f === null ? undefined : f !== undefined;
  }
  if (!isJsonSchemaFormat(node.format)) return undefined;
  return findInstanceSchemas(ws, node, pointer).length > 0;
}

/** JSON Schema and its dialects (AsyncAPI, OpenAPI schemas); not Avro, Protobuf, RAML. */
export function isJsonSchemaFormat(format: string): boolean {
  return format === '' || /asyncapi|schema\+json|schema\+yaml|openapi|json-schema|dialect/i.test(format);
}

export function msgName(m: Message): string {
  return `message \`${m.name ?? m.id}\``;
}

export function isObj(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Options that are lists of non-empty strings. */
export function stringList(value: unknown): string | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'string' && x !== '')
    ? undefined
    : 'must be a non-empty list of strings';
}

/** `v2` in `/v2/orders`, `orders.v2.created`, `customer-service.v1.{region}.commands`. */
export function majorVersionsIn(text: string): number[] {
  return [...text.matchAll(/(?:^|[/._:-])v(\d+)(?=$|[/._:-])/gi)].map((m) => Number(m[1]));
}
