import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRequire } from 'node:module';
import path from 'node:path';
import { validateFile } from '../../src/validate/index.js';
import { cli, tempFiles } from '../helpers.js';

const spec = (payload: string, json = false) =>
  json
    ? JSON.stringify({
        asyncapi: '3.0.0',
        info: { title: 'Orders', version: '1.0.0' },
        channels: { orders: { address: 'orders', messages: { OrderPlaced: { payload: { schemaFormat: 'application/vnd.google.protobuf;version=3', schema: payload } } } } },
      })
    : `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        payload:
          schemaFormat: application/vnd.google.protobuf;version=3
          schema: ${payload}
`;

const ORDER = 'syntax = "proto3";\npackage shop;\n\nmessage Order {\n  string id = 1;\n  int64 total = 2;\n  int64 tax = 2;\n}\n';

async function findings(file: string, text: string, others: Record<string, string> = {}) {
  const r = await validateFile(file, { text, overrides: new Map(Object.entries(others)) });
  return r.diagnostics.map((d) => `${d.file}:${d.range!.start.line}:${d.range!.start.column}-${d.range!.end.line}:${d.range!.end.column} ${d.rule} ${d.message}`);
}

const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes(`${path.sep}protobufjs${path.sep}`));

// First in this file (its own process): nothing before has read a Protobuf payload.
test('protobufjs is loaded only once a document has a Protobuf payload', async () => {
  assert.equal(await findings('a.yaml', spec('{ type: object }').replace('application/vnd.google.protobuf;version=3', 'application/schema+json;version=draft-07')), []);
  assert.is(loaded(), false, 'a JSON Schema payload does not load protobufjs');
  assert.equal(await findings('a.yaml', spec('./order.proto'.replace(/.*/, "{ $ref: './order.proto' }")), { 'order.proto': ORDER.replace('tax = 2', 'tax = 3') }), []);
  assert.is(loaded(), true);
});

test('an error in a $ref\'d .proto file is reported at its line and column in that file', async () => {
  assert.equal(await findings('a.yaml', spec("{ $ref: './order.proto' }"), { 'order.proto': ORDER }), [
    'order.proto:7:15-7:16 protobuf-schema field number 2 is used twice in message `shop.Order`',
  ]);
});

test('an error in a YAML block is reported at its line in the document, indentation included', async () => {
  const block = '|\n' + ORDER.split('\n').map((l) => (l ? `            ${l}` : l)).join('\n');
  // The block's header is on line 10: the source's line 7 is the document's line 17, 12 columns in.
  assert.equal(await findings('a.yaml', spec(block)), ['a.yaml:17:27-17:28 protobuf-schema field number 2 is used twice in message `shop.Order`']);
});

test('an error in a JSON string is reported at the string (its escapes hide the source lines)', async () => {
  const [d] = await findings('a.json', spec(ORDER, true), {});
  assert.match(d, /^a\.json:1:\d+-1:\d+ protobuf-schema field number 2 is used twice in message `shop\.Order`$/);
});

test('an import that is not there is reported at the import; Google\'s well-known types need no file', async () => {
  const src = 'syntax = "proto3";\nimport "google/protobuf/timestamp.proto";\nimport "money.proto";\nmessage Order { google.protobuf.Timestamp at = 1; }\n';
  assert.equal(await findings('a.yaml', spec("{ $ref: './order.proto' }"), { 'order.proto': src }), [
    "order.proto:3:8-3:21 protobuf-schema import `money.proto` cannot be read: money.proto: no such file",
  ]);
});

test('a payload that is no .proto source', async () => {
  assert.equal(await findings('a.yaml', spec('{ type: object }')), ['a.yaml:10:11-10:17 protobuf-schema a Protobuf payload must be .proto source: a string, or a `$ref` to a .proto file']);
});

test('the CLI prints file:line:col and exits 1 for a bad .proto file', () => {
  const { dir, cleanup } = tempFiles({ 'api.yaml': spec("{ $ref: './order.proto' }"), 'order.proto': ORDER });
  try {
    const r = cli(['validate', 'api.yaml'], { cwd: dir });
    assert.is(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /order\.proto:7:15  error  field number 2 is used twice in message `shop\.Order`/);
  } finally {
    cleanup();
  }
});

test.run();
