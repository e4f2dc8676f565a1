/**
 * Protobuf payloads through protobufjs: `Type.encode(Type.fromObject(v))` and
 * `Type.toObject(Type.decode(bytes), TO_OBJECT)`. protobufjs is required on first use, so users of
 * specgate/runtime whose payloads are all JSON never load it.
 */
import { createRequire } from 'node:module';
import type * as Protobuf from 'protobufjs';
import type { ValidationIssue } from '../errors.js';
import { pointer, type PayloadCodec } from './types.js';

const require = createRequire(import.meta.url);
let lib: typeof Protobuf | undefined;

/** Field names as written in the .proto (as @asyncapi/protobuf-schema-parser reads them). */
export const PARSE_OPTIONS = { keepCase: true, alternateCommentMode: true } as const;

/**
 * What a decoded message looks like, and so what the generated types say: 64-bit integers as decimal
 * strings (no precision lost), enums by name, every field present (proto3 defaults filled in; unset
 * message fields `null`), bytes as Buffers, oneof members only when set.
 */
export const TO_OBJECT = { longs: String, enums: String, defaults: true, arrays: true, objects: true } as const;

/** One root of the payload's .proto source and the sources it imports (each parsed into it, in order). */
export function protobufRoot(source: string | readonly string[], resolve = true): Protobuf.Root {
  lib ??= require('protobufjs') as typeof Protobuf;
  const root = new lib.Root();
  for (const s of typeof source === 'string' ? [source] : source) lib.parse(s, root, PARSE_OPTIONS);
  if (resolve) root.resolveAll();
  return root;
}

export function protobufCodec(source: string | readonly string[], typeName: string): PayloadCodec {
  let type: Protobuf.Type | undefined;
  const t = () => (type ??= protobufRoot(source).lookupType(typeName));
  return {
    label: `Protobuf ${typeName}`,
    check(payload) {
      const issues: ValidationIssue[] = [];
      checkMessage(t(), payload, [], issues);
      return issues.length ? issues : undefined;
    },
    encode: (payload) => t().encode(t().fromObject(payload as Record<string, unknown>)).finish(),
    decode: (body) => t().toObject(t().decode(body), TO_OBJECT),
  };
}

/*
 * Not `Type.verify`: its paths name no array index (`lines.sku`) and it rejects the decimal-string
 * 64-bit integers that TO_OBJECT hands out, so a decoded message would not pass its own check. This walk
 * accepts what `fromObject` encodes faithfully and reports JSON pointers, like the JSON Schema checks.
 */
const INT32: Record<string, [number, number]> = {
  int32: [-0x80000000, 0x7fffffff],
  sint32: [-0x80000000, 0x7fffffff],
  sfixed32: [-0x80000000, 0x7fffffff],
  uint32: [0, 0xffffffff],
  fixed32: [0, 0xffffffff],
};
const INT64: Record<string, [bigint, bigint]> = {
  int64: [-(1n << 63n), (1n << 63n) - 1n],
  sint64: [-(1n << 63n), (1n << 63n) - 1n],
  sfixed64: [-(1n << 63n), (1n << 63n) - 1n],
  uint64: [0n, (1n << 64n) - 1n],
  fixed64: [0n, (1n << 64n) - 1n],
};

type Path = (string | number)[];
const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

function checkMessage(type: Protobuf.Type, value: unknown, path: Path, issues: ValidationIssue[]): void {
  if (!isObj(value)) return void issues.push({ path: pointer(path), message: `must be a ${type.name} message (an object)` });
  for (const k of Object.keys(value)) if (!Object.hasOwn(type.fields, k)) issues.push({ path: pointer([...path, k]), message: `is not a field of ${type.name}` });
  for (const oneof of type.oneofsArray) {
    const set = oneof.oneof.filter((f) => value[f] !== undefined && value[f] !== null);
    if (set.length > 1) issues.push({ path: pointer(path), message: `sets ${set.join(' and ')}; at most one of oneof ${oneof.name} may be set` });
  }
  for (const field of type.fieldsArray) {
    const v = Object.hasOwn(value, field.name) ? value[field.name] : undefined;
    if (v === undefined || v === null) continue; // unset: the proto3 default
    const at = [...path, field.name];
    if (field.map) {
      if (!isObj(v)) issues.push({ path: pointer(at), message: 'must be an object (a map)' });
      else for (const k of Object.keys(v)) checkValue(field, v[k], [...at, k], issues);
    } else if (field.repeated) {
      if (!Array.isArray(v)) issues.push({ path: pointer(at), message: 'must be an array' });
      else v.forEach((x, i) => checkValue(field, x, [...at, i], issues));
    } else checkValue(field, v, at, issues);
  }
}

function checkValue(field: Protobuf.Field, v: unknown, path: Path, issues: ValidationIssue[]): void {
  const resolved = field.resolvedType;
  if (resolved && 'fieldsArray' in resolved) return checkMessage(resolved as Protobuf.Type, v, path, issues);
  const fail = (message: string) => void issues.push({ path: pointer(path), message });
  if (resolved) {
    const e = resolved as Protobuf.Enum;
    if (!(typeof v === 'string' ? Object.hasOwn(e.values, v) : Number.isInteger(v) && Object.hasOwn(e.valuesById, v as number)))
      fail(`must be one of ${Object.keys(e.values).join(', ')}`);
    return;
  }
  const t = field.type;
  if (t === 'string') return void (typeof v !== 'string' && fail('must be a string'));
  if (t === 'bool') return void (typeof v !== 'boolean' && fail('must be a boolean'));
  if (t === 'bytes') return void (!(v instanceof Uint8Array) && fail('must be a Uint8Array'));
  if (t === 'double' || t === 'float') return void (typeof v !== 'number' && fail('must be a number'));
  const r32 = INT32[t];
  if (r32) return void (!(Number.isInteger(v) && (v as number) >= r32[0] && (v as number) <= r32[1]) && fail(`must be an integer in ${t} range`));
  const r64 = INT64[t];
  if (r64) {
    const n = Number.isSafeInteger(v) ? BigInt(v as number) : typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : undefined;
    if (n === undefined || n < r64[0] || n > r64[1]) fail(`must be a ${t} as a decimal string (or a safe integer)`);
  }
}
