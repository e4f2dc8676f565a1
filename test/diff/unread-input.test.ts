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

test.after(() => files.cleanup());
test.run();
