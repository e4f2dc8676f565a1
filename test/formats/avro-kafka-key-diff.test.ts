// Kafka keys in diff: Avro keys (inline or in an .avsc file) by Avro's rules in the message's direction,
// a format change as one finding, JSON Schema keys by `bindings-changed` only, as before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLoaded } from '../../src/diff/index.js';
import { sideFromText } from '../diff/helpers.js';

const doc = (key: string) => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  out:
    address: orders.out
    messages:
      Order:
        name: Order
        payload: { schemaFormat: 'application/vnd.apache.avro;version=1.9.0', schema: { type: record, name: Order, fields: [ { name: id, type: string } ] } }
        bindings: { kafka: { key: ${key} } }
operations:
  publishOrder: { action: send, channel: { $ref: '#/channels/out' } }
`;

const rows = async (base: string, rev: string, others: Record<string, string> = {}) =>
  (await diffLoaded(await sideFromText('base.yaml', base, others), await sideFromText('revision.yaml', rev, others), {})).changes.map(
    (c) => `${c.id} ${c.level} ${c.operation ?? '-'}: ${c.message}`,
  );

const key = (fields: string) => `{ type: record, name: Key, fields: [ ${fields} ] }`;

test('a sent Avro key losing a field old readers need is breaking', async () => {
  assert.equal(await rows(doc(key('{ name: id, type: string }, { name: region, type: string }')), doc(key('{ name: id, type: string }'))), [
    'avro-field-no-default breaking publishOrder: Kafka key of message `Order` sent on `orders.out`: field `region` was removed, and readers of the old schema have no default for it.',
    'bindings-changed warning -: Bindings of message `Order` of `publishOrder` changed.',
  ]);
});

test('an Avro key in an .avsc file is compared as Avro', async () => {
  const base = { 'key.avsc': '{ "type": "record", "name": "Key", "fields": [ { "name": "id", "type": "int" } ] }' };
  const rev = { 'key.avsc': '{ "type": "record", "name": "Key", "fields": [ { "name": "id", "type": "long" } ] }' };
  const side = async (name: string, files: Record<string, string>) => sideFromText(name, doc("{ $ref: './key.avsc' }"), files);
  const changes = (await diffLoaded(await side('base.yaml', base), await side('revision.yaml', rev), {})).changes.map((c) => `${c.id} ${c.level}`);
  assert.equal(changes, ['avro-type-changed breaking']);
});

// `{ type: string }` beside an Avro payload reads as Avro `string`; `integer` is JSON Schema only.
test('a key turning from JSON Schema into Avro is a format change', async () => {
  assert.equal(await rows(doc('{ type: integer }'), doc(key('{ name: id, type: string }'))), [
    'schema-format-changed breaking publishOrder: Kafka key of message `Order` sent on `orders.out` changed schema format from JSON Schema to Avro (`application/vnd.apache.avro;version=1.9.0`): the application and its consumers encode it differently.',
    'bindings-changed warning -: Bindings of message `Order` of `publishOrder` changed.',
  ]);
});

test('a JSON Schema key change is reported by bindings-changed only, as before', async () => {
  const json = (t: string) => doc(`{ type: object, properties: { id: { type: ${t} } } }`);
  assert.equal(await rows(json('string'), json('integer')), ['bindings-changed warning -: Bindings of message `Order` of `publishOrder` changed.']);
});

test.run();
