// Reading a Protobuf payload as messaging rules need it: is there a field at `/a/b`, and is a message
// example a value of the root message in Protobuf's JSON mapping (protobuf.dev/programming-guides/json).
// Both walk the parsed schema (parse.ts), so paths and type names are the .proto's own.
import { parsePointer } from '../../load/pointer.js';
import type { ExampleCheck, FieldLookup } from '../index.js';
import type { ProtoField, ProtoMessage, ProtoSchema } from './parse.js';

/** A field by its .proto name or its JSON name: the JSON mapping accepts both. */
function field(m: ProtoMessage, key: string): ProtoField | undefined {
  return m.fields.find((f) => f.name === key) ?? m.fields.find((f) => f.jsonName === key);
}

/** `map<string, shop.Line>` → `shop.Line`. */
const mapValue = (type: string) => /^map<\s*\w+\s*,\s*(.+)>$/.exec(type)?.[1]?.trim() ?? type;

/** What stands at `pointer` in JSON values of the root message: fields, any map key, any list index. */
export function protoFieldAt(schema: ProtoSchema, pointer: string): FieldLookup {
  let msg: ProtoMessage | undefined = schema.messages.get(schema.root);
  let type = schema.root;
  // A repeated or map field's value is a list or object; the next token steps into one element.
  let container: 'list' | 'map' | undefined;
  for (const token of parsePointer(pointer)) {
    if (container) {
      if (container === 'list' && !/^\d+$/.test(token)) return undefined;
      container = undefined;
      msg = schema.messages.get(type);
      continue;
    }
    const f = msg && field(msg, token);
    if (!f) return undefined;
    type = f.kind === 'map' ? mapValue(f.type) : f.type;
    container = f.cardinality === 'repeated' ? 'list' : f.kind === 'map' ? 'map' : undefined;
    msg = container ? undefined : schema.messages.get(type);
  }
  return { type: container === 'list' ? `repeated ${type}` : container === 'map' ? `map of ${type}` : type };
}

const INT32 = 2 ** 31;
const code = (v: string) => '`' + v + '`';

/**
 * Whether an example is a JSON value of the root message. The first problem of each field is reported
 * at its JSON pointer. As the JSON mapping has it: integers may be numbers or decimal strings, 64-bit
 * ones usually strings; `bytes` is base64; enums are value names or numbers; `null` is the field's
 * default; names the message does not declare are rejected (parsers reject unknown fields by default).
 * Google's well-known types (`google.protobuf.Timestamp` is an RFC 3339 string, `Struct` any object)
 * have JSON forms of their own and are not checked.
 */
export function checkProtoExample(schema: ProtoSchema, value: unknown): ExampleCheck[] {
  const out: ExampleCheck[] = [];
  const message = (name: string, v: unknown, path: string, depth: number): void => {
    const m = schema.messages.get(name);
    if (!m || name.startsWith('google.protobuf.') || depth > 64) return;
    if (!isObj(v)) return void out.push({ path, message: `must be an object (message ${code(short(name))})` });
    const oneofs = new Map<string, string>();
    for (const [k, x] of Object.entries(v)) {
      const p = `${path}/${escape(k)}`;
      const f = field(m, k);
      if (!f) {
        out.push({ path: p, message: `is not a field of message ${code(short(name))}` });
        continue;
      }
      if (f.oneof && x !== null) {
        const other = oneofs.get(f.oneof);
        if (other) out.push({ path: p, message: `is in oneof ${code(f.oneof)} with ${code(other)}, which is set too` });
        oneofs.set(f.oneof, k);
      }
      if (x === null) continue;
      if (f.cardinality === 'repeated') {
        if (!Array.isArray(x)) out.push({ path: p, message: `must be an array (repeated ${code(f.type)})` });
        else x.some((y, i) => single(f, f.type, y, `${p}/${i}`, depth));
      } else if (f.kind === 'map') {
        if (!isObj(x)) out.push({ path: p, message: `must be an object (${code(f.type)})` });
        else Object.entries(x).some(([mk, y]) => single(f, mapValue(f.type), y, `${p}/${escape(mk)}`, depth));
      } else single(f, f.type, x, p, depth);
    }
    for (const f of m.fields)
      if (f.cardinality === 'required' && !Object.hasOwn(v, f.name) && !Object.hasOwn(v, f.jsonName))
        out.push({ path, message: `must have required field ${code(f.name)} of message ${code(short(name))}` });
  };
  /** One value of a field's type; true when it has a problem (which stops a list or map at its first). */
  const single = (f: ProtoField, type: string, v: unknown, path: string, depth: number): boolean => {
    const n = out.length;
    if (schema.messages.has(type)) message(type, v, path, depth + 1);
    else if (schema.enums.has(type)) {
      const e = schema.enums.get(type)!;
      const ok = (typeof v === 'string' && e.values.some((x) => x.name === v)) || (Number.isInteger(v) && (v as number) >= -INT32 && (v as number) < INT32);
      if (!ok) out.push({ path, message: `must be a value of enum ${code(short(type))}: ${e.values.map((x) => code(x.name)).join(', ')}` });
    } else if (f.kind !== 'message' && !scalarOk(type, v)) out.push({ path, message: `must be ${code(type)}${scalarNote(type)}` });
    return out.length > n;
  };
  message(schema.root, value, '', 0);
  return out;
}

function scalarOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'bool':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string';
    case 'bytes':
      return typeof v === 'string' && /^[A-Za-z0-9+/\-_]*={0,2}$/.test(v);
    case 'double':
    case 'float':
      return typeof v === 'number' || (typeof v === 'string' && (/^(NaN|-?Infinity)$/.test(v) || (v.trim() !== '' && Number.isFinite(Number(v)))));
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return inRange(v, -INT32, INT32);
    case 'uint32':
    case 'fixed32':
      return inRange(v, 0, 2 ** 32);
    case 'int64':
    case 'sint64':
    case 'sfixed64':
      return inRange(v, -(2n ** 63n), 2n ** 63n);
    case 'uint64':
    case 'fixed64':
      return inRange(v, 0n, 2n ** 64n);
    default:
      return true; // a type the parser resolved that is neither scalar, message nor enum: nothing to check
  }
}

/** An integer in [lo, hi), written as a JSON number or a decimal string (both are the JSON mapping's). */
function inRange(v: unknown, lo: number | bigint, hi: number | bigint): boolean {
  let n: bigint;
  if (typeof v === 'number' && Number.isInteger(v)) n = BigInt(v);
  else if (typeof v === 'string' && /^-?\d+$/.test(v)) n = BigInt(v);
  else return false;
  return n >= BigInt(lo) && n < BigInt(hi);
}

function scalarNote(type: string): string {
  if (/^(s?fixed|u?int|sint)32$/.test(type)) return ' (a 32-bit integer, as a number or a decimal string)';
  if (/64$/.test(type) && type !== 'double') return ' (a 64-bit integer, as a number or a decimal string)';
  if (type === 'bytes') return ' (base64)';
  return '';
}

const short = (full: string) => full.slice(full.lastIndexOf('.') + 1);

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function escape(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
