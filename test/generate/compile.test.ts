// Generated code compiles with `tsc --strict`, for both roles of every spec in specs/ (with the wiring
// examples of every transport), of the contracts `specgate new` writes, and for the
// AsyncAPI 3.0 and 2.6 examples of the corpus; and the compile-time guarantees hold: a wrong payload, a
// wrong reply type, a missing `timeoutMs` or a missing handler are type errors (`@ts-expect-error`
// lines that tsc would report as unused if they compiled). One tsc run covers everything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scaffold, STYLES } from '../../src/generate/scaffold.js';
import { validateFile } from '../../src/validate/index.js';
import { assertRuntimeBuilt, CORPUS, findSpecs, GENERATED, generateInto, ROOT, TSC } from './helpers.js';
import { skipped } from '../helpers.js';

const base = path.join(GENERATED, 'compile');

const TYPE_TESTS = `
import type { Transport } from 'specgate/runtime';
import { createOrderServiceClient } from './order-service-client/index.js';
import { registerOrderServiceHandlers, createOrderServiceClient as createOrderServiceSide } from './order-service-service/index.js';
import type { CreateOrderPayload, CreateOrderReply, OrderCreated } from './order-service-service/index.js';
import { createCustomerServiceClient } from './customer-service-client/index.js';
import { registerCustomerServiceHandlers } from './customer-service-service/index.js';

declare const transport: Transport;
declare const order: CreateOrderPayload;
declare const created: OrderCreated;

export async function typeTests(): Promise<void> {
  const client = createOrderServiceClient({ transport, fallbacks: { createOrder: () => ({ message: 'CreateOrderReply', payload: { outcome: 'rejected', reason: 'out-of-stock' }, headers: { messageId: 'm', correlationId: 'c' }, messageId: 'm', correlationId: 'c' }) } });

  const reply = await client.createOrder(order, { timeoutMs: 5000 });
  const payload: CreateOrderReply = reply.payload;
  if (payload.outcome === 'accepted') {
    const id: string = payload.orderId;
    void id;
  } else {
    // @ts-expect-error a rejection has no orderId
    void payload.orderId;
  }

  // @ts-expect-error a missing timeoutMs
  await client.createOrder(order, {});
  // @ts-expect-error no options at all: timeoutMs is required
  await client.createOrder(order);
  // @ts-expect-error a wrong payload: lineItems missing
  await client.createOrder({ customerId: 'c', shippingAddress: order.shippingAddress, paymentMethod: order.paymentMethod }, { timeoutMs: 1 });
  // @ts-expect-error a wrong payload: unknown payment method type
  await client.createOrder({ ...order, paymentMethod: { type: 'cash' } }, { timeoutMs: 1 });
  // @ts-expect-error events are not the client side's to send
  void client.publishOrderCreated;

  const service = createOrderServiceSide({ transport });
  await service.publishOrderCreated(created, { key: created.orderId, headers: { traceparent: '00-x' } });
  // @ts-expect-error a wrong payload: total is Money, not a number
  await service.publishOrderCreated({ ...created, total: 12 });

  await registerOrderServiceHandlers(
    { transport, group: 'order-service' },
    {
      handleCreateOrder: async ({ payload }) => ({ outcome: 'accepted', orderId: payload.customerId, status: 'pending' }),
      handleCancelOrder: ({ payload }) => ({ outcome: 'rejected', orderId: payload.orderId, reason: 'already-shipped' }),
    },
  );
  await registerOrderServiceHandlers(
    { transport, group: 'order-service' },
    {
      // @ts-expect-error a wrong reply type: status is not one of the OrderStatus values
      handleCreateOrder: async () => ({ outcome: 'accepted', orderId: 'o', status: 'lost' }),
      handleCancelOrder: () => ({ outcome: 'cancelled', orderId: 'o', cancelledAt: '2024-05-14T09:31:07Z' }),
    },
  );
  // @ts-expect-error a missing handler: the service side must handle every operation it receives
  await registerOrderServiceHandlers({ transport, group: 'order-service' }, { handleCreateOrder: async () => ({ outcome: 'rejected', reason: 'out-of-stock' }) });

  const customers = createCustomerServiceClient({ transport });
  await customers.receiveCustomerCommand({ customerId: 'c', address: { line1: 'l', city: 'c', postalCode: 'p', country: 'GB' } }, { parameters: { region: 'eu' } });
  // @ts-expect-error a region the channel parameter does not allow
  await customers.receiveCustomerCommand({ customerId: 'c', address: { line1: 'l', city: 'c', postalCode: 'p', country: 'GB' } }, { parameters: { region: 'mars' } });
  await registerCustomerServiceHandlers(
    { transport, group: 'customer-service', parameters: { region: 'eu' } },
    {
      handleReceiveCustomerCommand: (ctx) => {
        if (ctx.message === 'RegisterCustomer') void ctx.payload.email;
        // @ts-expect-error UpdateCustomerAddress has no email
        else void ctx.payload.email;
      },
    },
  );
}
`;

test('generated code for specs/ (both roles), the corpus examples and the type tests compile with tsc --strict', async () => {
  assertRuntimeBuilt();
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const files: string[] = [];
  // Each folder with one of the wiring examples (--transport), which import amqplib's and nats' types.
  const transports = { 'order-service-service': 'amqp', 'order-service-client': 'nats', 'customer-service-service': 'memory', 'customer-service-client': 'amqp' } as const;
  for (const spec of ['order-service', 'customer-service'] as const)
    for (const role of ['service', 'client'] as const) {
      const dir = await generateInto(path.join(ROOT, 'specs', `${spec}.asyncapi.yaml`), role, path.join('compile', `${spec}-${role}`), transports[`${spec}-${role}`]);
      files.push(path.join(dir, 'index.ts'), path.join(dir, 'wiring.ts'));
    }
  // The AsyncAPI contracts `specgate new` writes, both roles, with wiring (some sides handle nothing).
  mkdirSync(path.join(base, 'new'), { recursive: true });
  const wirings = ['amqp', 'nats', 'memory'] as const;
  let w = 0;
  for (const style of STYLES) {
    const spec = path.join(base, 'new', `${style}.asyncapi.yaml`);
    writeFileSync(spec, scaffold({ style, name: 'Order Service' }).content);
    for (const role of ['service', 'client'] as const) {
      const dir = await generateInto(spec, role, path.join('compile', 'new', `${style}-${role}`), wirings[w++ % wirings.length]);
      files.push(path.join(dir, 'index.ts'), path.join(dir, 'wiring.ts'));
    }
  }
  writeFileSync(path.join(base, 'type-tests.ts'), TYPE_TESTS);
  files.push(path.join(base, 'type-tests.ts'));

  let corpusSpecs = 0;
  if (existsSync(CORPUS)) {
    let i = 0;
    for (const version of ['3.0.0', '2.6.0']) {
      for (const spec of findSpecs(path.join(CORPUS, version))) {
        const v = await validateFile(spec, { keepModel: true });
        if (!v.valid) continue; // a document specgate validate rejects is refused by generate too
        corpusSpecs++;
        for (const role of ['service', 'client'] as const) {
          const dir = await generateInto(spec, role, path.join('compile', 'corpus', `${String(i++).padStart(3, '0')}-${role}`));
          files.push(path.join(dir, 'index.ts'));
        }
      }
    }
    assert.ok(corpusSpecs >= 30, `expected the corpus examples, found ${corpusSpecs}`);
  } else skipped('corpus', 'the corpus examples compile (part of this test)', `${CORPUS} is absent`);

  writeFileSync(
    path.join(base, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true, noUnusedLocals: false },
      files: files.map((f) => path.relative(base, f)),
    }),
  );
  const r = spawnSync(process.execPath, [TSC, '-p', path.join(base, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  assert.is(r.stdout + r.stderr, '', 'tsc reports no errors');
  assert.is(r.status, 0);
});

test.run();
