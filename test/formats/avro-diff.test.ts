// Avro payloads are compared by Avro's schema-resolution rules on the schemas as written, in the
// direction the data travels (or as `--mode` says), inline and in `.avsc` files.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLoaded } from '../../src/diff/index.js';
import type { Mode } from '../../src/diff/types.js';
import { sideFromText } from '../diff/helpers.js';

const AVRO = 'application/vnd.apache.avro;version=1.9.0';

/** One message received on `in` and sent on `out`, the payload being `payload` (JSON) in `format`. */
const doc = (payload: unknown, format = AVRO) => {
  const p = JSON.stringify(payload);
  return `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  in: { address: orders.in, messages: { Order: { name: Order, payload: { schemaFormat: '${format}', schema: ${p} } } } }
  out: { address: orders.out, messages: { Order: { name: Order, payload: { schemaFormat: '${format}', schema: ${p} } } } }
operations:
  acceptOrder: { action: receive, channel: { $ref: '#/channels/in' } }
  publishOrder: { action: send, channel: { $ref: '#/channels/out' } }
`;
};

const order = (lineFields: unknown[], extra: unknown[] = []) => ({
  type: 'record',
  name: 'Order',
  namespace: 'com.shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: lineFields } } },
    ...extra,
  ],
});

const rows = async (base: string, rev: string, mode?: Mode, others: Record<string, string> = {}) =>
  (await diffLoaded(await sideFromText('base.yaml', base, others), await sideFromText('revision.yaml', rev, others), mode ? { mode } : {})).changes.map(
    (c) => `${c.id} ${c.level} ${c.operation ?? '-'}: ${c.message}`,
  );

test('a nested field added without a default breaks received data only, with its path', async () => {
  const base = doc(order([{ name: 'sku', type: 'string' }]));
  const rev = doc(order([{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }]));
  assert.equal(await rows(base, rev), [
    'avro-field-no-default breaking acceptOrder: Payload of message `Order` received on `orders.in`: field `lines[].qty` was added without a default: data written before has no value for it.',
    'avro-field-added non-breaking publishOrder: Payload of message `Order` sent on `orders.out`: field `lines[].qty` was added; readers of the old schema skip it.',
  ]);
});

test('--mode backward, forward, full: reader and writer by mode, for every use', async () => {
  const base = doc(order([{ name: 'sku', type: 'string' }]));
  const rev = doc(order([{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }]));
  const ids = async (mode: Mode) => (await rows(base, rev, mode)).map((r) => r.split(':')[0]);
  assert.equal(await ids('backward'), ['avro-field-no-default breaking acceptOrder', 'avro-field-no-default breaking publishOrder']);
  assert.equal(await ids('forward'), ['avro-field-added non-breaking acceptOrder', 'avro-field-added non-breaking publishOrder']);
  assert.equal(await ids('full'), [
    'avro-field-no-default breaking acceptOrder',
    'avro-field-no-default breaking publishOrder',
    'avro-field-added non-breaking acceptOrder',
    'avro-field-added non-breaking publishOrder',
  ]);
});

test('--mode full: a change that breaks both ways is one change per use', async () => {
  const f = (size: number) => doc({ type: 'record', name: 'O', fields: [{ name: 'h', type: { type: 'fixed', name: 'H', size } }] });
  assert.equal(await rows(f(16), f(32), 'full'), [
    'avro-fixed-size-changed breaking acceptOrder: Payload of message `Order` received on `orders.in`: size of fixed `H` at `h` changed from 16 to 32 bytes.',
    'avro-fixed-size-changed breaking publishOrder: Payload of message `Order` sent on `orders.out`: size of fixed `H` at `h` changed from 16 to 32 bytes.',
  ]);
});

test('a writer union branch the reader lacks breaks; a reader union reads its branch', async () => {
  const base = doc({ type: 'record', name: 'O', fields: [{ name: 'note', type: ['null', 'string'], default: null }] });
  const rev = doc({ type: 'record', name: 'O', fields: [{ name: 'note', type: 'string' }] });
  assert.equal(await rows(base, rev), [
    'avro-union-branch-removed breaking acceptOrder: Payload of message `Order` received on `orders.in`: `note` can no longer be `null`, which data written before may hold.',
    'avro-union-branch-removed non-breaking publishOrder: Payload of message `Order` sent on `orders.out`: `note` is no longer a union with `null`.',
  ]);
});

test('recursive records are compared once per pair of types', async () => {
  const tree = (extra: unknown[]) => ({ type: 'record', name: 'Node', fields: [{ name: 'children', type: { type: 'array', items: 'Node' } }, ...extra] });
  assert.equal(await rows(doc(tree([])), doc(tree([{ name: 'size', type: 'long', default: 0 }])), 'backward'), [
    'avro-field-added non-breaking acceptOrder: Payload of message `Order` received on `orders.in`: field `size` was added; data written before is read with its default `0`.',
    'avro-field-added non-breaking publishOrder: Payload of message `Order` sent on `orders.out`: field `size` was added; data written before is read with its default `0`.',
  ]);
});

test('JSON Schema to Avro (and back) is one breaking change, whatever the direction', async () => {
  const json = doc({ type: 'object' }, 'application/schema+json;version=draft-07');
  const avro = doc({ type: 'record', name: 'Order', fields: [] });
  const there = await rows(json, avro);
  assert.equal(there, [
    'schema-format-changed breaking acceptOrder: Payload of message `Order` received on `orders.in` changed schema format from JSON Schema to Avro (`application/vnd.apache.avro;version=1.9.0`): senders and the application encode it differently.',
    'schema-format-changed breaking publishOrder: Payload of message `Order` sent on `orders.out` changed schema format from JSON Schema to Avro (`application/vnd.apache.avro;version=1.9.0`): the application and its consumers encode it differently.',
  ]);
  assert.equal((await rows(avro, json)).map((r) => r.split(':')[0]), ['schema-format-changed breaking acceptOrder', 'schema-format-changed breaking publishOrder']);
});

test('Avro +json and plain Avro of different versions are the same format: only the schemas are compared', async () => {
  const s = { type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] };
  assert.equal(await rows(doc(s, 'application/vnd.apache.avro;version=1.8.2'), doc(s, 'application/vnd.apache.avro+json;version=1.11.1')), []);
});

test('payloads in a referenced .avsc file: compared there, located in the file', async () => {
  const spec = (file: string) => `asyncapi: 2.6.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders.in:
    publish:
      operationId: acceptOrder
      message: { name: Order, schemaFormat: '${AVRO}', payload: { $ref: '${file}' } }
`;
  const files = {
    'base.avsc': JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } }] }, null, 2),
    'rev.avsc': JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW'] } }] }, null, 2),
  };
  const r = await diffLoaded(await sideFromText('base.yaml', spec('./base.avsc'), files), await sideFromText('revision.yaml', spec('./rev.avsc'), files), {});
  assert.equal(
    r.changes.map((c) => `${c.id} ${c.level} ${c.base?.file}:${c.base?.line}:${c.base?.column} ${c.revision?.file}:${c.revision?.line}:${c.revision?.column}`),
    ['avro-enum-symbol-removed breaking base.avsc:12:11 rev.avsc:7:7'],
  );
});

test.run();
