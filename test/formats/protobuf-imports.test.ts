// A `$ref`d .proto file that imports others (`import "common/money.proto";`): validate, diff and generate
// read the imports relative to the importing file, and an import that cannot be read is an error at
// its line in the file that imports it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLoaded } from '../../src/diff/index.js';
import { validateFile } from '../../src/validate/index.js';
import { sideFromText } from '../diff/helpers.js';
import { cli, tempFiles } from '../helpers.js';

const doc = (ref = './orders.proto') => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  out:
    address: orders.out
    messages:
      Order: { name: Order, payload: { schemaFormat: 'application/vnd.google.protobuf;version=3', schema: { $ref: '${ref}' } } }
operations:
  publishOrder: { action: send, channel: { $ref: '#/channels/out' } }
`;

const ORDERS = `syntax = "proto3";
package shop;

import "common/money.proto";

message Order {
  string id = 1;
  common.Money total = 2;
}
`;
// Imported by common/money.proto itself: relative to common/, not to the document.
const MONEY = `syntax = "proto3";
package common;

import "currency.proto";

message Money {
  int64 units = 1;
  Currency currency = 2;
}
`;
const CURRENCY = `syntax = "proto3";
package common;

enum Currency {
  CURRENCY_UNSPECIFIED = 0;
  CURRENCY_EUR = 1;
}
`;
const TREE = { 'proto/orders.proto': ORDERS, 'proto/common/money.proto': MONEY, 'proto/common/currency.proto': CURRENCY };

async function findings(files: Record<string, string>, ref = './proto/orders.proto') {
  const r = await validateFile('api.yaml', { text: doc(ref), overrides: new Map(Object.entries(files)) });
  return r.diagnostics.map((d) => `${d.file}:${d.range?.start.line}:${d.range?.start.column}-${d.range?.end.line}:${d.range?.end.column} ${d.rule} ${d.message}`);
}

test('validate: imports are read relative to the importing file, transitively', async () => {
  assert.equal(await findings(TREE), []);
});

test('validate: an import that cannot be read is an error at its line in the importing file', async () => {
  const { 'proto/common/currency.proto': _, ...missing } = TREE;
  assert.equal(await findings(missing), [
    "proto/common/money.proto:4:8-4:24 protobuf-schema import `currency.proto` cannot be read: proto/common/currency.proto: no such file",
  ]);
});

test('validate: an error inside an imported file is reported there', async () => {
  const bad = { ...TREE, 'proto/common/money.proto': MONEY.replace('Currency currency = 2;', 'Currency currency = 1;') };
  assert.equal(await findings(bad), ['proto/common/money.proto:8:23-8:24 protobuf-schema field number 1 is used twice in message `common.Money`']);
  const unknown = { ...TREE, 'proto/common/money.proto': MONEY.replace('Currency currency', 'Currencyy currency') };
  assert.equal(await findings(unknown), ['proto/common/money.proto:8:3-8:12 protobuf-schema unknown type `Currencyy` in message `common.Money`']);
});

test('validate: files that import each other are read once each', async () => {
  const cycle = { ...TREE, 'proto/common/currency.proto': CURRENCY.replace('package common;\n', 'package common;\n\nimport "money.proto";\n') };
  assert.equal(await findings(cycle), []);
});

test('validate: an inline source imports relative to the document', async () => {
  const inline = doc().replace("{ $ref: './orders.proto' }", JSON.stringify(ORDERS.replace('common/money.proto', 'proto/common/money.proto')));
  const r = await validateFile('api.yaml', { text: inline, overrides: new Map(Object.entries(TREE)) });
  assert.equal(r.diagnostics, []);
  const gone = await validateFile('api.yaml', { text: inline.replace('proto/common/money.proto', 'proto/money.proto'), overrides: new Map(Object.entries(TREE)) });
  assert.equal(gone.diagnostics.map((d) => `${d.file} ${d.message}`), ['api.yaml import `proto/money.proto` cannot be read: proto/money.proto: no such file']);
});

test('diff: a change in an imported file is a change of the payload', async () => {
  const rev = { ...TREE, 'proto/common/money.proto': MONEY.replace('int64 units = 1;', 'string units = 1;') };
  const r = await diffLoaded(await sideFromText('base.yaml', doc('./proto/orders.proto'), TREE), await sideFromText('revision.yaml', doc('./proto/orders.proto'), rev), {});
  assert.equal(
    r.changes.map((c) => `${c.id} ${c.level} ${c.message}`),
    ['proto-field-wire-compatible-type breaking Payload of message `Order` sent on `orders.out`: field `units` (1) of `common.Money` changed type from `int64` to `string`, another wire encoding.'],
  );
});

const files = tempFiles({ 'api.yaml': doc('./proto/orders.proto'), ...TREE, 'missing/api.yaml': doc('./proto/orders.proto'), 'missing/proto/orders.proto': ORDERS });

test('cli: validate passes; a missing import is one located line and exit 1', () => {
  const ok = cli(['validate', 'api.yaml', '--format', 'github'], { cwd: files.dir });
  assert.is(ok.stdout, '');
  assert.is(ok.status, 0, ok.stderr);
  const r = cli(['validate', 'api.yaml', '--format', 'github'], { cwd: path.join(files.dir, 'missing') });
  assert.is(r.stdout, '::error file=proto/orders.proto,line=4,col=8,endLine=4,endColumn=28,title=protobuf-schema::import `common/money.proto` cannot be read: proto/common/money.proto: no such file\n');
  assert.is(r.status, 1);
});

test('generate: imported messages and enums are typed, and the codec gets every source', () => {
  const out = path.join(files.dir, 'out');
  const r = cli(['generate', 'api.yaml', '-o', out], { cwd: files.dir });
  assert.is(r.status, 0, r.stderr);
  const text = readdirSync(out).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
  assert.match(text, 'export type Currency = "CURRENCY_UNSPECIFIED" | "CURRENCY_EUR";');
  assert.match(text, /export interface Money \{\n {2}units: string;\n {2}currency: Currency;\n\}/);
  assert.match(text, /export interface Order \{\n {2}id: string;\n {2}total\?: Money \| null;\n\}/);
  assert.match(text, 'protobufCodec(["syntax = \\"proto3\\";\\npackage shop;');
});

test.after(() => files.cleanup());
test.run();
