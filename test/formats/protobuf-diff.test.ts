import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLoaded, type DiffOptions } from '../../src/diff/index.js';
import { sideFromText } from '../diff/helpers.js';

/** Orders are received on `orders.in` and published on `orders.out`, both with the payload in order.proto. */
const api = (schemaFormat = 'application/vnd.google.protobuf;version=3', payload = "{ $ref: './order.proto' }") => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  in:
    address: orders.in
    messages:
      Order: { name: Order, payload: { schemaFormat: '${schemaFormat}', schema: ${payload} } }
  out:
    address: orders.out
    messages:
      Order: { name: Order, payload: { schemaFormat: '${schemaFormat}', schema: ${payload} } }
operations:
  acceptOrder: { action: receive, channel: { $ref: '#/channels/in' } }
  publishOrder: { action: send, channel: { $ref: '#/channels/out' } }
`;

const V1 = `syntax = "proto3";
package shop;
message Order {
  string id = 1;
  int32 quantity = 2;
  string note = 3;
  Status status = 4;
}
enum Status { STATUS_UNSPECIFIED = 0; STATUS_PAID = 1; }
`;

async function changes(base: string, rev: string, options: DiffOptions = {}, doc = api()) {
  const r = await diffLoaded(await sideFromText('base.yaml', doc, { 'order.proto': base }), await sideFromText('revision.yaml', doc, { 'order.proto': rev }), options);
  return r.changes.map((c) => `${c.id} ${c.level} ${c.message}`);
}

test('a .proto file compared by field number, in the direction each operation moves the message', async () => {
  const v2 = V1.replace('int32 quantity = 2;', 'sint32 quantity = 2;').replace('  string note = 3;\n', '  reserved 3;\n');
  assert.equal(await changes(V1, v2), [
    'proto-field-wire-compatible-type breaking Payload of message `Order` received on `orders.in`: field `quantity` (2) of `shop.Order` changed type from `int32` to `sint32`, another wire encoding.',
    'proto-field-wire-compatible-type breaking Payload of message `Order` sent on `orders.out`: field `quantity` (2) of `shop.Order` changed type from `int32` to `sint32`, another wire encoding.',
    'proto-field-no-delete warning Payload of message `Order` sent on `orders.out`: field `note` (3) of `shop.Order` was deleted; consumers get its default value.',
    'proto-field-no-delete non-breaking Payload of message `Order` received on `orders.in`: field `note` (3) of `shop.Order` was deleted; its values in old data are skipped.',
  ]);
});

test('the same .proto source reformatted, commented and reordered is no change', async () => {
  const v2 = `// Orders.\nsyntax = "proto3";\n\npackage shop;\n\nenum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_PAID = 1;\n}\n\nmessage Order {\n  Status status = 4;\n  string id = 1;\n  int32 quantity = 2;\n  string note = 3; // free text\n}\n`;
  assert.equal(await changes(V1, v2), []);
});

test('--mode full: both directions checked, one change per operation at its worse level', async () => {
  const v2 = V1.replace('STATUS_PAID = 1;', 'reserved 1;');
  assert.equal(await changes(V1, v2, { mode: 'full' }), [
    'proto-enum-value-no-delete warning Payload of message `Order` received on `orders.in`: value `STATUS_PAID` (1) of enum `shop.Status` was deleted; old data carrying it reads as an unknown value.',
    'proto-enum-value-no-delete warning Payload of message `Order` sent on `orders.out`: value `STATUS_PAID` (1) of enum `shop.Status` was deleted; old data carrying it reads as an unknown value.',
  ]);
});

test('a revision whose .proto does not parse is left to validate: no change, no crash', async () => {
  assert.equal(await changes(V1, V1.replace('string id = 1;', 'string id = 1')), []);
});

test('an inline .proto string is compared the same way', async () => {
  const inline = (src: string) => api(undefined, JSON.stringify(src));
  const base = await sideFromText('base.yaml', inline(V1));
  const rev = await sideFromText('revision.yaml', inline(V1.replace('STATUS_PAID = 1;', 'STATUS_SETTLED = 1;')));
  const r = await diffLoaded(base, rev, {});
  // At the payload's `schema` string: a JSON string's escapes hide its lines.
  assert.equal(r.changes.map((c) => `${c.id} ${c.level} ${c.revision?.line}:${c.revision?.column}`), ['proto-enum-value-same-name warning 7:99', 'proto-enum-value-same-name warning 11:99']);
});

test.run();
