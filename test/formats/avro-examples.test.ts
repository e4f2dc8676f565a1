// The Avro example check (src/formats/avro/fields.ts) against avsc's own `isValid`: where the JSON form
// of a value is the value avsc takes (no bytes or fixed, unions unwrapped, every field written), both
// must give the same verdict and the same failing path.
import { createRequire } from 'node:module';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { avroFieldAt, checkAvroExample } from '../../src/formats/avro/fields.js';

const avsc = createRequire(import.meta.url)('avsc') as typeof import('avsc');
const root = (value: unknown) => ({ value, loc: { file: 'a.avsc', pointer: '' }, ns: '' });

const ORDER = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'qty', type: 'int' },
    { name: 'total', type: 'double' },
    { name: 'paid', type: 'boolean' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
    { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'n', type: 'long' }] } } },
    { name: 'attrs', type: { type: 'map', values: 'int' } },
    { name: 'note', type: ['null', 'string'] },
    { name: 'ship', type: ['null', 'Line'] },
  ],
};

const good = { id: 'o-1', qty: 2, total: 9.5, paid: true, status: 'NEW', lines: [{ sku: 'A', n: 1 }], attrs: { a: 1 }, note: null, ship: null };

const cases: [string, Record<string, unknown>][] = [
  ['valid', good],
  ['a string for an int', { ...good, qty: '2' }],
  ['an int out of 32 bits', { ...good, qty: 2 ** 31 }],
  ['a fraction for an int', { ...good, qty: 1.5 }],
  ['a number for a boolean', { ...good, paid: 1 }],
  ['an unknown enum symbol', { ...good, status: 'GONE' }],
  ['a wrong type deep in an array of records', { ...good, lines: [{ sku: 'A', n: 1 }, { sku: 'B', n: 'x' }] }],
  ['a record missing a field in an array', { ...good, lines: [{ sku: 'A' }] }],
  ['a map value of the wrong type', { ...good, attrs: { a: 1, b: 'two' } }],
  ['a union value of no branch', { ...good, note: 3 }],
  ['a nullable record with a wrong field', { ...good, ship: { sku: 'A', n: true } }],
  ['a nullable record that is right', { ...good, ship: { sku: 'A', n: 3 } }],
  ['an object for an array', { ...good, lines: {} }],
];

test('verdict and failing path agree with avsc isValid (unwrapped unions)', () => {
  const type = avsc.Type.forSchema(ORDER as never, { wrapUnions: false });
  for (const [title, value] of cases) {
    const paths: string[] = [];
    const valid = type.isValid(value, { errorHook: (path: string[]) => paths.push('/' + path.join('/')) });
    const ours = checkAvroExample(root(ORDER), value);
    assert.is(ours.length === 0, valid, `${title}: specgate ${JSON.stringify(ours)} vs avsc ${valid}`);
    // avsc names the union's path for a record inside it; specgate goes on into the one record branch.
    if (valid || title === 'a nullable record with a wrong field') continue;
    // A missing field is reported at its record, the place the example has: avsc names the field's path.
    const missing = /^must have field `(\w+)`/.exec(ours[0].message)?.[1];
    assert.equal(ours.map((o) => (missing ? `${o.path}/${missing}` : o.path)), paths.slice(0, 1), title);
  }
});

test('what the AsyncAPI JSON form allows beyond avsc: nullable fields left out, wrapped unions, bytes as text', () => {
  const schema = { type: 'record', name: 'R', fields: [{ name: 'n', type: ['null', 'string'] }, { name: 'b', type: 'bytes' }, { name: 'h', type: { type: 'fixed', name: 'H', size: 2 } }] };
  assert.equal(checkAvroExample(root(schema), { b: 'ab', h: 'xy' }), []);
  assert.equal(checkAvroExample(root(schema), { n: { string: 'x' }, b: '', h: 'xy' }), []);
  assert.equal(checkAvroExample(root(schema), { n: { string: 1 }, b: '', h: 'xyz' }), [
    { path: '/n/string', message: 'must be `string`' },
    { path: '/h', message: 'must be 2 characters long (fixed `H`), not 3' },
  ]);
});

test('a recursive union of two records deep in an example ends in no verdict, quickly, not in 2^depth visits', () => {
  // Each level is a union of two records that both fit an object: both are tried at every level.
  const node = { type: 'record', name: 'A', fields: [{ name: 'next', type: ['null', 'A', { type: 'record', name: 'B', fields: [{ name: 'next', type: ['null', 'A', 'B'] }] }] }] };
  let value: unknown = { next: 1 };
  for (let i = 0; i < 40; i++) value = { next: value };
  const t0 = performance.now();
  const got = checkAvroExample(root(node), value);
  const ms = performance.now() - t0;
  console.log(`deep recursive union example: ${ms.toFixed(0)} ms`);
  assert.ok(ms < 2000, 'bounded');
  assert.is(got.length, 1);
  assert.is(got[0].unchecked, true);
  // Shallow, the same schema has a verdict with its path.
  assert.equal(checkAvroExample(root(node), { next: { next: 1 } }).map((p) => p.unchecked ?? p.path), ['/next']);
});

test('fields are found through records, nullable unions, arrays and maps; others are not', () => {
  const r = root(ORDER);
  assert.equal(avroFieldAt(r, '/id'), { type: 'string' });
  assert.equal(avroFieldAt(r, '/lines/0/n'), { type: 'long' });
  assert.equal(avroFieldAt(r, '/attrs/anything'), { type: 'int' });
  assert.equal(avroFieldAt(r, '/ship/sku'), { type: 'string' });
  assert.equal(avroFieldAt(r, '/status'), { type: 'Status' });
  assert.is(avroFieldAt(r, '/lines/first'), undefined);
  assert.is(avroFieldAt(r, '/customer'), undefined);
  assert.is(avroFieldAt(r, '/id/length'), undefined);
});

test.run();
