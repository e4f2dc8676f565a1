/**
 * Protobuf message → TypeScript types, read with protobufjs as the runtime reads it (runtime
 * codecs/protobuf.ts), typed as `toObject(TO_OBJECT)` hands messages out: 64-bit integers as decimal
 * strings, 32-bit integers, float and double as numbers, bool, string, bytes as `Uint8Array`, enums as
 * unions of their value names, repeated → arrays, map → `Record<string, V>`, message fields `T | null`
 * (null when unset), proto3 `optional` fields optional, a oneof as a union of its members (at most one
 * set). Each message and enum reached from the payload gets one declaration, nested ones prefixed with
 * their parent's name (`OrderPlacedStatus`).
 *
 * The message a payload stands for is chosen as @asyncapi/protobuf-schema-parser chooses it: the one
 * message no other message uses as a field type, else the one whose comment says `@RootNode`.
 */
import type * as Protobuf from 'protobufjs';
import { protobufRoot } from '../runtime/codecs/protobuf.js';
import type { CodedPayload } from './avro-types.js';
import { docComment, propertyKey, stringLiteral } from './escape.js';
import { NameRegistry, pascalCase } from './naming.js';

const SCALARS: Record<string, string> = {
  double: 'number', float: 'number', int32: 'number', uint32: 'number', sint32: 'number', fixed32: 'number', sfixed32: 'number',
  int64: 'string', uint64: 'string', sint64: 'string', fixed64: 'string', sfixed64: 'string',
  bool: 'boolean', string: 'string', bytes: 'Uint8Array',
};

export class ProtoTypes {
  private readonly byType = new Map<Protobuf.ReflectionObject, string>();
  private readonly declarations = new Map<string, string>();

  constructor(private readonly names: NameRegistry) {}

  /**
   * The payload type and codec of a .proto source and the sources it imports (`sources[0]` the payload's
   * own). Throws on sources protobufjs refuses or with no root message.
   */
  payload(sources: readonly string[]): CodedPayload {
    // The payload is one of its own source's messages, never an imported one.
    const fullName = rootMessage(protobufRoot(sources[0], false)).fullName.replace(/^\./, '');
    const message = protobufRoot(sources).lookupType(fullName);
    const literal = sources.length === 1 ? stringLiteral(sources[0]) : `[${sources.map(stringLiteral).join(', ')}]`;
    return {
      type: this.named(message),
      codec: `protobufCodec(${literal}, ${stringLiteral(fullName)})`,
      contentType: 'application/x-protobuf',
    };
  }

  render(): string {
    return [...this.declarations.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, text]) => text)
      .join('\n');
  }

  private named(t: Protobuf.Type | Protobuf.Enum): string {
    const known = this.byType.get(t);
    if (known) return known;
    const parent = t.parent && 'fieldsArray' in t.parent ? this.named(t.parent as Protobuf.Type) : '';
    const name = this.names.take(pascalCase(parent + pascalCase(t.name), 'Message'));
    this.byType.set(t, name);
    const doc = docComment(cleanComment(t.comment));
    if (!('fieldsArray' in t)) {
      this.declarations.set(name, `${doc}export type ${name} = ${Object.keys(t.values).map(stringLiteral).join(' | ')};\n`);
      return name;
    }
    const line = (f: Protobuf.Field, optional: boolean) => `${docComment(cleanComment(f.comment), '  ')}  ${propertyKey(f.name)}${optional ? '?' : ''}: ${this.field(f)};`;
    const plain = t.fieldsArray.filter((f) => !f.partOf || isSynthetic(f.partOf));
    const body = `{\n${plain.map((f) => line(f, !!f.partOf || isMessage(f))).join('\n')}\n}`;
    const oneofs = t.oneofsArray.filter((o) => !isSynthetic(o));
    if (!oneofs.length) {
      this.declarations.set(name, `${doc}export interface ${name} ${body}\n`);
      return name;
    }
    // Each oneof: one member set (the others absent), or none.
    const alternatives = oneofs.map((o) => {
      const members = o.fieldsArray;
      const none = members.map((m) => `${propertyKey(m.name)}?: never`);
      const alts = members.map((m) => `{ ${[`${propertyKey(m.name)}: ${this.field(m)}`, ...members.filter((x) => x !== m).map((x) => `${propertyKey(x.name)}?: never`)].join('; ')} }`);
      return `(${[...alts, `{ ${none.join('; ')} }`].join(' | ')})`;
    });
    this.declarations.set(name, `${doc}export type ${name} = ${body} & ${alternatives.join(' & ')};\n`);
    return name;
  }

  private field(f: Protobuf.Field): string {
    const value = f.resolvedType ? this.named(f.resolvedType as Protobuf.Type | Protobuf.Enum) : (SCALARS[f.type] ?? 'unknown');
    if (f.map) return `Record<string, ${value}>`;
    if (f.repeated) return `${value}[]`;
    return isMessage(f) && !f.partOf ? `${value} | null` : value;
  }
}

const isMessage = (f: Protobuf.Field) => !!f.resolvedType && 'fieldsArray' in f.resolvedType && !f.map && !f.repeated;
/** proto3 `optional x = 1;` is a oneof `_x` of one field. */
const isSynthetic = (o: Protobuf.OneOf) => o.fieldsArray.length === 1 && o.name === `_${o.fieldsArray[0].name}`;
const cleanComment = (c: string | null) => (c ?? '').replace(/@RootNode/g, '').trim() || undefined;

function allTypes(ns: Protobuf.NamespaceBase): Protobuf.Type[] {
  const out: Protobuf.Type[] = [];
  for (const item of ns.nestedArray) {
    if ('fieldsArray' in item) out.push(item as Protobuf.Type);
    if ('nestedArray' in item) out.push(...allTypes(item as Protobuf.NamespaceBase));
  }
  return out;
}

/** @asyncapi/protobuf-schema-parser's `findRootItem`, over the messages of the source. */
export function rootMessage(root: Protobuf.Root): Protobuf.Type {
  const candidates = allTypes(root);
  const usedBy = new Map<string, Set<string>>();
  for (const c of candidates)
    for (const f of c.fieldsArray) {
      if (!usedBy.has(f.type)) usedBy.set(f.type, new Set());
      usedBy.get(f.type)!.add(c.name);
    }
  const roots = candidates.filter((c) => {
    const users = usedBy.get(c.name);
    return !(users && (users.size > 1 || !users.has(c.name)));
  });
  if (roots.length === 1) return roots[0];
  if (roots.length === 0) throw new Error('no root message: every message is used by another');
  const marked = roots.find((r) => r.comment?.includes('@RootNode'));
  if (marked) return marked;
  throw new Error(`more than one root message (${roots.map((r) => r.name).join(', ')}); mark one with a \`// @RootNode\` comment`);
}
