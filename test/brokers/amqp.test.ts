// AmqpTransport against a real RabbitMQ (SPECGATE_AMQP_URL); skipped when there is none.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import amqplib from 'amqplib';
import net from 'node:net';
import { AmqpTransport, type ConnectionEvent } from '../../src/runtime/amqp/index.js';
import { keyOrderSuite, loadOrderService, orderServiceSuite, wiringSuite } from './order-suite.js';
import { portSuite } from './port-suite.js';
import { rabbitmq, unique, until } from './servers.js';

const server = await rabbitmq();

if (server) {
  const run = unique('sg');
  const exchange = `${run}.events`;
  const deadLetterExchange = `${run}.dead-letter`;
  // A fresh connection per use: the restart test closes every connection to the broker.
  const withChannel = async <T>(fn: (ch: amqplib.Channel) => Promise<T>): Promise<T> => {
    const conn = await amqplib.connect(server.url);
    try {
      return await fn(await conn.createChannel());
    } finally {
      await conn.close();
    }
  };
  const transport = () =>
    new AmqpTransport({ url: server.url, exchange, deadLetterExchange, maxAttempts: 3, publishTimeoutMs: 60_000 });

  const generated = await loadOrderService('brokers-amqp');
  orderServiceSuite(test, 'amqp', () => generated, transport);
  wiringSuite(test, 'amqp', () => generated.dirs, { url: server.url });
  keyOrderSuite(test, 'amqp', { transport, prefix: run, restart: server.restart });

  portSuite(test, 'amqp', {
    transport,
    prefix: run,
    restart: server.restart,
    async deadLetters(address, mode, group) {
      const queue = `${mode === 'point-to-point' ? address : `${group}:${address}`}.dlq`;
      return withChannel(async (ch) => {
        const out: { body: string; headers: Record<string, string> }[] = [];
        for (let m = await ch.get(queue, { noAck: true }); m; m = await ch.get(queue, { noAck: true })) {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(m.properties.headers ?? {})) if (typeof v === 'string') headers[k] = v;
          out.push({ body: m.content.toString(), headers });
        }
        return out;
      });
    },
    async cleanup(addresses) {
      // Durable queues the tests created and the run's exchanges.
      const queues = addresses.flatMap((a) => [a, ...['svc', 'billing', 'shipping'].map((g) => `${g}:${a}`)]);
      // and those of the generated Order Service
      queues.push('order-service.commands.create-order', 'order-service.commands.cancel-order', 'billing-amqp:order.created', 'shipping-amqp:order.created');
      await withChannel(async (ch) => {
        for (const q of queues) {
          await ch.deleteQueue(q);
          await ch.deleteQueue(`${q}.dlq`);
        }
        await ch.deleteExchange(exchange);
        await ch.deleteExchange(deadLetterExchange);
      });
    },
  });

  test('amqp: connection events: connected, then disconnected, reconnecting and reconnected when the connection drops, with the reconnect count', async () => {
    // A proxy in front of the broker: dropping its sockets loses the connection without touching RabbitMQ.
    const broker = new URL(server.url);
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(broker.port) || 5672, broker.hostname);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => (client.destroy(), upstream.destroy(), sockets.delete(s)));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const url = `amqp://guest:guest@127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    const events: ConnectionEvent[] = [];
    const t = new AmqpTransport({ url, exchange, deadLetterExchange, onEvent: (e) => void events.push(e) });
    try {
      await t.connected();
      assert.equal(events, [{ type: 'connected', server: url.replace('guest:guest@', ''), reconnects: 0 }]);
      for (const s of sockets) s.destroy();
      await until(() => events.some((e) => e.type === 'reconnected'), 'the reconnect');
      assert.equal(events.map((e) => e.type).filter((type, i, all) => type !== all[i - 1]), ['connected', 'disconnected', 'reconnecting', 'reconnected']);
      assert.equal(events[events.length - 1], { type: 'reconnected', server: url.replace('guest:guest@', ''), reconnects: 1 });
      assert.is(t.reconnects, 1);
    } finally {
      await t.close();
      for (const s of sockets) s.destroy();
      proxy.close();
    }
  });

  test('amqp: a publish to a missing broker fails after publishTimeoutMs instead of hanging', async () => {
    const t = new AmqpTransport({ url: 'amqp://guest:guest@127.0.0.1:1', publishTimeoutMs: 300 });
    try {
      await t.publish({ address: 'nowhere', headers: {}, body: new Uint8Array() }, { mode: 'point-to-point' });
      assert.unreachable('publish should fail');
    } catch (e) {
      assert.match((e as Error).message, /not connected to amqp:\/\/127\.0\.0\.1:1/);
    } finally {
      await t.close();
    }
  });
}

test.run();
