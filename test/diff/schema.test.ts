import { load } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { bothWays, diffTexts, readFixture, summary } from './helpers.js';

interface Case {
  name: string;
  base: unknown;
  revision: unknown;
  accept: string[];
  emit: string[];
}

const cases = load(readFixture('schema-cases.yaml')) as Case[];

for (const c of cases)
  test(`schema: ${c.name}`, async () => {
    const r = await diffTexts(bothWays(c.base), bothWays(c.revision));
    const accepted = r.changes.filter((x) => x.channel === 'orders.in');
    const emitted = r.changes.filter((x) => x.channel === 'orders.out');
    assert.equal(summary(accepted), [...c.accept].sort(), 'received on orders.in');
    assert.equal(summary(emitted), [...c.emit].sort(), 'sent on orders.out');
    assert.is(accepted.length + emitted.length, r.changes.length, 'every change names its channel');
  });

test('messages name the place, the path and the consequence', async () => {
  const base = { type: 'object', properties: { total: { type: 'number' } }, required: ['total'] };
  const rev = { type: 'object', properties: { total: { type: 'number' } } };
  const r = await diffTexts(bothWays(base), bothWays(rev));
  const emitted = r.changes.find((c) => c.channel === 'orders.out')!;
  assert.is(emitted.message, 'Payload of message `Order` sent on `orders.out`: consumers may no longer receive `total` in the payload: it is no longer required.');
  assert.is(emitted.operation, 'publishOrder');
  assert.is(emitted.direction, 'emit');
  assert.is(emitted.bump, 'major');
  const accepted = r.changes.find((c) => c.channel === 'orders.in')!;
  assert.is(accepted.message, 'Payload of message `Order` received on `orders.in`: `total` in the payload is no longer required.');
  assert.is(accepted.bump, 'minor');
});

test('nested paths are rendered as instance paths', async () => {
  const item = (qty: unknown) => ({ type: 'object', properties: { lines: { type: 'array', items: { type: 'object', properties: { qty } } } } });
  const r = await diffTexts(bothWays(item({ type: 'integer' })), bothWays(item({ type: 'integer', maximum: 99 })));
  const c = r.changes.find((x) => x.channel === 'orders.in')!;
  assert.is(c.message, 'Payload of message `Order` received on `orders.in`: `lines[].qty` now has `maximum` ≤ 99; values valid before are now rejected.');
});

test('recursive schemas terminate and changes inside them are found once', async () => {
  const tree = (max: number) => ({
    components: { schemas: { Node: { type: 'object', properties: { name: { type: 'string', maxLength: max }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } } } },
  });
  const doc = (max: number) =>
    bothWays({ $ref: '#/components/schemas/Node' }) + `components:\n  schemas:\n    Node: ${JSON.stringify(tree(max).components.schemas.Node)}\n`;
  const r = await diffTexts(doc(10), doc(5));
  assert.equal(summary(r.changes), ['max-length-decreased breaking', 'max-length-decreased non-breaking']);
  const c = r.changes.find((x) => x.level === 'breaking')!;
  assert.is(c.message, 'Schema `Node` (in payload of message `Order` received on `orders.in`): `name` `maxLength` changed from ≤ 10 to ≤ 5; values valid before are now rejected.');
});

test('a $ref inlined, or a schema moved into components, is silent', async () => {
  const schema = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] };
  const withRef = bothWays({ $ref: '#/components/schemas/Order' }) + `components:\n  schemas:\n    Order: ${JSON.stringify(schema)}\n`;
  const r = await diffTexts(bothWays(schema), withRef);
  assert.equal(r.changes, []);
  assert.is(r.bump, 'none');
  const back = await diffTexts(withRef, bothWays(schema));
  assert.equal(back.changes, []);
});

test('--mode overrides the direction: backward checks everything as accepted, forward as emitted, full both', async () => {
  const base = bothWays({ type: 'string', maxLength: 10 });
  const rev = bothWays({ type: 'string', maxLength: 5 });
  const levels = async (mode: 'backward' | 'forward' | 'full') => summary((await diffTexts(base, rev, { mode })).changes);
  assert.equal(await levels('backward'), ['max-length-decreased breaking', 'max-length-decreased breaking']);
  assert.equal(await levels('forward'), ['max-length-decreased non-breaking', 'max-length-decreased non-breaking']);
  assert.equal(await levels('full'), ['max-length-decreased breaking', 'max-length-decreased breaking']);
});

test('a component merged by allOf is reported under each schema merging it, changed or not', async () => {
  // Doodad and Gadget merge Widget; Widget's `a` stops being required. Whether the two are written
  // identically in both versions or not must not change what is reported, or where.
  const doc = (required: string, d = '', g = '') => `openapi: 3.0.3
info: { title: t, version: 1.0.0 }
paths:
  /d: { get: { responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Doodad' } } } } } } }
  /g: { get: { responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Gadget' } } } } } } }
components:
  schemas:
    Widget: { type: object, required: [${required}], properties: { a: { type: string } } }
    Doodad: { allOf: [{ $ref: '#/components/schemas/Widget' }, { type: object, properties: { d: { type: string${d} } } }] }
    Gadget: { allOf: [{ $ref: '#/components/schemas/Widget' }, { type: object, properties: { g: { type: string${g} } } }] }
`;
  const optional = async (revision: string) =>
    (await diffTexts(doc('a'), revision)).changes.filter((c) => c.id === 'property-became-optional').map((c) => [c.message, c.fingerprint]);
  const parentsUnchanged = await optional(doc(''));
  const parentsChanged = await optional(doc('', ', description: x', ', description: y'));
  assert.equal(parentsUnchanged.map(([m]) => m.slice(0, 16)), ['Schema `Doodad` ', 'Schema `Gadget` ']);
  assert.equal(parentsUnchanged, parentsChanged);
});

test('an unconstrained schema (`{}`, `true`) that gains keywords narrows: reported as each keyword added', async () => {
  const rows = async (a: unknown, b: unknown) => (await diffTexts(bothWays(a), bothWays(b))).changes.map((c) => `${c.id} ${c.level} ${c.channel}`);
  assert.equal(await rows({}, { type: 'string' }), ['type-narrowed breaking orders.in', 'type-narrowed non-breaking orders.out']);
  assert.equal(await rows({ properties: { id: true } }, { properties: { id: { type: 'string', maxLength: 3 } } }), [
    'max-length-added breaking orders.in',
    'type-narrowed breaking orders.in',
    'max-length-added non-breaking orders.out',
    'type-narrowed non-breaking orders.out',
  ]);
  assert.equal(await rows({ type: 'string' }, {}), ['type-widened breaking orders.out', 'type-widened non-breaking orders.in']);
});

test('a property required but not listed was sent with any value: listing a schema for it narrows', async () => {
  const r = await diffTexts(bothWays({ type: 'object', required: ['id'] }), bothWays({ type: 'object', required: ['id'], properties: { id: { type: 'string' } } }));
  assert.equal(
    r.changes.filter((c) => c.level === 'breaking').map((c) => `${c.id} ${c.channel} ${c.message}`),
    ['type-narrowed orders.in Payload of message `Order` received on `orders.in`: `id` is now restricted to type `string`; values of other types are rejected.'],
  );
});

test.run();
