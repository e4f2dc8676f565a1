// Generated OpenAPI code compiles with `tsc --strict`: specs/orders-api.openapi.yaml for both roles
// together and each alone (with the HTTP wiring example), the parameter fixture, the webhooks fixture
// (both roles and each alone), the multipart fixture, the `specgate new` styles with webhooks and the
// Fastify adapter's use; and the compile-time guarantees hold: a missing path parameter or required
// header, a wrongly typed query value, a body read as the wrong status's type, an undeclared status
// from a handler, a missing handler, a string for a file to upload and a received file read as bytes
// are type errors (`@ts-expect-error` lines that tsc would report as unused if they compiled). One tsc
// run covers all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scaffold } from '../../src/generate/scaffold.js';
import { assertRuntimeBuilt, GENERATED, generateInto, ROOT, TSC } from './helpers.js';

const base = path.join(GENERATED, 'http-compile');
const ORDERS = path.join(ROOT, 'specs', 'orders-api.openapi.yaml');

const TYPE_TESTS = `
import { createServer } from 'node:http';
import { createOrdersAPIClient, createOrdersAPIRouter, createOrdersAPIRoutes, type OrdersAPIHandlers, type Order, type OrderInput, type Problem } from './orders-both/index.js';
import { connectOrdersAPI } from './orders-client/wiring.js';
import { serveOrdersAPI } from './orders-server/wiring.js';
import Fastify from 'fastify';
import { registerRoutes } from 'specgate/runtime/http/fastify';
import { createPetHooksWebhookSender } from './hooks-provider/index.js';
import { createPetHooksWebhookRouter, createPetHooksWebhookRoutes, type PetHooksWebhookHandlers } from './hooks-subscriber/index.js';
import { createUploadsClient, createUploadsRouter, type UploadsHandlers } from './uploads/index.js';

declare const input: OrderInput;
declare const order: Order;
declare const problem: Problem;

export async function typeTests(): Promise<void> {
  const client = createOrdersAPIClient({
    baseUrl: 'http://127.0.0.1:8080',
    timeoutMs: 5000,
    maxOutstanding: 10,
    breaker: { failureRatio: 0.5, minimumRequests: 10, coolDownMs: 10_000 },
    retries: { attempts: 2 },
    fetch,
    fallbacks: { getOrder: () => ({ status: 200, contentType: 'application/json', headers: {}, body: order }) },
  });
  const r = await client.getOrder({ path: { orderId: order.orderId } }, { timeoutMs: 100 });
  if (r.status === 200) {
    const o: Order = r.body;
    void o;
  } else {
    const p: Problem = r.body;
    // @ts-expect-error a 401 or 404 body is a Problem, not an Order
    void r.body.orderId;
    void p;
  }
  await client.listOrders();
  await client.listOrders({ query: { limit: 5, status: 'shipped' } });
  await client.createOrder({ headers: { 'Idempotency-Key': 'k' }, body: input });
  // @ts-expect-error the path parameter is missing
  await client.getOrder({});
  // @ts-expect-error the Idempotency-Key header is required
  await client.createOrder({ body: input });
  // @ts-expect-error limit is an integer, not a string
  await client.listOrders({ query: { limit: '5' } });
  // @ts-expect-error a status the schema does not allow
  await client.listOrders({ query: { status: 'lost' } });
  // @ts-expect-error the body is required
  await client.putOrder({ path: { orderId: 'o' } });

  const handlers: OrdersAPIHandlers = {
    createOrder: ({ headers, body }) => ({ status: 201, body: { ...order, customerId: body.customerId, orderId: headers['Idempotency-Key'] } }),
    listOrders: ({ query }) => ({ status: 200, body: { items: [], nextCursor: query.cursor ?? null } }),
    getOrder: async ({ path }) => (path.orderId === order.orderId ? { status: 200, body: order } : { status: 404, body: problem }),
    putOrder: () => ({ status: 200, body: order }),
    cancelOrder: ({ query }) => ({ status: 200, body: { ...order, status: 'cancelled', cancellationReason: query.reason } }),
  };
  createServer(createOrdersAPIRouter(handlers, { validateResponses: true }));
  createOrdersAPIRouter({
    ...handlers,
    // @ts-expect-error a status getOrder does not declare
    getOrder: () => ({ status: 201, body: order }),
  });
  createOrdersAPIRouter({
    ...handlers,
    // @ts-expect-error a 404 body must be a Problem
    getOrder: () => ({ status: 404, body: order }),
  });
  // @ts-expect-error a missing handler
  createOrdersAPIRouter({ getOrder: handlers.getOrder });

  const served = await serveOrdersAPI(handlers, { port: 0 });
  const wired = connectOrdersAPI(served.url, { timeoutMs: 100 });
  await wired.getOrder({ path: { orderId: 'o' } });
  await served.close();

  const app = Fastify();
  await registerRoutes(app, createOrdersAPIRoutes(handlers), { validateResponses: true });

  const sender = createPetHooksWebhookSender({ url: 'http://127.0.0.1:9/hooks', timeoutMs: 100 });
  const delivered = await sender.newPet({ headers: { 'X-Delivery': 1 }, body: { id: 1, name: 'Rex' } }, { url: 'http://127.0.0.1:9/other' });
  if (delivered.status === 200) void delivered.body.received;
  // @ts-expect-error the X-Delivery header is required
  await sender.newPet({ body: { id: 1, name: 'Rex' } });
  // @ts-expect-error X-Delivery is an integer
  await sender.newPet({ headers: { 'X-Delivery': '1' }, body: { id: 1, name: 'Rex' } });
  await sender.deletePetRemoved();
  const hooks: PetHooksWebhookHandlers = {
    newPet: ({ headers, body }) => ({ status: 200, body: { received: body.name + String(headers['X-Delivery'] + 1) } }),
    postPetRemoved: ({ body }) => (body.id > 0 ? { status: 204 } : { status: 204 }),
    deletePetRemoved: () => ({ status: 204 }),
  };
  createServer(createPetHooksWebhookRouter(hooks, { paths: { newPet: '/hooks/pets' }, validateResponses: true }));
  await registerRoutes(app, createPetHooksWebhookRoutes(hooks, { postPetRemoved: '/hooks/removed' }));
  createPetHooksWebhookRouter({
    ...hooks,
    // @ts-expect-error a status newPet does not declare
    newPet: () => ({ status: 201, body: { received: 'x' } }),
  });
  // @ts-expect-error a path for a webhook that does not exist
  createPetHooksWebhookRouter(hooks, { paths: { lostPet: '/x' } });

  const uploads = createUploadsClient({ baseUrl: 'http://127.0.0.1:8080' });
  await uploads.uploadAvatar({ path: { id: 1 }, body: { caption: 'c', count: 1, meta: { source: 's' }, avatar: new Uint8Array(1), thumbnails: [new Blob([]), new File([], 'f.png')] } });
  // @ts-expect-error a file is bytes or a Blob, not a string
  await uploads.uploadAvatar({ path: { id: 1 }, body: { caption: 'c', count: 1, avatar: 'x' } });
  // @ts-expect-error the avatar is required
  await uploads.uploadAvatar({ path: { id: 1 }, body: { caption: 'c', count: 1 } });
  const uploadHandlers: UploadsHandlers = {
    uploadAvatar: ({ body }) => ({ status: 200, body: { size: body.avatar.data.byteLength + body.count, name: body.avatar.filename ?? '', type: body.avatar.contentType, thumbnails: body.thumbnails?.length ?? 0 } }),
    addDocument: ({ body }) => {
      // @ts-expect-error a received file is not bytes
      const first: Uint8Array | undefined = body?.attachments?.[0];
      return first ? { status: 204 } : { status: 204 };
    },
  };
  createServer(createUploadsRouter(uploadHandlers));
}
`;

test('generated OpenAPI code (both roles, each alone, wiring) and the type tests compile with tsc --strict', async () => {
  assertRuntimeBuilt();
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const files: string[] = [];
  const both = await generateInto(ORDERS, undefined, path.join('http-compile', 'orders-both'), 'http');
  const client = await generateInto(ORDERS, 'client', path.join('http-compile', 'orders-client'), 'http');
  const server = await generateInto(ORDERS, 'server', path.join('http-compile', 'orders-server'), 'http');
  const fixture = await generateInto(path.join(ROOT, 'test', 'fixtures', 'http', 'catalog.openapi.yaml'), undefined, path.join('http-compile', 'catalog'));
  assert.ok(existsSync(path.join(both, 'client.ts')) && existsSync(path.join(both, 'server.ts')));
  assert.ok(existsSync(path.join(client, 'client.ts')) && !existsSync(path.join(client, 'server.ts')), 'client only');
  assert.ok(!existsSync(path.join(server, 'client.ts')) && existsSync(path.join(server, 'server.ts')), 'server only');
  for (const d of [both, client, server]) files.push(path.join(d, 'index.ts'), path.join(d, 'wiring.ts'));
  files.push(path.join(fixture, 'index.ts'));
  files.push(path.join(await generateInto(path.join(ROOT, 'test', 'fixtures', 'http', 'uploads.openapi.yaml'), undefined, path.join('http-compile', 'uploads')), 'index.ts'));
  const HOOKS = path.join(ROOT, 'test', 'fixtures', 'http', 'hooks.openapi.yaml');
  for (const [role, dir] of [[undefined, 'hooks-both'], ['server', 'hooks-provider'], ['client', 'hooks-subscriber']] as const)
    files.push(path.join(await generateInto(HOOKS, role, path.join('http-compile', dir)), 'index.ts'));
  // The `specgate new` OpenAPI styles that declare webhooks (event, pubsub), as a user starts from them.
  for (const style of ['event', 'pubsub'] as const) {
    const spec = path.join(base, `${style}.openapi.yaml`);
    writeFileSync(spec, scaffold({ style, name: 'Order Service', format: 'openapi' }).content);
    files.push(path.join(await generateInto(spec, undefined, path.join('http-compile', `new-${style}`)), 'index.ts'));
  }
  writeFileSync(path.join(base, 'type-tests.ts'), TYPE_TESTS);
  files.push(path.join(base, 'type-tests.ts'));
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
