// AmqpTransport against a real RabbitMQ (SPECGATE_AMQP_URL); skipped when there is none.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import amqplib from 'amqplib';
import { AmqpTransport } from '../../src/runtime/amqp/index.js';
import { keyOrderSuite, loadOrderService, orderServiceSuite, wiringSuite } from './order-suite.js';
import { portSuite } from './port-suite.js';
import { rabbitmq, unique } from './servers.js';

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
