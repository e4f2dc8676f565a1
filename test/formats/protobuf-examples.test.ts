// The Protobuf example check and field lookup (src/formats/protobuf/fields.ts) on the JSON mapping's
// cases: both field names, 64-bit integers as strings, enums by name or number, oneofs, unknown fields.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkProtoExample, protoFieldAt } from '../../src/formats/protobuf/fields.js';
import { parseProto } from '../../src/formats/protobuf/parse.js';

const parsed = parseProto(`syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";
message Order {
  string order_id = 1;
  int64 total_cents = 2;
  repeated Line lines = 3;
  map<string, int32> counts = 4;
  Status status = 5;
  bytes digest = 6;
  google.protobuf.Timestamp placed_at = 7;
  oneof payment { string card = 8; string iban = 9; }
  double rate = 10;
}
message Line { string sku = 1; uint32 quantity = 2; }
enum Status { NEW = 0; PAID = 1; }
`);
if (!('schema' in parsed)) throw new Error(parsed.problem.message);
const schema = parsed.schema;

test('values in either field name and in every JSON form of a type pass', () => {
  assert.equal(
    checkProtoExample(schema, {
      orderId: 'o-1',
      total_cents: '9007199254740993',
      lines: [{ sku: 'A', quantity: '3' }],
      counts: { a: -1 },
      status: 1,
      digest: 'q83v',
      placedAt: '2024-01-01T00:00:00Z',
      card: '4111',
      iban: null,
      rate: 'NaN',
    }),
    [],
  );
  assert.equal(checkProtoExample(schema, { status: 'PAID', lines: null }), []);
});

test('each wrong value is reported at its path with the .proto type', () => {
  assert.equal(
    checkProtoExample(schema, {
      order_id: 7,
      total_cents: 1.5,
      lines: [{ sku: 'A' }, { sku: 'B', quantity: -1 }],
      counts: { a: 2 ** 31 },
      status: 'GONE',
      digest: 'not base64!',
      card: 'x',
      iban: 'y',
      coupon: 'SPRING',
    }).map((p) => `${p.path}: ${p.message}`),
    [
      '/order_id: must be `string`',
      '/total_cents: must be `int64` (a 64-bit integer, as a number or a decimal string)',
      '/lines/1/quantity: must be `uint32` (a 32-bit integer, as a number or a decimal string)',
      '/counts/a: must be `int32` (a 32-bit integer, as a number or a decimal string)',
      '/status: must be a value of enum `Status`: `NEW`, `PAID`',
      '/digest: must be `bytes` (base64)',
      '/iban: is in oneof `payment` with `card`, which is set too',
      '/coupon: is not a field of message `Order`',
    ],
  );
  assert.equal(checkProtoExample(schema, [1]), [{ path: '', message: 'must be an object (message `Order`)' }]);
});

test('fields are found by either name, through repeated and map fields', () => {
  assert.equal(protoFieldAt(schema, '/orderId'), { type: 'string' });
  assert.equal(protoFieldAt(schema, '/order_id'), { type: 'string' });
  assert.equal(protoFieldAt(schema, '/lines/0/sku'), { type: 'string' });
  assert.equal(protoFieldAt(schema, '/lines'), { type: 'repeated shop.Line' });
  assert.equal(protoFieldAt(schema, '/counts/a'), { type: 'int32' });
  assert.is(protoFieldAt(schema, '/lines/x/sku'), undefined);
  assert.is(protoFieldAt(schema, '/customer'), undefined);
});

test.run();
