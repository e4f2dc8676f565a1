// NatsTransport against a real nats-server with JetStream (SPECGATE_NATS_URL); skipped when there is none.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { connect, type NatsConnection } from 'nats';
import { NatsTransport } from '../../src/runtime/nats/index.js';
import { keyOrderSuite, loadOrderService, orderServiceSuite, wiringSuite } from './order-suite.js';
import { portSuite } from './port-suite.js';
import { nats, unique } from './servers.js';

const server = await nats();

if (server) {
  const run = unique('sg');
  const deadLetterPrefix = `${run}.dead-letter`;
  // A fresh connection per use: the restart test restarts the server.
  const withNats = async <T>(fn: (nc: NatsConnection) => Promise<T>): Promise<T> => {
    const nc = await connect({ servers: server.url });
    try {
      return await fn(nc);
    } finally {
      await nc.close();
    }
  };
  const transport = () => new NatsTransport({ servers: server.url, maxAttempts: 3, deadLetterPrefix, publishTimeoutMs: 60_000 });

  const generated = await loadOrderService('brokers-nats');
  orderServiceSuite(test, 'nats', () => generated, transport);
  wiringSuite(test, 'nats', () => generated.dirs, { servers: server.url });
  keyOrderSuite(test, 'nats', { transport, prefix: run, restart: server.restart });

  portSuite(test, 'nats', {
    transport,
    prefix: run,
    restart: server.restart,
    deadLetters(address) {
      return withNats(async (nc) => {
        const js = nc.jetstream();
        const jsm = await nc.jetstreamManager();
        const subject = `${deadLetterPrefix}.${address}`;
        const stream = await jsm.streams.find(subject);
        const consumer = await js.consumers.get(stream, { filterSubjects: subject });
        const out: { body: string; headers: Record<string, string> }[] = [];
        const batch = await consumer.fetch({ max_messages: 100, expires: 1000 });
        for await (const m of batch) {
          const headers: Record<string, string> = {};
          for (const k of m.headers?.keys() ?? []) headers[k] = m.headers!.get(k);
          out.push({ body: m.string(), headers });
          if (m.info.pending === 0) break;
        }
        return out;
      });
    },
    cleanup(addresses) {
      return withNats(async (nc) => {
        const jsm = await nc.jetstreamManager();
        const orderService = ['order-service.commands.create-order', 'order-service.commands.cancel-order', 'order.created'];
        for (const subject of [...addresses, ...orderService, `${deadLetterPrefix}.x`]) {
          const stream = await jsm.streams.find(subject).catch(() => undefined);
          if (stream) await jsm.streams.delete(stream);
        }
      });
    },
  });

  test('nats: the dead letter says why the message failed', async () => {
    const t = transport();
    const address = unique(`${run}.why`);
    const sub = await t.subscribe(address, async () => {
      throw new Error('order 7 does not exist');
    }, { mode: 'publish-subscribe', group: 'billing' });
    await t.publish({ address, headers: { messageId: 'w1' }, body: new TextEncoder().encode('{}') }, { mode: 'publish-subscribe' });
    let reason: string | undefined;
    for (let i = 0; i < 200 && !reason; i++) {
      await new Promise((r) => setTimeout(r, 20));
      reason = await withNats(async (nc) => {
        const jsm = await nc.jetstreamManager();
        const stream = await jsm.streams.find(`${deadLetterPrefix}.${address}`).catch(() => undefined);
        if (!stream) return undefined;
        const m = await jsm.streams.getMessage(stream, { last_by_subj: `${deadLetterPrefix}.${address}` }).catch(() => undefined);
        return m?.header.get('specgate-dead-letter-reason');
      });
    }
    assert.is(reason, 'order 7 does not exist');
    await sub.close();
    await t.close();
    await withNats(async (nc) => {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.delete(await jsm.streams.find(address));
    });
  });
}

test.run();
