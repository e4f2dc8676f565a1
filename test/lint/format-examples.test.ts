// Avro and Protobuf payloads in their own files (`.avsc`, `.proto` behind a `$ref`): example-valid
// places each finding on the example value in the spec, and partition-key-field reads the files' fields.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/format-examples/service.asyncapi.yaml');

test('examples are checked against a referenced .avsc and .proto; partition keys are looked up in them', async () => {
  const { report } = await lintFile(file, { config: builtinConfig('strict') });
  const found = report.diagnostics
    .filter((d) => d.rule === 'example-valid' || d.rule === 'partition-key-field')
    .map((d) => `${d.rule} ${d.range?.start.line}:${d.range?.start.column} ${d.message}`);
  assert.equal(found, [
    'example-valid 16:56 payload of example `tagged by number` of message `User` does not match its schema at `/tags/1`: must be `string`',
    'partition-key-field 19:5 partition key `$message.payload#/warehouseId` of channel `stock` points at `/warehouseId`, which message `StockChanged` does not declare',
    'example-valid 27:34 payload of example `counted` of message `StockChanged` does not match its schema at `/onHand`: must be `int32` (a 32-bit integer, as a number or a decimal string)',
  ]);
});

test.run();
