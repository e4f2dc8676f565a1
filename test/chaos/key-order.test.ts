// Chaos: keyed messages sent without waiting while one subscriber handles them with handlers that fail at
// random (seeded: each message fails 0-2 times, under maxAttempts 3) and take random time, on RabbitMQ and
// NATS (the shared servers). Per key, messages are handled in send order, none lost. Each broker missing
// is one server skip.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AmqpTransport } from '../../src/runtime/amqp/index.js';
import { ClientCore } from '../../src/runtime/client.js';
import { registerHandlers, type HandlerContext } from '../../src/runtime/handlers.js';
import { NatsTransport } from '../../src/runtime/nats/index.js';
import type { Transport } from '../../src/runtime/port.js';
import { nats, rabbitmq, sleep, unique, until } from '../brokers/servers.js';
import { seeded } from '../hostile.js';
import { keyedFigures, keyedOp, report } from './chaos.js';

const brokers = [
  ['amqp', await rabbitmq(), (url: string): Transport => new AmqpTransport({ url, maxAttempts: 3, retryDelayMs: 2 })],
  ['nats', await nats(), (url: string): Transport => new NatsTransport({ servers: url, maxAttempts: 3, retryDelayMs: 2 })],
] as const;

for (const [kind, server, open] of brokers) {
  if (!server) continue;
  test(`${kind}: keyed sends while handlers fail at random (each under maxAttempts): per key in send order, none lost`, async () => {
    const op = keyedOp(unique(`chaos.order.${kind}`));
    const sending = open(server.url);
    const receiving = open(server.url);
    const client = new ClientCore({ transport: sending }, { step: op });
    const rand = seeded(16); // failures: the same every run
    const delay = seeded(61); // handler time (drawn in handling order)
    const failures = new Map<string, number>();
    const sent = new Map<string, { key: string; order: number }>();
    const handled: string[] = [];
    let attempts = 0;
    const handle = await registerHandlers({ transport: receiving, group: 'svc', concurrency: 16 }, [op], {
      step: async ({ payload, attempt }: HandlerContext<string, { key: string; seq: number }>) => {
        attempts++;
        const id = `${payload.key}#${payload.seq}`;
        await sleep(Math.floor(delay() * 3));
        if (attempt <= failures.get(id)!) throw new Error(`chaos: attempt ${attempt} of ${id} fails`);
        handled.push(id);
      },
    });
    try {
      const sends: Promise<unknown>[] = [];
      for (let seq = 0; seq < 40; seq++)
        for (let k = 0; k < 8; k++) {
          const key = `k${k}`;
          const id = `${key}#${seq}`;
          failures.set(id, rand() < 0.25 ? 1 + Math.floor(rand() * 2) : 0);
          sent.set(id, { key, order: seq });
          sends.push(client.send('step', { key, seq }));
          if (seq % 10 === 0) await sleep(1);
        }
      await Promise.all(sends);
      await until(() => handled.length >= sent.size, `${sent.size} messages handled`, 30_000).catch(() => undefined); // the figures say what is missing
      await sleep(200); // a late redelivery shows up as a duplicate
      const failing = [...failures.values()].reduce((a, b) => a + b, 0);
      const figures = report(`${kind} failing handlers`, { ...keyedFigures(sent, handled), attempts, failedAttempts: failing });
      assert.equal({ lost: figures.lost, outOfOrder: figures.outOfOrder, delivered: figures.delivered, attempts }, { lost: 0, outOfOrder: 0, delivered: 320, attempts: 320 + failing + figures.duplicated });
    } finally {
      await handle.close();
      await client.close();
      await Promise.allSettled([sending.close(), receiving.close()]);
    }
  });
}

test.run();
