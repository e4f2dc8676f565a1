// Chaos: the responder process is killed with SIGKILL while requests are in flight (RabbitMQ and NATS, the
// shared servers; nothing is restarted). Every request ends on time with its reply or a typed
// RequestTimeoutError; nothing rejects unhandled, the caller keeps running, and once a responder is back
// requests are answered again. Each broker missing is one server skip.
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AmqpTransport } from '../../src/runtime/amqp/index.js';
import { ClientCore } from '../../src/runtime/client.js';
import { RequestTimeoutError } from '../../src/runtime/errors.js';
import { NatsTransport } from '../../src/runtime/nats/index.js';
import type { Transport } from '../../src/runtime/port.js';
import { nats, rabbitmq, sleep, unique } from '../brokers/servers.js';
import { askOp, child, here, kill9, printed, report } from './chaos.js';

let unhandled = 0;
process.on('unhandledRejection', () => void unhandled++);

const brokers = [
  ['amqp', await rabbitmq(), (url: string): Transport => new AmqpTransport({ url })],
  ['nats', await nats(), (url: string): Transport => new NatsTransport({ servers: url })],
] as const;

for (const [kind, server, open] of brokers) {
  if (!server) continue;
  test(`${kind}: a responder killed during request/reply: every request gets its reply or a RequestTimeoutError on time, none unhandled`, async () => {
    const address = unique(`chaos.ask.${kind}`);
    const transport = open(server.url);
    const client = new ClientCore({ transport, circuitBreaker: false, maxOutstanding: 1000 }, { ask: askOp(address) });
    const responderFile = path.join(here, 'fixtures/responder.ts');
    let responder = child(responderFile, [kind, server.url, address]);
    try {
      await printed(responder, 'ready');
      const timeoutMs = 1500;
      const outcomes: Promise<string>[] = [];
      const late: number[] = [];
      let replied = 0;
      const ask = (n: number) => {
        const started = Date.now();
        return client.request<{ message: string; payload: { n: number }; messageId: string; correlationId: string; headers: Record<string, unknown> }>('ask', { n }, { timeoutMs }).then(
          (r) => (r.payload.n === n ? (replied++, 'replied') : 'wrong reply'),
          (e: unknown) => {
            if (Date.now() - started > timeoutMs + 500) late.push(n);
            return e instanceof RequestTimeoutError ? 'timed out' : `other: ${(e as Error).message}`;
          },
        );
      };
      // 150 requests, one every 3 ms; the responder dies after the 50th was sent, once 40 have their
      // reply (so the kill falls mid-stream however slow the machine is: up to 10 are still in flight).
      for (let n = 0; n < 150; n++) {
        if (n === 50) {
          while (replied < 40) await sleep(5);
          await kill9(responder);
        }
        outcomes.push(ask(n));
        await sleep(3);
      }
      const settled = await Promise.all(outcomes);
      const count = (what: string) => settled.filter((s) => s === what).length;
      // A new responder answers again (and answers, too late, the requests that waited in the queue).
      responder = child(responderFile, [kind, server.url, address]);
      await printed(responder, 'ready');
      const after = await Promise.all(Array.from({ length: 20 }, (_, i) => ask(1000 + i)));
      await sleep(300);
      const figures = report(`${kind} responder killed`, {
        sent: 150,
        delivered: count('replied'),
        timedOut: count('timed out'),
        lost: settled.filter((s) => s !== 'replied' && s !== 'timed out').length,
        duplicated: 0,
        outOfOrder: 0,
        lateVerdicts: late.length,
        unhandled,
        droppedLateReplies: client.droppedReplies,
        answeredAfterRestart: after.filter((s) => s === 'replied').length,
      });
      assert.equal(settled.filter((s) => s !== 'replied' && s !== 'timed out'), [], 'only replies and typed timeouts');
      assert.ok(figures.delivered >= 40 && figures.timedOut > 0, `some replied before the kill, the rest timed out: ${figures.delivered}/${figures.timedOut}`);
      assert.is(figures.delivered + figures.timedOut!, 150);
      assert.equal([late.length, unhandled, client.outstanding, figures.answeredAfterRestart], [0, 0, 0, 20]);
    } finally {
      await kill9(responder);
      await client.close();
      await transport.close();
    }
  });
}

test.run();
