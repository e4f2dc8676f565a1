// End to end over InMemoryTransport: generated service and client sides of specs/ talking to each other.
// The generated code imports `specgate/runtime` (dist/), so the runtime classes used here come from there
// too: `instanceof` must see the same classes the generated code throws.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CircuitOpenError,
  InMemoryDedupStore,
  InMemoryTransport,
  RequestTimeoutError,
  TooManyRequestsError,
  ValidationError,
  type InvalidMessage,
} from 'specgate/runtime';
import { generate } from '../../src/generate/index.js';
import { validateFile } from '../../src/validate/index.js';
import { assertRuntimeBuilt, GENERATED, generateInto, ROOT, writeGenerated } from './helpers.js';

assertRuntimeBuilt();
const load = async (spec: string, role: 'service' | 'client') => {
  const dir = await generateInto(path.join(ROOT, 'specs', `${spec}.asyncapi.yaml`), role, path.join('e2e', `${spec}-${role}`));
  return import(pathToFileURL(path.join(dir, 'index.ts')).href);
};
// The generated modules' types (compile.test.ts type-checks them; here only behaviour counts).
const orderService = (await load('order-service', 'service')) as typeof import('../.generated/e2e/order-service-service/index.js');
const orderClient = (await load('order-service', 'client')) as typeof import('../.generated/e2e/order-service-client/index.js');
const customerService = (await load('customer-service', 'service')) as typeof import('../.generated/e2e/customer-service-service/index.js');
const customerClient = (await load('customer-service', 'client')) as typeof import('../.generated/e2e/customer-service-client/index.js');

const ORDER_ID = '3f2b8c4d-1e6a-4b7c-9d0e-5f1a2b3c4d5e';
const CUSTOMER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const address = { line1: '12 St James\'s Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };
const createOrder = {
  customerId: CUSTOMER_ID,
  lineItems: [{ sku: 'BOOK-0042', quantity: 2, unitPrice: { amount: '12.45', currency: 'GBP' } }],
  shippingAddress: address,
  paymentMethod: { type: 'card' as const, cardToken: 'pt_7f3a9c2e51b84d06' },
};
const orderCreated = (orderId: string, n = 0) => ({
  orderId,
  customerId: CUSTOMER_ID,
  lineItems: [{ sku: 'BOOK-0042', quantity: n + 1, unitPrice: { amount: '12.45', currency: 'GBP' } }],
  total: { amount: '24.90', currency: 'GBP' },
  shippingAddress: address,
  paymentMethodType: 'card' as const,
  createdAt: '2024-05-14T09:30:00Z',
});
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('an event reaches every consumer group once; members of one group compete', async () => {
  const transport = new InMemoryTransport();
  const seen: string[] = [];
  const handlers = (who: string) => ({
    handleCreateOrder: undefined,
    handlePublishOrderCreated: async ({ payload, message }: { payload: { orderId: string }; message: string }) => void seen.push(`${who} ${message} ${payload.orderId}`),
  });
  const billing1 = await orderClient.registerOrderServiceHandlers({ transport, group: 'billing' }, handlers('billing-1'));
  const billing2 = await orderClient.registerOrderServiceHandlers({ transport, group: 'billing' }, handlers('billing-2'));
  const shipping = await orderClient.registerOrderServiceHandlers({ transport, group: 'shipping' }, handlers('shipping'));
  const service = orderService.createOrderServiceClient({ transport });
  const sent = await service.publishOrderCreated(orderCreated(ORDER_ID));
  await transport.drain();
  assert.is(sent.address, 'order.created');
  assert.equal(seen.filter((s) => s.startsWith('shipping')), [`shipping OrderCreated ${ORDER_ID}`]);
  assert.is(seen.filter((s) => s.startsWith('billing')).length, 1);
  assert.equal(transport.published[0].key, ORDER_ID, 'the partition key comes from x-specgate-partition-key');
  assert.is(transport.published[0].headers.messageId, sent.messageId);
  await Promise.all([billing1.close(), billing2.close(), shipping.close()]);
});

test('request/reply: the reply carries the request correlation id and goes to the reply address', async () => {
  const transport = new InMemoryTransport();
  const calls: { correlationId?: string; replyTo: string }[] = [];
  const handle = await orderService.registerOrderServiceHandlers(
    { transport, group: 'order-service' },
    {
      handleCreateOrder: async ({ correlationId, headers }) => {
        calls.push({ correlationId, replyTo: headers.replyTo });
        return { outcome: 'accepted', orderId: ORDER_ID, status: 'pending' };
      },
      handleCancelOrder: async ({ payload }) => ({ outcome: 'rejected', orderId: payload.orderId, reason: 'already-shipped' }),
    },
  );
  const client = orderClient.createOrderServiceClient({ transport });
  const reply = await client.createOrder(createOrder, { timeoutMs: 2000, headers: { correlationId: uuid(7) } });
  assert.equal(reply.payload, { outcome: 'accepted', orderId: ORDER_ID, status: 'pending' });
  assert.is(reply.message, 'CreateOrderReply');
  assert.is(reply.correlationId, uuid(7));
  assert.is(reply.headers.correlationId, uuid(7));
  assert.is(calls.length, 1);
  assert.is(calls[0].correlationId, uuid(7));
  const [request, response] = transport.published;
  assert.is(request.address, 'order-service.commands.create-order');
  assert.is(response.address, calls[0].replyTo);
  assert.ok(calls[0].replyTo.startsWith('specgate.inbox.'));
  const cancel = await client.cancelOrder({ orderId: ORDER_ID, reason: 'customer-request' }, { timeoutMs: 2000 });
  assert.equal(cancel.payload, { outcome: 'rejected', orderId: ORDER_ID, reason: 'already-shipped' });
  await handle.close();
  await client.close();
});

/** The generated Order Service whose createOrder replies only once `release()` is called. */
async function heldOrderService(transport: InstanceType<typeof InMemoryTransport>) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const handle = await orderService.registerOrderServiceHandlers(
    { transport, group: 'order-service' },
    {
      handleCreateOrder: async () => {
        await gate;
        return { outcome: 'accepted', orderId: ORDER_ID, status: 'pending' };
      },
      handleCancelOrder: async ({ payload }: { payload: { orderId: string } }) => ({ outcome: 'rejected', orderId: payload.orderId, reason: 'order-unknown' }),
    },
  );
  return { handle, release };
}

test('request/reply: no reply within timeoutMs is a RequestTimeoutError and the late reply is dropped', async () => {
  const transport = new InMemoryTransport();
  const { handle, release } = await heldOrderService(transport);
  const dropped: string[] = [];
  const client = orderClient.createOrderServiceClient({ transport, onDroppedReply: (m) => dropped.push(m.headers.correlationId) });
  const err = await client.createOrder(createOrder, { timeoutMs: 20, headers: { correlationId: uuid(1) } }).catch((e: unknown) => e);
  assert.instance(err, RequestTimeoutError);
  assert.is((err as RequestTimeoutError).operationId, 'createOrder');
  assert.is((err as RequestTimeoutError).correlationId, uuid(1));
  release();
  await transport.drain();
  assert.equal(dropped, [uuid(1)]);
  await handle.close();
  await client.close();
});

test('a duplicate message id is dropped by the dedup store; a retried send keeps its message id', async () => {
  const transport = new InMemoryTransport();
  const dedup = new InMemoryDedupStore();
  const handled: string[] = [];
  const duplicates: string[] = [];
  const handle = await orderClient.registerOrderServiceHandlers(
    { transport, group: 'billing', dedup, onDuplicate: ({ messageId }) => void duplicates.push(messageId) },
    { handlePublishOrderCreated: async ({ messageId }) => void handled.push(messageId) },
  );
  const service = orderService.createOrderServiceClient({ transport });
  const first = await service.publishOrderCreated(orderCreated(ORDER_ID), { headers: { messageId: uuid(42) } });
  await transport.drain();
  const retry = await service.publishOrderCreated(orderCreated(ORDER_ID), { headers: { messageId: uuid(42) } });
  await service.publishOrderCreated(orderCreated(ORDER_ID));
  await transport.drain();
  assert.is(first.messageId, uuid(42));
  assert.is(retry.messageId, uuid(42));
  assert.is(handled.length, 2);
  assert.is(handled[0], uuid(42));
  assert.equal(duplicates, [uuid(42)]);
  assert.ok(dedup.has('billing', uuid(42)));
  await handle.close();
});

test('a handler that fails releases its claim, so the redelivery is processed', async () => {
  const transport = new InMemoryTransport({ maxAttempts: 3 });
  const dedup = new InMemoryDedupStore();
  const attempts: number[] = [];
  const handle = await orderClient.registerOrderServiceHandlers(
    { transport, group: 'billing', dedup },
    {
      handlePublishOrderCreated: async ({ attempt }) => {
        attempts.push(attempt);
        if (attempt === 1) throw new Error('database down');
      },
    },
  );
  await orderService.createOrderServiceClient({ transport }).publishOrderCreated(orderCreated(ORDER_ID), { headers: { messageId: uuid(5) } });
  await transport.drain();
  assert.equal(attempts, [1, 2]);
  assert.is(transport.deadLetters.length, 0);
  assert.ok(dedup.has('billing', uuid(5)));
  await handle.close();
});

test('an invalid message never reaches the handler: onInvalid gets it', async () => {
  const transport = new InMemoryTransport();
  const invalid: InvalidMessage[] = [];
  let handled = 0;
  const handle = await orderClient.registerOrderServiceHandlers(
    { transport, group: 'billing', onInvalid: (i) => void invalid.push(i) },
    { handlePublishOrderCreated: async () => void handled++ },
  );
  const body = new TextEncoder().encode(JSON.stringify({ ...orderCreated(ORDER_ID), total: { amount: 'twelve', currency: 'GBP' } }));
  await transport.publish({ address: 'order.created', headers: { messageId: uuid(9) }, body }, { mode: 'publish-subscribe' });
  await transport.publish({ address: 'order.created', headers: { messageId: uuid(10) }, body: new TextEncoder().encode('{not json') }, { mode: 'publish-subscribe' });
  await transport.publish({ address: 'order.created', headers: {}, body: new TextEncoder().encode(JSON.stringify(orderCreated(ORDER_ID))) }, { mode: 'publish-subscribe' });
  await transport.drain();
  assert.is(handled, 0);
  assert.is(invalid.length, 3);
  assert.instance(invalid[0].error, ValidationError);
  assert.is(invalid[0].error.part, 'payload');
  assert.equal(invalid[0].error.issues[0].path, '/total/amount');
  assert.is(invalid[1].error.part, 'body');
  assert.is(invalid[2].error.part, 'headers', 'the messageId header is required by MessageHeaders');
  assert.is(invalid[0].operationId, 'publishOrderCreated');
  await handle.close();
});

test('an invalid outgoing payload is a ValidationError and nothing is sent', async () => {
  const transport = new InMemoryTransport();
  const client = orderClient.createOrderServiceClient({ transport });
  const err = await client
    .cancelOrder({ orderId: 'not-a-uuid', reason: 'customer-request' }, { timeoutMs: 100 })
    .catch((e: unknown) => e);
  assert.instance(err, ValidationError);
  assert.is((err as ValidationError).direction, 'outgoing');
  assert.equal((err as ValidationError).issues, [{ path: '/orderId', message: 'must match format "uuid"' }]);
  assert.is(transport.published.length, 0);
  await client.close();
});

test('messages with one key are handled in order, different keys concurrently', async () => {
  const transport = new InMemoryTransport();
  const keys = [uuid(100), uuid(200), uuid(300)];
  const order = new Map<string, number[]>(keys.map((k) => [k, []]));
  let running = 0;
  let maxRunning = 0;
  const handle = await orderClient.registerOrderServiceHandlers(
    { transport, group: 'billing', concurrency: 8 },
    {
      handlePublishOrderCreated: async ({ payload }) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        const n = payload.lineItems[0].quantity - 1;
        await tick((n * 7) % 5); // later messages sometimes finish sooner
        order.get(payload.orderId)!.push(n);
        running--;
      },
    },
  );
  const service = orderService.createOrderServiceClient({ transport });
  for (let n = 0; n < 30; n++) await service.publishOrderCreated(orderCreated(keys[n % 3], n));
  await transport.drain();
  assert.equal(order.get(keys[0]), [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
  assert.equal(order.get(keys[1]), [1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
  assert.equal(order.get(keys[2]), [2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
  assert.ok(maxRunning > 1, 'different keys ran at the same time');
  assert.ok(maxRunning <= 3, 'one key never ran twice at once');
  await handle.close();
});

test('circuit breaker: opens on failures, fails fast, uses the fallback, closes after a good trial', async () => {
  const transport = new InMemoryTransport();
  let clock = 1_000_000;
  let healthy = false;
  const handle = await orderService.registerOrderServiceHandlers(
    { transport, group: 'order-service' },
    {
      handleCreateOrder: async () => {
        if (!healthy) await new Promise(() => undefined); // never replies
        return { outcome: 'accepted', orderId: ORDER_ID, status: 'pending' };
      },
      handleCancelOrder: async ({ payload }) => ({ outcome: 'rejected', orderId: payload.orderId, reason: 'order-unknown' }),
    },
  );
  const client = orderClient.createOrderServiceClient({
    transport,
    circuitBreaker: { minimumRequests: 2, failureRatio: 0.5, coolDownMs: 30_000, now: () => clock },
  });
  for (let i = 0; i < 2; i++) assert.instance(await client.createOrder(createOrder, { timeoutMs: 5 }).catch((e: unknown) => e), RequestTimeoutError);
  const before = transport.published.length;
  const open = await client.createOrder(createOrder, { timeoutMs: 5 }).catch((e: unknown) => e);
  assert.instance(open, CircuitOpenError);
  assert.is((open as CircuitOpenError).retryAt, 1_030_000);
  assert.is(transport.published.length, before, 'an open circuit sends nothing');

  const withFallback = orderClient.createOrderServiceClient({
    transport,
    circuitBreaker: { minimumRequests: 1, failureRatio: 1, coolDownMs: 30_000, now: () => clock },
    fallbacks: {
      createOrder: (_payload, error) => ({
        message: 'CreateOrderReply',
        payload: { outcome: 'rejected', reason: 'out-of-stock', detail: error.name },
        headers: { messageId: uuid(0), correlationId: uuid(0) },
        messageId: uuid(0),
        correlationId: uuid(0),
      }),
    },
  });
  const fb1 = await withFallback.createOrder(createOrder, { timeoutMs: 5 });
  const fb2 = await withFallback.createOrder(createOrder, { timeoutMs: 5 });
  assert.equal(fb1.payload, { outcome: 'rejected', reason: 'out-of-stock', detail: 'RequestTimeoutError' });
  assert.equal(fb2.payload, { outcome: 'rejected', reason: 'out-of-stock', detail: 'CircuitOpenError' });

  healthy = true;
  clock += 30_000;
  const trial = await client.createOrder(createOrder, { timeoutMs: 1000 });
  assert.is(trial.payload.outcome, 'accepted');
  const after = await client.createOrder(createOrder, { timeoutMs: 1000 });
  assert.is(after.payload.outcome, 'accepted', 'closed again after the trial');
  await Promise.all([client.close(), withFallback.close(), handle.close()]);
});

test('outstanding request limit: one more than maxOutstanding fails fast', async () => {
  const transport = new InMemoryTransport();
  const { handle, release } = await heldOrderService(transport);
  const client = orderClient.createOrderServiceClient({ transport, maxOutstanding: 1 });
  const first = client.createOrder(createOrder, { timeoutMs: 2000 });
  await tick(0);
  const second = await client.createOrder(createOrder, { timeoutMs: 2000 }).catch((e: unknown) => e);
  assert.instance(second, TooManyRequestsError);
  assert.is((second as TooManyRequestsError).limit, 1);
  release();
  assert.is((await first).payload.outcome, 'accepted');
  await Promise.all([client.close(), handle.close()]);
});

test('AsyncAPI 2.6: channel parameters fill the address; a multi-message operation tells handlers which message came', async () => {
  const transport = new InMemoryTransport();
  const got: string[] = [];
  const handle = await customerService.registerCustomerServiceHandlers(
    { transport, group: 'customer-service', parameters: { region: 'eu' } },
    {
      handleReceiveCustomerCommand: async (ctx) => {
        if (ctx.message === 'RegisterCustomer') got.push(`register ${ctx.payload.email} ${ctx.key}`);
        else got.push(`move ${ctx.payload.address.city} ${ctx.key}`);
      },
    },
  );
  const client = customerClient.createCustomerServiceClient({ transport, parameters: { region: 'eu' } });
  await client.receiveCustomerCommand({ customerId: CUSTOMER_ID, email: 'ada@example.com', givenName: 'Ada', familyName: 'Lovelace' });
  await client.receiveCustomerCommand({ customerId: CUSTOMER_ID, address: { ...address, city: 'Bath' } });
  await client.receiveCustomerCommand({ customerId: CUSTOMER_ID, address }, { parameters: { region: 'us' } });
  await transport.drain();
  assert.equal(got, [`register ada@example.com ${CUSTOMER_ID}`, `move Bath ${CUSTOMER_ID}`]);
  assert.equal(
    transport.published.map((m) => m.address),
    ['customer-service.v1.eu.commands', 'customer-service.v1.eu.commands', 'customer-service.v1.us.commands'],
  );
  await handle.close();
});

test('a correlation id in the payload: the request gets one there, the reply carries it back, the client matches on it', async () => {
  const spec = `asyncapi: 3.0.0
info: { title: Quote Service, version: 1.0.0 }
channels:
  quotes: { address: quotes.requests, messages: { GetQuote: { $ref: '#/components/messages/GetQuote' } } }
  answers: { address: null, messages: { Quote: { $ref: '#/components/messages/Quote' } } }
operations:
  getQuote:
    action: receive
    channel: { $ref: '#/channels/quotes' }
    messages: [{ $ref: '#/channels/quotes/messages/GetQuote' }]
    reply:
      address: { location: $message.header#/replyTo }
      channel: { $ref: '#/channels/answers' }
      messages: [{ $ref: '#/channels/answers/messages/Quote' }]
components:
  correlationIds:
    reqid: { location: '$message.payload#/reqid' }
  messages:
    GetQuote:
      name: GetQuote
      correlationId: { $ref: '#/components/correlationIds/reqid' }
      payload: { type: object, required: [sku], properties: { sku: { type: string }, reqid: { type: string } } }
    Quote:
      name: Quote
      correlationId: { $ref: '#/components/correlationIds/reqid' }
      payload: { type: object, required: [price, reqid], properties: { price: { type: number }, reqid: { type: string } } }
`;
  const r = await validateFile('quote.asyncapi.yaml', { keepModel: true, text: spec });
  assert.ok(r.valid, JSON.stringify(r.diagnostics));
  const load = async (role: 'service' | 'client') => {
    const dir = writeGenerated(generate(r.model!, { role }), path.join(GENERATED, 'e2e', `quote-${role}`));
    return import(pathToFileURL(path.join(dir, 'index.ts')).href);
  };
  const service = await load('service');
  const client = await load('client');
  const transport = new InMemoryTransport();
  const seen: (string | undefined)[] = [];
  const handle = await service.registerQuoteServiceHandlers(
    { transport, group: 'quotes' },
    { handleGetQuote: async ({ payload, correlationId }: { payload: { sku: string; reqid: string }; correlationId?: string }) => (seen.push(payload.reqid, correlationId), { price: payload.sku.length }) },
  );
  const c = client.createQuoteServiceClient({ transport });
  const given = await c.getQuote({ sku: 'BOOK', reqid: 'r-1' }, { timeoutMs: 5000 });
  const fresh = await c.getQuote({ sku: 'PEN' }, { timeoutMs: 5000 });
  assert.equal([given.payload, given.correlationId], [{ price: 4, reqid: 'r-1' }, 'r-1']);
  assert.is(fresh.payload.price, 3);
  assert.match(fresh.correlationId, /^[0-9a-f-]{36}$/);
  assert.is(fresh.payload.reqid, fresh.correlationId);
  assert.equal(seen, ['r-1', 'r-1', fresh.correlationId, fresh.correlationId]);
  await c.close();
  await handle.close();
});

test.run();
