// A Kafka message key (`bindings.kafka.key`) in Avro is checked as Avro at its own node, in an .avsc file
// or inline; the official schema's JSON Schema view of it is dropped. A JSON Schema key is checked as before.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateFile } from '../../src/validate/index.js';
import { tempFiles } from '../helpers.js';

const where = (r: Awaited<ReturnType<typeof validateFile>>) =>
  r.diagnostics.map((d) => `${d.file.split('/').pop()}:${d.range?.start.line}:${d.range?.start.column} ${d.rule} ${d.message}`);

const doc = (payload: string, key: string, bindings = `\n          kafka:\n            key: ${key}\n            bindingVersion: 0.5.0`) => `asyncapi: 3.0.0
info: { title: Shop, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        payload: ${payload}
        bindings:${bindings}
`;
const avroPayload = '{ schemaFormat: application/vnd.apache.avro+json;version=1.9.0, schema: { type: record, name: P, fields: [ { name: id, type: string } ] } }';

const files = tempFiles({
  'key.avsc': '{ "type": "record", "name": "Key", "fields": [ { "name": "id", "type": "strin" } ] }\n',
  'ref.yaml': doc('{ type: object }', "{ $ref: './key.avsc' }"),
  'inline.yaml': doc(avroPayload, '{ type: record, name: Key, fields: [ { name: id, type: string }, { name: id, type: int } ] }'),
  'multi.yaml': doc('{ type: object }', '{ schemaFormat: application/vnd.apache.avro;version=1.9.0, schema: { type: fixed, name: K } }'),
  'valid.yaml': doc(avroPayload, '{ type: record, name: Key, fields: [ { name: id, type: string } ] }'),
  'json.yaml': doc('{ type: object }', '{ type: record, name: Key }'),
  'json-beside-avro.yaml': doc(avroPayload, '{ type: object, properties: { id: { type: string } } }'),
  // Message bindings written once in components and referenced, as bindings often are.
  'bindings-ref.yaml': `${doc(avroPayload, '', " { $ref: '#/components/messageBindings/keyed' }")}components:
  messageBindings:
    keyed:
      kafka:
        key: { type: record, name: Key, fields: [ { name: id, type: strin } ] }
        bindingVersion: 0.5.0
`,
});

test('a key $ref to an .avsc file is checked as Avro, in that file', async () => {
  const r = await validateFile(`${files.dir}/ref.yaml`);
  assert.equal(where(r), ['key.avsc:1:64 avro-schema unknown Avro type `strin`']);
});

test('an inline Avro key beside an Avro payload is checked as Avro', async () => {
  const r = await validateFile(`${files.dir}/inline.yaml`);
  assert.equal(where(r), ['inline.yaml:11:85 avro-schema field `id` is declared twice in record `Key`']);
});

test('a key in the multi-format form is checked by its schemaFormat', async () => {
  const r = await validateFile(`${files.dir}/multi.yaml`);
  assert.equal(where(r), ['multi.yaml:11:77 avro-schema fixed `K` has no `size`']);
});

test('a valid Avro key passes', async () => {
  const r = await validateFile(`${files.dir}/valid.yaml`);
  assert.equal(where(r), []);
  assert.is(r.valid, true);
});

test('a JSON Schema key is still checked against the binding schema', async () => {
  const r = await validateFile(`${files.dir}/json.yaml`);
  assert.equal(where(r).map((x) => x.split(' ').slice(0, 2).join(' ')), ['json.yaml:11:20 asyncapi-schema']);
  const j = await validateFile(`${files.dir}/json-beside-avro.yaml`);
  assert.equal(where(j), []);
});

test('a key in bindings reached through a $ref is checked as Avro, where it is written', async () => {
  const r = await validateFile(`${files.dir}/bindings-ref.yaml`);
  assert.equal(where(r), ['bindings-ref.yaml:14:63 avro-schema unknown Avro type `strin`']);
});

test.run();
