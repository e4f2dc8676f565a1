// Avro payloads are checked as Avro (avsc decides; the finding stands at the offending node), inline and
// in a referenced `.avsc` file, for every way of writing the Avro schemaFormat.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { validateFile } from '../../src/validate/index.js';
import { tempFiles } from '../helpers.js';

const where = (r: Awaited<ReturnType<typeof validateFile>>) =>
  r.diagnostics.map((d) => `${d.file.split('/').pop()}:${d.range?.start.line}:${d.range?.start.column} ${d.rule} ${d.message}`);

const avsc = `{
  "type": "record",
  "name": "OrderPlaced",
  "namespace": "com.shop",
  "fields": [
    { "name": "id", "type": "string" },
    { "name": "total", "type": "double", "default": "0" },
    { "name": "status", "type": { "type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "NEW"] } },
    { "name": "lines", "type": { "type": "array", "items": "Line" } }
  ]
}
`;

const v2 = (schemaFormat: string, payload: string) => `asyncapi: 2.6.0
info: { title: Shop, version: 1.0.0 }
channels:
  orders:
    subscribe:
      message:
        schemaFormat: '${schemaFormat}'
        payload: ${payload}
`;

const files = tempFiles({
  'order.avsc': avsc,
  'ref.yaml': v2('application/vnd.apache.avro;version=1.9.0', "{ $ref: './order.avsc' }"),
  'valid.avsc': '{ "type": "record", "name": "Ok", "fields": [ { "name": "id", "type": "string" } ] }\n',
  'valid.yaml': v2('application/vnd.apache.avro;version=1.9.0', "{ $ref: './valid.avsc' }"),
  'order.field.yaml': v2('application/vnd.apache.avro;version=1.9.0', '{ type: record, name: R, fields: [ { name: a, type: int, order: sideways } ] }'),
});

test('a referenced .avsc file: each problem at its line and column there, and nothing else', async () => {
  const r = await validateFile(`${files.dir}/ref.yaml`);
  assert.equal(where(r), [
    'order.avsc:7:42 avro-schema default `"0"` of field `total` is not a valid `double`',
    'order.avsc:8:96 avro-schema symbol `NEW` is listed twice in enum `Status`',
    'order.avsc:9:51 avro-schema unknown Avro type `Line`',
  ]);
  assert.is(r.valid, false);
});

test('a valid .avsc file passes', async () => {
  const r = await validateFile(`${files.dir}/valid.yaml`);
  assert.equal(where(r), []);
  assert.is(r.valid, true);
});

test('a problem the walk does not know is reported at the schema with avsc\'s message', async () => {
  const r = await validateFile(`${files.dir}/order.field.yaml`);
  assert.equal(where(r), ['order.field.yaml:8:9 avro-schema invalid Avro schema: invalid order: "sideways"']);
});

for (const format of [
  'application/vnd.apache.avro',
  'application/vnd.apache.avro;version=1.8.2',
  'application/vnd.apache.avro;version=1.9.0',
  'application/vnd.apache.avro;version=1.10.2',
  'application/vnd.apache.avro;version=1.11.1',
  'application/vnd.apache.avro;version=1.12.0',
  'application/vnd.apache.avro+json;version=1.9.0',
  'application/vnd.apache.avro+yaml;version=1.9.0',
  'APPLICATION/VND.APACHE.AVRO; version=1.9.0',
])
  test(`schemaFormat ${format} is read as Avro`, async () => {
    const doc = v2(format, '{ type: record, name: R, fields: [ { name: a, type: Missing } ] }');
    const r = await validateFile('doc.yaml', { text: doc });
    assert.equal(where(r), ['doc.yaml:8:64 avro-schema unknown Avro type `Missing`']);
    const ok = await validateFile('doc.yaml', { text: doc.replace('Missing', 'long') });
    assert.equal(where(ok), []);
  });

test('a JSON Schema payload is not read as Avro', async () => {
  const r = await validateFile('doc.yaml', { text: v2('application/schema+json;version=draft-07', '{ type: object, properties: { a: { type: Missing } } }') });
  assert.ok(!where(r).some((x) => x.includes('avro-schema')), where(r).join('\n'));
});

test.after(() => files.cleanup());
test.run();
