// A `$ref` where an Avro type stands is inlined, as the AsyncAPI parser does before its Avro parser runs:
// names defined behind it are usable afterwards, problems there are located in the file that has them,
// a change there is a change of the payload that refers to it, and a `$ref` inside its own target is a
// located error (recursion in Avro is by name).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffLoaded } from '../../src/diff/index.js';
import { builtinConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';
import { validateFile } from '../../src/validate/index.js';
import { sideFromText } from '../diff/helpers.js';
import { cli, tempFiles } from '../helpers.js';

const where = (r: Awaited<ReturnType<typeof validateFile>>) =>
  r.diagnostics.map((d) => `${d.file.split('/').pop()}:${d.range?.start.line}:${d.range?.start.column} ${d.rule} ${d.message}`);

const money = (amount = 'string') =>
  `{ "type": "record", "name": "Money", "namespace": "shop", "fields": [ { "name": "amount", "type": "${amount}" }, { "name": "currency", "type": "string" } ] }\n`;
const order = `{ "type": "record", "name": "Order", "namespace": "shop", "fields": [ { "name": "id", "type": "string" },
  { "name": "total", "type": { "$ref": "./money.avsc" } }, { "name": "tax", "type": "shop.Money" } ] }
`;

/** AsyncAPI 3: `payload` is received on `orders.in` and sent on `orders.out`. */
const api = (payload: string) => `asyncapi: 3.0.0
info: { title: Shop, version: 1.0.0 }
channels:
  in: { address: orders.in, messages: { Order: { name: Order, payload: { schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0', schema: ${payload} } } } }
  out: { address: orders.out, messages: { Order: { name: Order, payload: { schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0', schema: ${payload} } } } }
operations:
  acceptOrder: { action: receive, channel: { $ref: '#/channels/in' } }
  publishOrder: { action: send, channel: { $ref: '#/channels/out' } }
`;

const files = tempFiles({
  'money.avsc': money(),
  'order.avsc': order,
  'api.yaml': api("{ $ref: './order.avsc' }"),
  'bad/money.avsc': money('decimal'),
  'bad/order.avsc': order,
  'bad/api.yaml': api("{ $ref: './order.avsc' }"),
  // Three levels, the last one without a namespace: it takes the enclosing one (`shop.Currency`).
  'deep/currency.avsc': '{ "type": "enum", "name": "Currency", "symbols": ["EUR", "USD"] }\n',
  'deep/money.avsc': '{ "type": "record", "name": "Money", "fields": [ { "name": "amount", "type": "string" }, { "name": "currency", "type": { "$ref": "./currency.avsc" } } ] }\n',
  'deep/refund.avsc': '{ "type": "record", "name": "Refund", "fields": [ { "name": "amount", "type": "shop.Money" } ] }\n',
  'deep/api.yaml': api(
    "{ type: record, name: Order, namespace: shop, fields: [ { name: total, type: { $ref: './money.avsc' } }, { name: paidIn, type: [ 'null', shop.Currency ] }, { name: lines, type: { type: array, items: { $ref: './money.avsc#/fields/0/type' } } }, { name: ref, type: { type: { $ref: './money.avsc#/fields/0/type' }, logicalType: uuid } }, { name: refund, type: [ 'null', { $ref: './refund.avsc' } ] }, { name: again, type: [ 'null', Refund ] } ] }",
  ),
  'lint/money.avsc': money(),
  'lint/order.avsc': order,
  'lint/api.yaml': api("{ $ref: './order.avsc' }").replace(
    "schema: { $ref: './order.avsc' } } } } }\n  out",
    "schema: { $ref: './order.avsc' } }, examples: [ { payload: { id: o1, total: { amount: '1', currency: 7 }, tax: { amount: '2', currency: EUR } } } ] } } }\n  out",
  ),
  'cycle/a.avsc': '{ "type": "record", "name": "A", "fields": [ { "name": "b", "type": { "$ref": "./b.avsc" } } ] }\n',
  'cycle/b.avsc': '{ "type": "record", "name": "B", "fields": [ { "name": "a", "type": ["null", { "$ref": "./a.avsc" }] } ] }\n',
  'cycle/api.yaml': api("{ $ref: './a.avsc' }"),
  'twice/money.avsc': money(),
  'twice/api.yaml': api("{ type: record, name: Order, namespace: shop, fields: [ { name: total, type: { $ref: './money.avsc' } }, { name: tax, type: { $ref: './money.avsc' } } ] }"),
});

test('a record in another .avsc file: inlined, and its name usable after the $ref', async () => {
  const r = await validateFile(`${files.dir}/api.yaml`);
  assert.equal(where(r), []);
  assert.is(r.valid, true);
});

test('a problem inside the referenced file is located there', async () => {
  const r = await validateFile(`${files.dir}/bad/api.yaml`);
  assert.equal(where(r), ['money.avsc:1:91 avro-schema unknown Avro type `decimal`']);
});

test('several levels, inline in YAML, a pointer into a file, the `type` of a type object, a union branch; an unqualified name takes the enclosing namespace', async () => {
  const r = await validateFile(`${files.dir}/deep/api.yaml`);
  assert.equal(where(r), []);
});

test('lint: an example is checked against the fields of the referenced record', async () => {
  const { report } = await lintFile(`${files.dir}/lint/api.yaml`, { config: builtinConfig('strict') });
  const found = report.diagnostics.filter((d) => d.rule === 'example-valid').map((d) => `${d.range?.start.line}:${d.range?.start.column} ${d.message}`);
  assert.equal(found, ['4:229 payload of example 0 of message `Order` does not match its schema at `/total/currency`: must be `string`']);
});

test('a $ref cycle between two files: one located error, no hang', async () => {
  const r = await validateFile(`${files.dir}/cycle/api.yaml`);
  assert.equal(where(r), ['b.avsc:1:78 avro-schema `$ref` `./a.avsc` is inside the schema it refers to, which would inline it forever']);
  assert.equal(r.diagnostics[0].help, 'a recursive type refers to itself by its name, not by `$ref`');
});

test('the same file referred to twice defines its type twice, as avsc finds in the inlined schema', async () => {
  const r = await validateFile(`${files.dir}/twice/api.yaml`);
  // Once for each channel's copy of the payload.
  assert.equal(where(r), ['api.yaml:4:264 avro-schema `$ref` defines type `shop.Money` a second time', 'api.yaml:5:266 avro-schema `$ref` defines type `shop.Money` a second time']);
  assert.equal(r.diagnostics[0].help, 'after its first `$ref`, refer to it by its name `shop.Money`');
});

// `tax` is the same named type: Avro resolves it once, and so it is reported once.
test('diff: a field type changed inside money.avsc is a change of the Order payload, in the direction of the data', async () => {
  const spec = api("{ $ref: './order.avsc' }");
  const side = (file: string, amount: string) => sideFromText(file, spec, { 'order.avsc': order, 'money.avsc': money(amount) });
  const r = await diffLoaded(await side('base.yaml', 'int'), await side('revision.yaml', 'long'), {});
  assert.equal(
    r.changes.map((c) => `${c.id} ${c.level} ${c.operation}: ${c.message} ${c.base?.file}#${c.base?.pointer} ${c.revision?.file}:${c.revision?.line}:${c.revision?.column}`),
    [
      'avro-type-changed breaking publishOrder: Payload of message `Order` sent on `orders.out`: type of `total.amount` changed from `int` to `long`, which Avro does not resolve. money.avsc#/fields/0/type money.avsc:1:91',
      'avro-type-changed non-breaking acceptOrder: Payload of message `Order` received on `orders.in`: type of `total.amount` changed from `int` to `long`; Avro promotes the old values. money.avsc#/fields/0/type money.avsc:1:91',
    ],
  );
});

test('specgate diff reads both sides whole: no refusal, no change', () => {
  const r = cli(['diff', 'api.yaml', 'api.yaml'], { cwd: files.dir });
  assert.is(r.stderr, '');
  assert.is(r.status, 0);
  assert.match(r.stdout, /no changes/);
});

test('specgate diff refuses a side with a $ref cycle, located', () => {
  const r = cli(['diff', 'cycle/api.yaml', 'api.yaml'], { cwd: files.dir });
  assert.is(r.status, 2);
  assert.match(r.stderr, /^specgate: cycle\/b\.avsc:1:78: `\$ref` `\.\/a\.avsc` is inside the schema it refers to/);
});

test.after(files.cleanup);
test.run();
