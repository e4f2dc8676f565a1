// `specgate new`: every style in both formats validates and lints clean with the strict ruleset; the
// AsyncAPI ones generate without warnings, and the request/reply one works end to end; the command writes
// a file, refuses to overwrite it, and prints to stdout with `--out -`.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { InMemoryTransport } from 'specgate/runtime';
import { runNew } from '../../src/cli/new.js';
import { generate } from '../../src/generate/index.js';
import { entityOf, FORMATS, scaffold, ScaffoldError, STYLES } from '../../src/generate/scaffold.js';
import { builtinConfig } from '../../src/lint/config.js';
import { lintFile } from '../../src/lint/engine.js';
import { validateFile } from '../../src/validate/index.js';
import { assertRuntimeBuilt, GENERATED, writeGenerated } from './helpers.js';

const base = path.join(GENERATED, 'new');
rmSync(base, { recursive: true, force: true });
mkdirSync(base, { recursive: true });

test('the entity of a service name', () => {
  assert.is(entityOf('Order Service'), 'Order');
  assert.is(entityOf('inventory-api'), 'Inventory');
  assert.is(entityOf('Shipping Label Service API'), 'ShippingLabel');
  assert.is(entityOf('Service'), 'Service');
  assert.is(entityOf('Payments'), 'Payments');
});

for (const format of FORMATS)
  for (const style of STYLES)
    test(`${style} (${format}): valid, and no finding at all with the strict ruleset`, async () => {
      for (const name of ['Order Service', 'Inventory API']) {
        const s = scaffold({ style, name, format });
        assert.is(s.file, `${name === 'Order Service' ? 'order-service' : 'inventory-api'}.${format}.yaml`);
        const file = path.join(base, `${style}-${s.file}`);
        writeFileSync(file, s.content);
        const v = await validateFile(file);
        assert.equal(v.diagnostics, [], `${name}: validate`);
        assert.is(v.format, format);
        const lint = await lintFile(file, { config: builtinConfig('strict') });
        assert.equal(lint.report.diagnostics, [], `${name}: lint --ruleset strict`);
        assert.match(s.content, new RegExp(`^  title: "${name}"$`, 'm'));
      }
    });

test('the AsyncAPI styles generate both roles without warnings, with the names the entity gives', async () => {
  const expected: Record<string, string[]> = {
    'request-reply': ['createOrder'],
    event: ['publishOrderCreated'],
    command: ['updateOrder'],
    pubsub: ['acceptOrder', 'publishOrderAccepted'],
  };
  for (const style of STYLES) {
    const r = await validateFile(`${style}.asyncapi.yaml`, { keepModel: true, text: scaffold({ style, name: 'Order Service' }).content });
    for (const role of ['service', 'client'] as const) {
      const g = generate(r.model!, { role });
      assert.equal(g.warnings, [], `${style} ${role}`);
      const ops = g.files.find((f) => f.path === 'operations.ts')!.content;
      assert.equal([...ops.matchAll(/^ {4}id: "(\w+)",$/gm)].map((m) => m[1]), expected[style], style);
    }
  }
});

test('request-reply end to end: the generated client gets the reply of the generated service', async () => {
  assertRuntimeBuilt();
  const r = await validateFile('order.asyncapi.yaml', { keepModel: true, text: scaffold({ style: 'request-reply', name: 'Order Service' }).content });
  const load = async (role: 'service' | 'client') => {
    const dir = writeGenerated(generate(r.model!, { role }), path.join(base, `e2e-${role}`));
    return import(pathToFileURL(path.join(dir, 'index.ts')).href);
  };
  const service = await load('service');
  const client = await load('client');
  const transport = new InMemoryTransport();
  const names: string[] = [];
  const handle = await service.registerOrderServiceHandlers(
    { transport, group: 'order-service' },
    {
      handleCreateOrder: async ({ payload }: { payload: { name: string } }) => {
        names.push(payload.name);
        return payload.name === 'taken'
          ? { outcome: 'rejected', reason: 'duplicate' }
          : { outcome: 'created', orderId: '3f2b8c4d-1e6a-4b7c-9d0e-5f1a2b3c4d5e' };
      },
    },
  );
  const c = client.createOrderServiceClient({ transport });
  const ok = await c.createOrder({ name: 'first' }, { timeoutMs: 5000 });
  const no = await c.createOrder({ name: 'taken' }, { timeoutMs: 5000 });
  assert.equal([ok.message, ok.payload, no.payload], ['CreateOrderReply', { outcome: 'created', orderId: '3f2b8c4d-1e6a-4b7c-9d0e-5f1a2b3c4d5e' }, { outcome: 'rejected', reason: 'duplicate' }]);
  assert.equal(names, ['first', 'taken']);
  await c.close();
  await handle.close();
});

test('bad options are refused with a clear message', () => {
  assert.throws(() => scaffold({ style: 'rpc' as never, name: 'X' }), (e: unknown) => e instanceof ScaffoldError && /unknown style rpc; expected one of request-reply, event, command, pubsub/.test((e as Error).message));
  assert.throws(() => scaffold({ style: 'event', name: 'X', format: 'raml' as never }), /unknown format raml/);
  assert.throws(() => scaffold({ style: 'event', name: ' !! ' }), /--name needs at least one letter or digit/);
});

test('runNew writes the file, refuses to overwrite it without force, and prints with --out -', async () => {
  const file = path.join(base, 'cli', 'orders.asyncapi.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  const stderr: string[] = [];
  const stdout: string[] = [];
  const err = process.stderr.write;
  const out = process.stdout.write;
  process.stderr.write = ((c: string) => (stderr.push(String(c)), true)) as typeof process.stderr.write;
  try {
    assert.is(await runNew({ style: 'command', name: 'Order Service', out: file }), 0);
    assert.is(readFileSync(file, 'utf8'), scaffold({ style: 'command', name: 'Order Service' }).content);
    assert.equal(stderr, [`wrote ${file} (command, asyncapi); next: specgate lint --ruleset strict ${file}, then specgate generate ${file} --out src/generated/order-service\n`]);
    writeFileSync(file, 'mine\n');
    assert.is(await runNew({ style: 'event', name: 'Order Service', out: file }), 2);
    assert.is(stderr[1], `specgate: ${file} exists; choose another --out, or pass --force to overwrite it\n`);
    assert.is(readFileSync(file, 'utf8'), 'mine\n');
    assert.is(await runNew({ style: 'event', name: 'Order Service', out: file, force: true }), 0);
    assert.ok(readFileSync(file, 'utf8').includes('publishOrderCreated:'));
    process.stdout.write = ((c: string, done?: () => void) => (stdout.push(String(c)), done?.(), true)) as typeof process.stdout.write;
    assert.is(await runNew({ style: 'request-reply', name: 'Order Service', format: 'openapi', out: '-' }), 0);
  } finally {
    process.stderr.write = err;
    process.stdout.write = out;
  }
  assert.is(stdout.join(''), scaffold({ style: 'request-reply', name: 'Order Service', format: 'openapi' }).content);
  assert.not.ok(existsSync(path.join(base, 'cli', 'order-service.openapi.yaml')));
});

test.run();
