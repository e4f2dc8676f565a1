// The generated Order Service (specs/order-service.asyncapi.yaml) and its generated client talking over a
// real broker: commands with replies, events to several groups, competing service instances, a retried
// handler, and duplicates dropped by SqlDedupStore with the handler's write in the same transaction; and
// per-key order (keyOrderSuite) through slow publishes, failing handlers and a broker restart.
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import * as assert from 'uvu/assert';
import type { Test } from 'uvu';
import Sqlite from 'better-sqlite3';
import { ClientCore } from '../../src/runtime/client.js';
import { registerHandlers, type HandlerContext } from '../../src/runtime/handlers.js';
import type { SpecgateError } from '../../src/runtime/errors.js';
import type { Transport } from '../../src/runtime/port.js';
import type { OperationSpec } from '../../src/runtime/spec.js';
import { SqlDedupStore } from '../../src/runtime/sql/index.js';
import { assertRuntimeBuilt, generateInto, generateSpec, ROOT } from '../generate/helpers.js';
import { skipped } from '../helpers.js';
import { sh, sleep, str, unique, until } from './servers.js';

type OrderService = typeof import('../.generated/brokers-amqp/order-service-service/index.js');
type OrderClient = typeof import('../.generated/brokers-amqp/order-service-client/index.js');

export async function loadOrderService(dir: string): Promise<{ service: OrderService; client: OrderClient; dirs: Record<'service' | 'client', string> }> {
  assertRuntimeBuilt();
  const spec = path.join(ROOT, 'specs', 'order-service.asyncapi.yaml');
  const service = await generateInto(spec, 'service', path.join(dir, 'order-service-service'));
  const client = await generateInto(spec, 'client', path.join(dir, 'order-service-client'));
  const load = (d: string) => import(pathToFileURL(path.join(d, 'index.ts')).href);
  return { service: (await load(service)) as OrderService, client: (await load(client)) as OrderClient, dirs: { service, client } };
}

/** The wiring.ts that `specgate generate --transport <kind>` writes, put next to generated code and imported. */
export async function loadWiring(kind: 'amqp' | 'nats' | 'memory', role: 'service' | 'client', dir: string): Promise<Record<string, unknown>> {
  const spec = path.join(ROOT, 'specs', 'order-service.asyncapi.yaml');
  const wiring = (await generateSpec(spec, role, kind)).files.find((f) => f.path === 'wiring.ts')!;
  const file = path.join(dir, `wiring-${kind}.ts`);
  writeFileSync(file, wiring.content);
  return import(pathToFileURL(file).href);
}

interface Wiring {
  client: { createOrder(payload: unknown, options: object): Promise<{ correlationId: string; payload: unknown }> };
  close(): Promise<void>;
}
type Start = (handlers: object, options: object) => Promise<Wiring>;

/** The wiring examples of both sides, started as they are: a command and its reply. */
export function wiringSuite(test: Test, kind: 'amqp' | 'nats' | 'memory', dirs: () => Record<'service' | 'client', string>, options: Record<string, unknown>): void {
  test(`${kind}: the generated wiring example starts both sides as written`, async () => {
    const service = await loadWiring(kind, 'service', dirs().service);
    const client = await loadWiring(kind, 'client', dirs().client);
    const memory = kind === 'memory' ? { transport: new (await import('specgate/runtime')).InMemoryTransport() } : {};
    const svc = (await (service.startOrderService as Start)(
      {
        handleCreateOrder: async () => ({ outcome: 'accepted', orderId: uuid(9), status: 'pending' }),
        handleCancelOrder: async ({ payload }: { payload: { orderId: string } }) => ({ outcome: 'rejected', orderId: payload.orderId, reason: 'order-unknown' }),
      },
      { ...options, ...memory },
    )) as Wiring;
    const cli = (await (client.startOrderService as Start)({}, { ...options, ...memory })) as Wiring;
    const reply = await cli.client.createOrder(createOrder(1), { timeoutMs: 10_000, headers: { correlationId: uuid(90) } });
    assert.equal([reply.correlationId, reply.payload], [uuid(90), { outcome: 'accepted', orderId: uuid(9), status: 'pending' }]);
    await cli.close();
    await svc.close();
  });
}

const CUSTOMER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const address = { line1: "12 St James's Square", city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };
const createOrder = (n: number) => ({
  customerId: CUSTOMER_ID,
  lineItems: [{ sku: 'BOOK-0042', quantity: n + 1, unitPrice: { amount: '12.45', currency: 'GBP' } }],
  shippingAddress: address,
  paymentMethod: { type: 'card' as const, cardToken: 'pt_7f3a9c2e51b84d06' },
});
export const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const orderCreated = (orderId: string) => ({
  orderId,
  customerId: CUSTOMER_ID,
  lineItems: [{ sku: 'BOOK-0042', quantity: 1, unitPrice: { amount: '12.45', currency: 'GBP' } }],
  total: { amount: '12.45', currency: 'GBP' },
  shippingAddress: address,
  paymentMethodType: 'card' as const,
  createdAt: '2024-05-14T09:30:00Z',
});

export function orderServiceSuite(test: Test, name: string, generated: () => { service: OrderService; client: OrderClient }, transport: () => Transport): void {
  const opened: Transport[] = [];
  const open = () => {
    const t = transport();
    opened.push(t);
    return t;
  };
  const tmp = mkdtempSync(path.join(os.tmpdir(), `specgate-${name}-`));
  test.after(async () => {
    await Promise.allSettled(opened.map((t) => t.close()));
    rmSync(tmp, { recursive: true, force: true });
  });

  test(`${name}: generated client and service exchange commands and replies; two service instances share the commands`, async () => {
    const { service, client } = generated();
    const handledBy: Record<string, number> = { a: 0, b: 0 };
    const instance = (who: 'a' | 'b') =>
      service.registerOrderServiceHandlers(
        { transport: open(), group: 'order-service', concurrency: 1 },
        {
          handleCreateOrder: async ({ payload, correlationId }) => {
            handledBy[who]++;
            await sleep(5);
            return { outcome: 'accepted', orderId: uuid(payload.lineItems[0].quantity), status: 'pending', ...(correlationId ? {} : {}) };
          },
          handleCancelOrder: async ({ payload }) => ({ outcome: 'rejected', orderId: payload.orderId, reason: 'already-shipped' }),
        },
      );
    const handles = [await instance('a'), await instance('b')];
    const c = client.createOrderServiceClient({ transport: open() });
    const replies = await Promise.all(Array.from({ length: 20 }, (_, n) => c.createOrder(createOrder(n), { timeoutMs: 10_000, headers: { correlationId: uuid(1000 + n) } })));
    assert.equal(
      replies.map((r) => [r.message, r.correlationId, r.payload.outcome, r.payload.outcome === 'accepted' ? r.payload.orderId : '']),
      Array.from({ length: 20 }, (_, n) => ['CreateOrderReply', uuid(1000 + n), 'accepted', uuid(n + 1)]),
    );
    assert.is(handledBy.a + handledBy.b, 20);
    assert.ok(handledBy.a > 0 && handledBy.b > 0, `both instances handled commands: ${handledBy.a} + ${handledBy.b}`);
    const cancel = await c.cancelOrder({ orderId: uuid(3), reason: 'customer-request' }, { timeoutMs: 10_000 });
    assert.equal(cancel.payload, { outcome: 'rejected', orderId: uuid(3), reason: 'already-shipped' });
    await c.close();
    await Promise.all(handles.map((h) => h.close()));
  });

  test(`${name}: an event reaches every consumer group; a failing handler is retried with the next attempt`, async () => {
    const { service, client } = generated();
    const seen: string[] = [];
    const attempts: number[] = [];
    const billing = await client.registerOrderServiceHandlers(
      { transport: open(), group: `billing-${name}` },
      {
        handlePublishOrderCreated: async ({ payload, attempt }) => {
          attempts.push(attempt);
          if (attempt === 1) throw new Error('database busy');
          seen.push(`billing ${payload.orderId}`);
        },
      },
    );
    const shipping = await client.registerOrderServiceHandlers(
      { transport: open(), group: `shipping-${name}` },
      { handlePublishOrderCreated: async ({ payload }) => void seen.push(`shipping ${payload.orderId}`) },
    );
    const svc = service.createOrderServiceClient({ transport: open() });
    const sent = await svc.publishOrderCreated(orderCreated(uuid(77)));
    assert.is(sent.address, 'order.created');
    await until(() => seen.length === 2, 'the event in both groups');
    assert.equal(seen.sort(), [`billing ${uuid(77)}`, `shipping ${uuid(77)}`]);
    assert.equal(attempts, [1, 2]);
    await Promise.all([billing.close(), shipping.close(), svc.close()]);
  });

  test(`${name}: a redelivered command is dropped by SqlDedupStore; the handler's write commits with the claim`, async () => {
    const { service, client } = generated();
    const db = new Sqlite(path.join(tmp, 'orders.db'));
    db.exec('CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY, quantity INTEGER NOT NULL)');
    const dedup = new SqlDedupStore({ db });
    await dedup.createTable();
    const duplicates: string[] = [];
    const serviceTransport = open();
    let failOnce = true;
    const handle = await service.registerOrderServiceHandlers(
      { transport: serviceTransport, group: 'order-service-dedup', dedup, onDuplicate: ({ messageId }) => void duplicates.push(messageId) },
      {
        handleCreateOrder: async ({ payload, messageId }) => {
          const tx = dedup.current() as Sqlite.Database;
          tx.prepare('INSERT INTO orders (id, quantity) VALUES (?, ?)').run(messageId, payload.lineItems[0].quantity);
          if (failOnce) {
            failOnce = false;
            throw new Error('payment service down'); // rolls back the insert and the claim
          }
          return { outcome: 'accepted', orderId: uuid(5), status: 'pending' };
        },
        handleCancelOrder: async ({ payload }) => ({ outcome: 'rejected', orderId: payload.orderId, reason: 'order-unknown' }),
      },
    );
    // A client with its own transport records what it sends, so the test can send it again as a broker would.
    const clientTransport = open();
    const sent: Parameters<Transport['publish']>[] = [];
    const recording: Transport = {
      publish: (m, o) => (sent.push([m, o]), clientTransport.publish(m, o)),
      subscribe: (a, h, o) => clientTransport.subscribe(a, h, o),
      close: () => clientTransport.close(),
    };
    const c = client.createOrderServiceClient({ transport: recording });
    const reply = await c.createOrder(createOrder(6), { timeoutMs: 10_000, headers: { messageId: uuid(600) } });
    assert.is(reply.payload.outcome, 'accepted');
    await clientTransport.publish(...sent[0]);
    await clientTransport.publish(...sent[0]);
    await until(() => duplicates.length === 2, 'two duplicates');
    assert.equal(duplicates, [uuid(600), uuid(600)]);
    assert.equal(db.prepare('SELECT id, quantity FROM orders').all(), [{ id: uuid(600), quantity: 7 }]);
    assert.ok(await dedup.has('order-service-dedup', uuid(600)));
    await c.close();
    await handle.close();
    db.close();
  });
}

export interface KeyOrderFixture {
  /** A new transport; `maxAttempts` 3. */
  transport(): Transport;
  /** Restart the broker keeping its data; undefined when the environment does not allow it (a server skip),
   *  false when there is no broker to restart. */
  restart?: string | false;
  /** Address prefix the tests use. */
  prefix: string;
}

/** What a consumer saw of a keyed stream: `handled` lists [key, seq] in the order the handler finished them. */
export interface StreamFigures {
  sent: number;
  delivered: number;
  /** Pairs of messages of one key handled (first time) in the opposite order to how they were sent. */
  outOfOrder: number;
  lost: number;
  duplicated: number;
}

export function streamFigures(sent: [string, number][], handled: [string, number][], exempt: [string, number][] = []): StreamFigures {
  const id = ([k, n]: [string, number]) => `${k}#${n}`;
  const seen = new Set(handled.map(id));
  const skip = new Set(exempt.map(id));
  const firsts = new Map<string, number[]>();
  const counted = new Set<string>();
  for (const m of handled) {
    if (counted.has(id(m))) continue;
    counted.add(id(m));
    firsts.set(m[0], [...(firsts.get(m[0]) ?? []), m[1]]);
  }
  let outOfOrder = 0;
  for (const seqs of firsts.values()) for (let i = 0; i < seqs.length; i++) for (let j = i + 1; j < seqs.length; j++) if (seqs[i] > seqs[j]) outOfOrder++;
  return {
    sent: sent.length,
    delivered: seen.size,
    outOfOrder,
    lost: sent.filter((m) => !seen.has(id(m)) && !skip.has(id(m))).length,
    duplicated: handled.length - seen.size,
  };
}

/**
 * Per-key order end to end (ClientCore sending, registerHandlers receiving, as generated code does) on one
 * transport: publishes that are slow or interrupted by a broker restart, and handlers that fail.
 */
export function keyOrderSuite(test: Test, name: string, fx: KeyOrderFixture): void {
  const opened: Transport[] = [];
  const open = () => {
    const t = fx.transport();
    opened.push(t);
    return t;
  };
  const clients: ClientCore[] = [];
  test.after(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await Promise.allSettled(opened.map((t) => t.close()));
  });
  // A point-to-point channel keyed by the payload's `key`: messages wait in the queue until a consumer reads them.
  const stepOp = (what: string): OperationSpec => ({
    id: 'step',
    address: unique(`${fx.prefix}.${what}`),
    parameters: [],
    mode: 'point-to-point',
    messages: [{ name: 'Step', contentType: 'application/json' }],
    partitionKey: '$message.payload#/key',
  });
  const sender = (transport: Transport, op: OperationSpec) => {
    const c = new ClientCore({ transport }, { step: op });
    clients.push(c);
    return c;
  };
  /** Read the whole stream with one consumer and return it in the order it was handled. */
  const readStream = async (op: OperationSpec, expected: number): Promise<[string, number][]> => {
    const handled: [string, number][] = [];
    const handle = await registerHandlers({ transport: open(), group: 'svc' }, [op], {
      step: async ({ payload }: HandlerContext<string, { key: string; seq: number }>) => void handled.push([payload.key, payload.seq]),
    });
    await until(() => new Set(handled.map(([k, n]) => `${k}#${n}`)).size >= expected, `${expected} messages`, 60_000);
    await sleep(200); // anything redelivered late shows up as a duplicate
    await handle.close();
    return handled;
  };

  test(`${name}: keyed sends made without waiting go out in order per key when an earlier publish is slow`, async () => {
    const op = stepOp('slow-publish');
    const inner = open();
    // Every fourth message of a key waits before reaching the broker, as a publish retrying on its backoff does.
    const slow: Transport = {
      publish: async (m, o) => {
        if ((JSON.parse(str(m.body)) as { seq: number }).seq % 4 === 0) await sleep(30);
        return inner.publish(m, o);
      },
      subscribe: (a, h, o) => inner.subscribe(a, h, o),
      close: async () => undefined,
    };
    const c = sender(slow, op);
    const sent: [string, number][] = [];
    const sends: Promise<unknown>[] = [];
    for (let seq = 0; seq < 20; seq++)
      for (const key of ['k0', 'k1', 'k2', 'k3']) {
        sent.push([key, seq]);
        sends.push(c.send('step', { key, seq }));
      }
    await Promise.all(sends);
    const figures = streamFigures(sent, await readStream(op, sent.length));
    console.log(`${name} slow publish: ${JSON.stringify(figures)}`);
    assert.equal(figures, { sent: 80, delivered: 80, outOfOrder: 0, lost: 0, duplicated: 0 });
  });

  test(`${name}: a keyed send that fails for good fails the sends of its key waiting behind it, unsent; sends after that go out`, async () => {
    const op = stepOp('send-fails');
    const inner = open();
    let refused = 0;
    const refusing: Transport = {
      publish: async (m, o) => {
        const { key, seq } = JSON.parse(str(m.body)) as { key: string; seq: number };
        if (key === 'a' && seq === 3 && refused++ === 0) {
          await sleep(20); // b's sends and a's later ones are queued by now
          throw new Error('broker refused');
        }
        return inner.publish(m, o);
      },
      subscribe: (a, h, o) => inner.subscribe(a, h, o),
      close: async () => undefined,
    };
    const c = sender(refusing, op);
    const sends: [string, number][] = [];
    for (let seq = 0; seq < 6; seq++) for (const key of ['a', 'b']) sends.push([key, seq]);
    const outcomes = await Promise.allSettled(sends.map(([key, seq]) => c.send('step', { key, seq })));
    const blocked = 'KEY_BLOCKED step: not sent: an earlier message with key a failed to send (broker refused)';
    assert.equal(
      outcomes.map((o, i) => `${sends[i].join('')} ${o.status === 'fulfilled' ? 'sent' : `${(o.reason as SpecgateError).code ?? 'Error'} ${(o.reason as Error).message}`}`),
      ['a0 sent', 'b0 sent', 'a1 sent', 'b1 sent', 'a2 sent', 'b2 sent', 'a3 Error broker refused', 'b3 sent', `a4 ${blocked}`, 'b4 sent', `a5 ${blocked}`, 'b5 sent'],
    );
    // Sent again, in order, without waiting: a fresh sequence for key a.
    await Promise.all([3, 4, 5].map((seq) => c.send('step', { key: 'a', seq })));
    const handled = await readStream(op, 12);
    const figures = streamFigures(sends, handled);
    console.log(`${name} failed send: ${JSON.stringify(figures)}`);
    assert.equal(figures, { sent: 12, delivered: 12, outOfOrder: 0, lost: 0, duplicated: 0 });
    assert.equal(handled.filter(([k]) => k === 'a').map(([, n]) => n), [0, 1, 2, 3, 4, 5]);
  });

  test(`${name}: a failed keyed message is handled again before the next message of its key; other keys keep flowing`, async () => {
    const op = stepOp('retry');
    const c = sender(open(), op);
    const sent: [string, number][] = [];
    // k-slow's first message fails its first attempt only once every k-fast message is handled: that
    // happens only if the other keys flow while k-slow waits for its retry.
    const send = async (key: string, seq: number) => {
      sent.push([key, seq]);
      await c.send('step', { key, seq });
    };
    await send('k-slow', 0);
    for (let seq = 0; seq < 5; seq++) await send('k-fast', seq);
    for (let seq = 0; seq < 30; seq++) for (const key of ['k0', 'k1', 'k2', 'k3']) await send(key, seq);
    await send('k-slow', 1);
    const handled: [string, number][] = [];
    const attempts = new Map<string, number[]>();
    let othersFlowed: boolean | undefined;
    const handle = await registerHandlers({ transport: open(), group: 'svc' }, [op], {
      step: async ({ payload, attempt }: HandlerContext<string, { key: string; seq: number }>) => {
        const id = `${payload.key}#${payload.seq}`;
        attempts.set(id, [...(attempts.get(id) ?? []), attempt]);
        if (id === 'k-slow#0' && attempt === 1) {
          await until(() => handled.filter(([k]) => k === 'k-fast').length === 5, 'the k-fast messages', 10_000).catch(() => undefined);
          othersFlowed = handled.filter(([k]) => k === 'k-fast').length === 5;
          throw new Error('k-slow is not ready');
        }
        if (id === 'k0#10') throw new Error('poison'); // every attempt: dead-lettered, then k0 goes on
        if (payload.seq % 7 === 3 && attempt < 3) throw new Error('database busy'); // handled on the third attempt
        handled.push([payload.key, payload.seq]);
      },
    });
    await until(() => handled.length >= sent.length - 1, `${sent.length - 1} messages`, 60_000);
    await sleep(200);
    await handle.close();
    const figures = streamFigures(sent, handled, [['k0', 10]]);
    console.log(`${name} retries: ${JSON.stringify(figures)}`);
    assert.equal(figures, { sent: 127, delivered: 126, outOfOrder: 0, lost: 0, duplicated: 0 });
    assert.equal([attempts.get('k0#10'), attempts.get('k1#3'), attempts.get('k-slow#0'), othersFlowed], [[1, 2, 3], [1, 2, 3], [1, 2], true]);
    assert.equal(
      handled.filter(([k]) => k === 'k0').map(([, n]) => n),
      Array.from({ length: 30 }, (_, n) => n).filter((n) => n !== 10),
    );
  });

  test(`${name}: with unorderedRetries a failed keyed message is redelivered ${fx.restart === false ? 'in order all the same' : 'behind the later ones'}`, async () => {
    const op = stepOp('unordered');
    const c = sender(open(), op);
    for (let seq = 0; seq < 5; seq++) await c.send('step', { key: 'k', seq });
    const handled: string[] = [];
    const handle = await registerHandlers({ transport: open(), group: 'svc', unorderedRetries: true }, [op], {
      step: async ({ payload, attempt }: HandlerContext<string, { key: string; seq: number }>) => {
        if (payload.seq === 0 && attempt === 1) throw new Error('database busy');
        handled.push(`${payload.seq}@${attempt}`);
      },
    });
    await until(() => handled.length === 5, '5 messages');
    await handle.close();
    // InMemoryTransport delivers one message of a key at a time and retries it first, whatever the option.
    assert.equal(handled, fx.restart === false ? ['0@2', '1@1', '2@1', '3@1', '4@1'] : ['1@1', '2@1', '3@1', '4@1', '0@2']);
  });

  if (fx.restart === false) return;
  const restartTest = `${name}: keyed sends made without waiting keep their order per key across a broker restart`;
  if (!fx.restart) {
    skipped('server', restartTest, 'no restart command in the environment (SPECGATE_AMQP_RESTART / SPECGATE_NATS_RESTART)');
    return;
  }
  const restart = fx.restart;
  test(restartTest, async () => {
    const op = stepOp('restart-order');
    const c = sender(open(), op);
    const sent: [string, number][] = [];
    const sends: Promise<unknown>[] = [];
    let restarting: Promise<void> | undefined;
    // A round of one message per key every 5 ms; the restart begins at round 40, so rounds keep coming while
    // the broker is away and after it is back.
    for (let seq = 0; seq < 150; seq++) {
      if (seq === 40) restarting = sh(restart);
      for (const key of ['k0', 'k1', 'k2', 'k3', 'k4', 'k5']) {
        sent.push([key, seq]);
        sends.push(c.send('step', { key, seq }));
      }
      await sleep(5);
    }
    await restarting;
    await Promise.all(sends);
    const figures = streamFigures(sent, await readStream(op, sent.length));
    console.log(`${name} restart: ${JSON.stringify(figures)}`);
    assert.equal({ ...figures, duplicated: 0 }, { sent: 900, delivered: 900, outOfOrder: 0, lost: 0, duplicated: 0 });
  });
}
