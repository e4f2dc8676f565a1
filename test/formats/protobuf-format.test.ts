import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { payloadFormat } from '../../src/formats/index.js';

const node = (value: unknown) => ({ value, source: { file: 'a.proto', pointer: '' }, format: 'application/vnd.google.protobuf;version=3' });

test('the registry gives the Protobuf format for both Protobuf versions, Avro to Avro, nothing to JSON Schema', () => {
  assert.equal(
    ['application/vnd.google.protobuf;version=3', 'application/vnd.google.protobuf;version=2', 'application/vnd.google.protobuf', 'application/vnd.apache.avro;version=1.9.0', 'application/schema+json;version=draft-07'].map((f) => payloadFormat(f)?.id ?? '-'),
    ['protobuf', 'protobuf', 'protobuf', 'avro', '-'],
  );
});

test('toJsonSchema is the AsyncAPI Protobuf parser\'s conversion of the root message; undefined when the source does not compile', () => {
  const f = payloadFormat('application/vnd.google.protobuf;version=3')!;
  assert.equal(f.toJsonSchema(node('syntax = "proto3";\nmessage A { string id = 1; }\n')), {
    title: 'A',
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', 'x-primitive': 'string' } },
  });
  assert.is(f.toJsonSchema(node('message {')), undefined);
  assert.is(f.toJsonSchema(node({ type: 'object' })), undefined);
});

test.run();
