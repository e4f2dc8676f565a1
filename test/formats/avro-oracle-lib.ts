// Avro diff against avsc's resolver: schema pairs made by mutating a few seed schemas (one mutation per
// rule family: fields with and without defaults, promotions and demotions, enum symbols with and without
// an enum default, unions, fixed sizes, renames with and without aliases), each pair judged both ways.
// avsc's `reader.createResolver(writer)` throws when data written with `writer` cannot be read with
// `reader`; ours is compatible when the resolution-rule diff finds nothing breaking. Used by
// test/formats/avro-oracle.test.ts and scripts/conformance-avro.mjs (docs/conformance-avro.md).
import { createRequire } from 'node:module';
import { avroCompatible } from '../../src/formats/avro/resolve.js';

const avsc = createRequire(import.meta.url)('avsc') as typeof import('avsc');

type S = Record<string, unknown>;
const clone = <T>(x: T): T => structuredClone(x);
const PRIMS = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];
const SAMPLE: Record<string, unknown> = { null: null, boolean: false, int: 0, long: 0, float: 0, double: 0, bytes: '', string: '' };

/** Seed schemas: each is a record of fields; mutations edit one field or type. */
function seeds(): { name: string; schema: S }[] {
  const base = (fields: unknown[], extra: S = {}): S => ({ type: 'record', name: 'Order', namespace: 'com.shop', fields, ...extra });
  return [
    { name: 'flat', schema: base(PRIMS.filter((p) => p !== 'null').map((p) => ({ name: `f_${p}`, type: p }))) },
    {
      name: 'nested',
      schema: base([
        { name: 'id', type: 'string' },
        { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
        { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 16 } },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }] } } },
        { name: 'tags', type: { type: 'map', values: 'string' } },
        { name: 'amount', type: ['int', 'string'] },
      ]),
    },
  ];
}

export interface Pair {
  id: string;
  /** Mutation family and what it did. */
  kind: string;
  what: string;
  a: S;
  b: S;
}

const fieldsOf = (s: S) => s.fields as S[];

/** Every pair: (seed, mutated seed). */
export function pairs(): Pair[] {
  const out: Pair[] = [];
  let n = 0;
  const add = (kind: string, what: string, a: S, edit: (b: S) => void) => {
    const b = clone(a);
    edit(b);
    out.push({ id: `avro-${String(++n).padStart(3, '0')}`, kind, what, a, b });
  };
  const [flat, nested] = seeds().map((s) => s.schema);
  // Fields added and removed, with and without a default.
  for (const p of PRIMS) {
    add('field', `add \`${p}\` field without default`, flat, (b) => fieldsOf(b).push({ name: 'x', type: p }));
    add('field', `add \`${p}\` field with default`, flat, (b) => fieldsOf(b).push({ name: 'x', type: p, default: SAMPLE[p] }));
    add('field', `add nullable \`${p}\` field, default null`, flat, (b) => fieldsOf(b).push({ name: 'x', type: p === 'null' ? 'null' : ['null', p], default: null }));
  }
  for (const f of fieldsOf(nested)) {
    add('field', `remove field \`${f.name}\``, nested, (b) => (b.fields = fieldsOf(b).filter((x) => x.name !== f.name)));
    add('field', `give field \`${f.name}\` a default, then remove it`, withDefault(nested, f.name as string), (b) => (b.fields = fieldsOf(b).filter((x) => x.name !== f.name)));
  }
  add('field', 'add a field to the nested record, without default', nested, (b) => ((fieldsOf(b)[4].type as S).items as S).fields && ((((fieldsOf(b)[4].type as S).items as S).fields as S[]).push({ name: 'price', type: 'double' })));
  add('field', 'add a field to the nested record, with default', nested, (b) => (((fieldsOf(b)[4].type as S).items as S).fields as S[]).push({ name: 'price', type: 'double', default: 0 }));
  // Promotions and demotions: every primitive to every other.
  for (const from of PRIMS.filter((p) => p !== 'null'))
    for (const to of PRIMS)
      if (from !== to) add('type', `field \`${from}\` → \`${to}\``, flat, (b) => (fieldsOf(b).find((x) => x.name === `f_${from}`)!.type = to));
  const nonNull = PRIMS.filter((p) => p !== 'null');
  const nullables: S = { type: 'record', name: 'Order', fields: nonNull.map((p) => ({ name: `f_${p}`, type: ['null', p], default: null })) };
  const arrays: S = { type: 'record', name: 'Order', fields: nonNull.map((p) => ({ name: `f_${p}`, type: { type: 'array', items: p } })) };
  for (const from of nonNull)
    for (const to of nonNull.filter((p) => p !== from)) {
      add('type', `nullable \`${from}\` → nullable \`${to}\``, nullables, (b) => (fieldsOf(b).find((x) => x.name === `f_${from}`)!.type = ['null', to]));
      if (!['boolean', 'bytes'].includes(from)) add('type', `array of \`${from}\` → array of \`${to}\``, arrays, (b) => (fieldsOf(b).find((x) => x.name === `f_${from}`)!.type = { type: 'array', items: to }));
    }
  add('type', 'array items `string` → `bytes`', nested, (b) => (fieldsOf(b)[5].type = { type: 'map', values: 'bytes' }));
  add('type', 'map values `string` → `int`', nested, (b) => (fieldsOf(b)[5].type = { type: 'map', values: 'int' }));
  add('type', 'map → array', nested, (b) => (fieldsOf(b)[5].type = { type: 'array', items: 'string' }));
  add('type', 'enum → string', nested, (b) => (fieldsOf(b)[1].type = 'string'));
  add('type', 'record items → string items', nested, (b) => (fieldsOf(b)[4].type = { type: 'array', items: 'string' }));
  add('type', 'nested `qty` int → long', nested, (b) => ((((fieldsOf(b)[4].type as S).items as S).fields as S[])[1].type = 'long'));
  // Enum symbols, with and without an enum default on either side.
  const status = (s: S) => fieldsOf(s)[1].type as S;
  const withEnumDefault = clone(nested);
  status(withEnumDefault).default = 'NEW';
  for (const [label, seed] of [['', nested], [' (enum default NEW)', withEnumDefault]] as const) {
    add('enum', `add symbol${label}`, seed, (b) => (status(b).symbols as string[]).push('CANCELLED'));
    add('enum', `remove symbol SHIPPED${label}`, seed, (b) => (status(b).symbols = ['NEW', 'PAID']));
    add('enum', `remove symbol NEW${label}`, seed, (b) => {
      status(b).symbols = ['PAID', 'SHIPPED'];
      if (status(b).default) status(b).default = 'PAID';
    });
    add('enum', `reorder symbols${label}`, seed, (b) => (status(b).symbols = ['SHIPPED', 'PAID', 'NEW']));
    add('enum', `replace symbol SHIPPED by SENT${label}`, seed, (b) => (status(b).symbols = ['NEW', 'PAID', 'SENT']));
  }
  add('enum', 'add an enum default', nested, (b) => (status(b).default = 'NEW'));
  // Unions.
  const note = (s: S) => fieldsOf(s)[3];
  const amount = (s: S) => fieldsOf(s)[6];
  add('union', 'nullable string → string', nested, (b) => (note(b).type = 'string', delete note(b).default));
  add('union', 'nullable string → null, string, int', nested, (b) => (note(b).type = ['null', 'string', 'int']));
  add('union', 'nullable string → null, bytes', nested, (b) => (note(b).type = ['null', 'bytes']));
  add('union', 'nullable string → null, long', nested, (b) => (note(b).type = ['null', 'long']));
  add('union', 'int|string → long|string', nested, (b) => (amount(b).type = ['long', 'string']));
  add('union', 'int|string → string|int', nested, (b) => (amount(b).type = ['string', 'int']));
  add('union', 'int|string → int', nested, (b) => (amount(b).type = 'int'));
  add('union', 'int|string → double', nested, (b) => (amount(b).type = 'double'));
  add('union', 'int|string → string', nested, (b) => (amount(b).type = 'string'));
  add('union', 'int|string → int|string|null', nested, (b) => (amount(b).type = ['int', 'string', 'null']));
  add('union', 'id string → null|string', nested, (b) => (fieldsOf(b)[0].type = ['null', 'string']));
  add('union', 'id string → int|long', nested, (b) => (fieldsOf(b)[0].type = ['int', 'long']));
  add('union', 'int|string → int|bytes', nested, (b) => (amount(b).type = ['int', 'bytes']));
  add('union', 'int|string → Status|int|string', nested, (b) => (amount(b).type = [{ type: 'enum', name: 'Kind', symbols: ['A'] }, 'int', 'string']));
  // Unions of named types, and promotions inside unions.
  const rec = (name: string, fields: unknown[] = [{ name: 'v', type: 'int' }], extra: S = {}) => ({ type: 'record', name, fields, ...extra });
  const unionSeed: S = { type: 'record', name: 'Event', fields: [{ name: 'body', type: [rec('Created'), rec('Deleted')] }, { name: 'n', type: ['int', 'long'] }, { name: 'kind', type: ['null', { type: 'enum', name: 'Kind', symbols: ['A', 'B'] }], default: null }] };
  const body = (s: S) => fieldsOf(s)[0];
  add('union', 'record union loses a record', unionSeed, (b) => (body(b).type = [rec('Created')]));
  add('union', 'record union gains a record', unionSeed, (b) => (body(b).type = [rec('Created'), rec('Deleted'), rec('Updated')]));
  add('union', 'record union: records swapped', unionSeed, (b) => (body(b).type = [rec('Deleted'), rec('Created')]));
  add('union', 'record in a union renamed', unionSeed, (b) => (body(b).type = [rec('Created'), rec('Removed')]));
  add('union', 'record in a union renamed, old name as alias', unionSeed, (b) => (body(b).type = [rec('Created'), rec('Removed', undefined, { aliases: ['Deleted'] })]));
  add('union', 'record in a union gains a field without default', unionSeed, (b) => (body(b).type = [rec('Created'), rec('Deleted', [{ name: 'v', type: 'int' }, { name: 'w', type: 'int' }])]));
  add('union', 'record in a union gains a field with default', unionSeed, (b) => (body(b).type = [rec('Created'), rec('Deleted', [{ name: 'v', type: 'int' }, { name: 'w', type: 'int', default: 0 }])]));
  add('union', 'record in a union: field int → long', unionSeed, (b) => (body(b).type = [rec('Created'), rec('Deleted', [{ name: 'v', type: 'long' }])]));
  add('union', 'int|long → long', unionSeed, (b) => (fieldsOf(b)[1].type = 'long'));
  add('union', 'int|long → double', unionSeed, (b) => (fieldsOf(b)[1].type = 'double'));
  add('union', 'int|long → float|double', unionSeed, (b) => (fieldsOf(b)[1].type = ['float', 'double']));
  add('union', 'int|long → long|int', unionSeed, (b) => (fieldsOf(b)[1].type = ['long', 'int']));
  add('union', 'int|long → int', unionSeed, (b) => (fieldsOf(b)[1].type = 'int'));
  add('union', 'nullable enum loses a symbol', unionSeed, (b) => (fieldsOf(b)[2].type = ['null', { type: 'enum', name: 'Kind', symbols: ['A'] }]));
  add('union', 'nullable enum gains a symbol', unionSeed, (b) => (fieldsOf(b)[2].type = ['null', { type: 'enum', name: 'Kind', symbols: ['A', 'B', 'C'] }]));
  add('union', 'nullable enum → enum', unionSeed, (b) => ((fieldsOf(b)[2].type = { type: 'enum', name: 'Kind', symbols: ['A', 'B'] }), (fieldsOf(b)[2].default = 'A')));
  // Fixed.
  const hash = (s: S) => fieldsOf(s)[2].type as S;
  for (const size of [0, 8, 15, 17, 32]) add('fixed', `fixed size 16 → ${size}`, nested, (b) => (hash(b).size = size));
  add('fixed', 'fixed → bytes', nested, (b) => (fieldsOf(b)[2].type = 'bytes'));
  add('fixed', 'fixed doc added', nested, (b) => (hash(b).doc = 'sha'));
  // Renames: named types and fields, with and without aliases.
  add('rename', 'record renamed', nested, (b) => (b.name = 'Purchase'));
  add('rename', 'record renamed, old name as alias', nested, (b) => ((b.name = 'Purchase'), (b.aliases = ['Order'])));
  add('rename', 'record moved to another namespace', nested, (b) => (b.namespace = 'com.store'));
  add('rename', 'record moved to another namespace, old full name as alias', nested, (b) => ((b.namespace = 'com.store'), (b.aliases = ['com.shop.Order'])));
  add('rename', 'enum renamed', nested, (b) => (status(b).name = 'State'));
  add('rename', 'enum renamed, old name as alias', nested, (b) => ((status(b).name = 'State'), (status(b).aliases = ['Status'])));
  add('rename', 'fixed renamed', nested, (b) => (hash(b).name = 'Digest'));
  add('rename', 'fixed renamed, old name as alias', nested, (b) => ((hash(b).name = 'Digest'), (hash(b).aliases = ['Hash'])));
  add('rename', 'nested record renamed', nested, (b) => (((fieldsOf(b)[4].type as S).items as S).name = 'Item'));
  add('rename', 'nested record renamed, old name as alias', nested, (b) => ((((fieldsOf(b)[4].type as S).items as S).name = 'Item'), (((fieldsOf(b)[4].type as S).items as S).aliases = ['Line'])));
  for (const f of fieldsOf(nested)) {
    add('rename', `field \`${f.name}\` renamed`, nested, (b) => (fieldsOf(b).find((x) => x.name === f.name)!.name = `${f.name}2`));
    add('rename', `field \`${f.name}\` renamed, old name as alias`, nested, (b) => {
      const x = fieldsOf(b).find((y) => y.name === f.name)!;
      x.aliases = [x.name];
      x.name = `${f.name}2`;
    });
  }
  // Same schema, reordered fields, documentation only.
  add('same', 'fields reordered', nested, (b) => fieldsOf(b).reverse());
  add('same', 'documentation added', nested, (b) => (b.doc = 'An order'));
  add('same', 'unchanged', flat, () => {});
  return out;
}

function withDefault(s: S, field: string): S {
  const c = clone(s);
  const f = fieldsOf(c).find((x) => x.name === field)!;
  if (!('default' in f)) f.default = defaultFor(f.type);
  return c;
}

function defaultFor(t: unknown): unknown {
  if (typeof t === 'string') return SAMPLE[t] ?? null;
  if (Array.isArray(t)) return defaultFor(t[0]);
  const o = t as S;
  if (o.type === 'enum') return (o.symbols as string[])[0];
  if (o.type === 'fixed') return '\u0000'.repeat(o.size as number);
  if (o.type === 'array') return [];
  if (o.type === 'map') return {};
  return {};
}

/** avsc's verdict: can `reader` read what `writer` wrote? Undefined when avsc rejects a schema itself. */
function avscReads(reader: S, writer: S): boolean | undefined {
  let r, w;
  try {
    r = avsc.Type.forSchema(reader as never);
    w = avsc.Type.forSchema(writer as never);
  } catch {
    return undefined;
  }
  try {
    r.createResolver(w);
    return true;
  } catch {
    return false;
  }
}

/** Why we and avsc differ, by pair id and direction, where we do; the test fails on any other. */
export const REASONS: Record<string, string> = {};

export interface Verdict {
  pair: Pair;
  /** `backward`: b (new) reads a (old); `forward`: a reads b. */
  dir: 'backward' | 'forward';
  avsc: boolean | undefined;
  ours: boolean;
}

export function runOracle(): Verdict[] {
  const out: Verdict[] = [];
  for (const pair of pairs())
    for (const dir of ['backward', 'forward'] as const) {
      const [reader, writer] = dir === 'backward' ? [pair.b, pair.a] : [pair.a, pair.b];
      out.push({ pair, dir, avsc: avscReads(reader, writer), ours: avroCompatible(reader, writer) });
    }
  return out;
}
