// A side of a diff with a `$ref` that does not resolve, or a payload in another schema format that does
// not read (a `.proto` import missing), is not compared: it exits 2 with the first such place located,
// instead of comparing what is missing as "no change". (In a folder diff only that pair is refused:
// test/isolation-fuzz.test.ts, whose mutants include broken $refs.)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tempFiles } from '../helpers.js';
import { runDiffCommand } from './helpers.js';

const doc = (payload: string) => `asyncapi: 3.0.0
info: { title: Shop, version: 1.0.0 }
channels:
  orders:
    address: orders
    messages:
      OrderPlaced:
        payload: ${payload}
operations:
  send:
    action: send
    channel: { $ref: '#/channels/orders' }
`;
const json = '{ type: object, properties: { id: { type: string } } }';
const proto = (ref: string) => `{ schemaFormat: 'application/vnd.google.protobuf;version=3', schema: { $ref: '${ref}' } }`;
const ORDER = 'syntax = "proto3";\npackage shop;\n\nimport "money.proto";\n\nmessage Order {\n  string id = 1;\n  Money total = 2;\n}\n';

const files = tempFiles({
  'base.yaml': doc(json),
  'broken-ref.yaml': doc("{ $ref: './missing.json' }"),
  'two-broken.yaml': doc("{ $ref: './missing.json' }").replace('operations:', "components:\n  schemas:\n    X: { $ref: './gone.json' }\noperations:"),
  'proto-base.yaml': doc(proto('./order.proto')),
  'order.proto': ORDER,
  'money.proto': 'syntax = "proto3";\npackage shop;\n\nmessage Money {\n  string amount = 1;\n}\n',
  'proto-rev.yaml': doc(proto('./order-rev.proto')),
  'order-rev.proto': ORDER.replace('money.proto', 'prices.proto'),
  // What the contract does not go through: an unused schema of a shared file, an extension, an example.
  'shared.yaml': doc("{ $ref: './common.yaml#/components/schemas/Order' }"),
  'common.yaml': "components:\n  schemas:\n    Order: { type: object, properties: { id: { type: string } } }\n    Unused: { $ref: './missing.yaml' }\n",
  'extension.yaml': doc(json).replace('info: { title: Shop, version: 1.0.0 }', "info: { title: Shop, version: 1.0.0 }\nx-notes: { $ref: './notes.md' }"),
  'example.yaml': doc(json).replace('        payload:', "        examples: [ { payload: { $ref: '#/nowhere' } } ]\n        payload:"),
  'named.yaml': doc("{ type: object, properties: { example: { $ref: './gone.json' } } }"),
  // A history whose oldest snapshot has a broken $ref: only the latest is compared outside transitive modes.
  'history/v1.yaml': doc("{ $ref: './missing.json' }").replace('1.0.0', '0.9.0'),
  'history/v2.yaml': doc(json),
});
const at = (name: string) => path.join(files.dir, name);

test('a $ref that does not resolve in the revision: exit 2, located, nothing compared', async () => {
  const r = await runDiffCommand([at('base.yaml'), at('broken-ref.yaml')]);
  assert.is(r.code, 2);
  assert.is(r.out, '');
  assert.is(r.err, `specgate: ${at('broken-ref.yaml')}:8:20: $ref \`./missing.json\` cannot be resolved: ${at('missing.json')}: no such file; not compared\n`);
});

test('in the base too; more than one problem is counted, the first located', async () => {
  const r = await runDiffCommand([at('two-broken.yaml'), at('base.yaml')]);
  assert.is(r.code, 2);
  assert.is(r.err, `specgate: ${at('two-broken.yaml')}:8:20: $ref \`./missing.json\` cannot be resolved: ${at('missing.json')}: no such file (and 1 more; \`specgate validate\` lists them); not compared\n`);
});

test('a .proto import that cannot be read: exit 2 at the import line', async () => {
  const r = await runDiffCommand([at('proto-base.yaml'), at('proto-rev.yaml')]);
  assert.is(r.code, 2);
  assert.match(r.err, new RegExp(`^specgate: ${at('order-rev.proto').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:8: import \`prices.proto\` cannot be read: .*; not compared\n$`));
});

test('a readable pair still compares as before', async () => {
  const r = await runDiffCommand([at('base.yaml'), at('base.yaml')]);
  assert.is(r.code, 0);
  assert.equal(JSON.parse(r.out).changes ?? JSON.parse(r.out)[0]?.changes, []);
});

test('a $ref the contract does not go through is no reason to refuse: unused shared schema, extension, example', async () => {
  for (const name of ['shared.yaml', 'extension.yaml', 'example.yaml']) {
    const r = await runDiffCommand([at('base.yaml'), at(name)]);
    assert.is(r.err, '', name);
    assert.ok(r.code === 0 || r.code === 1, `${name}: ${r.code}`);
  }
});

test('a property named `example` is part of the contract: its broken $ref refuses the side', async () => {
  const r = await runDiffCommand([at('base.yaml'), at('named.yaml')]);
  assert.is(r.code, 2);
  assert.match(r.err, /named\.yaml:8:59: \$ref `\.\/gone\.json` cannot be resolved/);
});

test('--history: a snapshot that is not compared (not the latest, plain mode) does not fail the run', async () => {
  const r = await runDiffCommand([at('base.yaml')], { history: at('history') });
  assert.is(r.code, 0, r.err);
  const results = JSON.parse(r.out);
  assert.equal((Array.isArray(results) ? results : results.results ?? [results]).map((x: { error?: unknown }) => !!x.error), [false]);
  const t = await runDiffCommand([at('base.yaml')], { history: at('history'), mode: 'backward_transitive' });
  assert.is(t.code, 2, 'transitive: the broken snapshot is compared, so refused');
});

test.after(() => files.cleanup());
test.run();
