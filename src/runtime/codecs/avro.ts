/**
 * Avro payloads through avsc: `Type.toBuffer` / `Type.fromBuffer`, checked with `Type.isValid` and its
 * error hook. avsc is CommonJS and is required on first use, so users of specgate/runtime whose
 * payloads are all JSON never load it.
 */
import { createRequire } from 'node:module';
import type * as Avsc from 'avsc';
import type { ValidationIssue } from '../errors.js';
import { pointer, type PayloadCodec } from './types.js';

const require = createRequire(import.meta.url);
let lib: typeof Avsc | undefined;
let decimal: unknown;

/**
 * How specgate reads an Avro schema, for the runtime and for the generated types alike: unions are
 * unwrapped where avsc can tell their branches apart by JavaScript type (`wrapUnions: 'auto'`), and
 * `decimal` values are decimal strings (`"12.45"`), as JSON has no exact decimal number. The other
 * logical types keep their underlying type (timestamps and dates are numbers).
 */
export function avroType(schema: unknown): Avsc.Type {
  lib ??= require('avsc') as typeof Avsc;
  decimal ??= decimalType(lib);
  return lib.Type.forSchema(schema as Avsc.Schema, { wrapUnions: 'auto', logicalTypes: { decimal: decimal as never } });
}

export function avroCodec(schema: unknown): PayloadCodec {
  let type: Avsc.Type | undefined;
  const t = () => (type ??= avroType(schema));
  const named = (schema as { name?: unknown }).name;
  return {
    label: `Avro ${typeof named === 'string' ? named : 'value'}`,
    check(payload) {
      const issues: ValidationIssue[] = [];
      // noUndeclaredFields: a field the schema does not have would be dropped silently by toBuffer.
      t().isValid(payload, { noUndeclaredFields: true, errorHook: (path, value, at) => issues.push({ path: pointer(path), message: describe(at, value) }) });
      return issues.length ? issues : undefined;
    },
    encode: (payload) => t().toBuffer(payload),
    decode: (body) => plain(t().fromBuffer(Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength))),
  };
}

/** avsc reads records as instances of a class per record type; handlers get plain objects, as from JSON. */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(plain);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: plain((v as Record<string, unknown>)[k]), writable: true, enumerable: true, configurable: true });
  return out;
}

function describe(type: Avsc.Type, value: unknown): string {
  if (value === undefined) return 'is required';
  const name = type.typeName;
  if (name === 'enum') return `must be one of ${(type as Avsc.types.EnumType).symbols.join(', ')}`;
  if (name === 'record' || name === 'error') {
    const fields = (type as Avsc.types.RecordType).fields.map((f) => f.name);
    const unknown = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).filter((k) => !fields.includes(k)) : [];
    if (unknown.length) return `has unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `\`${k}\``).join(', ')}`;
    return `must be a ${type.name ?? 'record'} record`;
  }
  if (name === 'fixed') return `must be a Buffer of ${(type as Avsc.types.FixedType).size} bytes`;
  if (name === 'logical:decimal') return 'must be a decimal string within the precision and scale of the schema';
  if (name.startsWith('union')) return 'matches no branch of the union';
  return `must be ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name === 'bytes' ? 'Buffer' : name}`;
}

/**
 * `decimal` on `bytes` or `fixed`: the unscaled value as a big-endian two's-complement integer, given
 * and read as a decimal string with at most `scale` fraction digits and `precision` digits in all.
 */
function decimalType(avsc: typeof Avsc) {
  return class DecimalType extends avsc.types.LogicalType {
    private readonly scale: number;
    private readonly precision: number;
    constructor(schema: Avsc.Schema, opts?: Partial<Avsc.ForSchemaOptions>) {
      super(schema, opts);
      const s = schema as { scale?: number; precision?: number };
      this.scale = s.scale ?? 0;
      this.precision = s.precision ?? Infinity;
    }
    override _fromValue(buf: Buffer): string {
      let n = 0n;
      for (const b of buf) n = (n << 8n) | BigInt(b);
      if (buf.length && buf[0] & 0x80) n -= 1n << BigInt(8 * buf.length);
      const digits = (n < 0n ? -n : n).toString().padStart(this.scale + 1, '0');
      const int = digits.slice(0, digits.length - this.scale);
      return `${n < 0n ? '-' : ''}${int}${this.scale ? `.${digits.slice(-this.scale)}` : ''}`;
    }
    override _toValue(value: unknown): Buffer | undefined {
      const m = typeof value === 'string' ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(value) : null;
      if (!m || (m[3] ?? '').length > this.scale) return undefined;
      const digits = (m[2] + (m[3] ?? '').padEnd(this.scale, '0')).replace(/^0+(?=\d)/, '');
      if (digits.length > this.precision) return undefined;
      let n = BigInt(digits) * (m[1] ? -1n : 1n);
      const bytes: number[] = [];
      do {
        bytes.unshift(Number(n & 0xffn));
        n >>= 8n;
      } while (!((n === 0n && !(bytes[0] & 0x80)) || (n === -1n && bytes[0] & 0x80)));
      const size = (this.underlyingType as { size?: number }).size;
      if (size !== undefined) {
        if (bytes.length > size) return undefined;
        while (bytes.length < size) bytes.unshift(bytes[0] & 0x80 ? 0xff : 0);
      }
      return Buffer.from(bytes);
    }
    override _resolve(type: Avsc.Type) {
      if (avsc.Type.isType(type, 'logical:decimal') && (type as unknown as DecimalType).scale === this.scale) return (v: string) => v;
      return undefined;
    }
  };
}
