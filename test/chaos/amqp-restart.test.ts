// Chaos: RabbitMQ restarted while keyed sends (publisher confirms) are in flight. Runs on a RabbitMQ node
// of the test's own (own node name, ports and data), so the restart disturbs no other test; needs the
// shared server's settings to be present (SPECGATE_AMQP_URL, as every broker test) and the Debian package.
// Every confirmed send is delivered, per key in send order. Missing either is one server skip.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AmqpTransport } from '../../src/runtime/amqp/index.js';
import { ClientCore } from '../../src/runtime/client.js';
import { registerHandlers, type HandlerContext } from '../../src/runtime/handlers.js';
import { skipped } from '../helpers.js';
import { rabbitmq, sleep, unique, until } from '../brokers/servers.js';
import { canRunRabbit, keyedFigures, keyedOp, privateRabbit, report } from './chaos.js';

const name = 'amqp: a broker restart during keyed publishes with confirms loses no confirmed message and keeps per-key order';
const shared = await rabbitmq();
if (shared && !canRunRabbit()) skipped('server', name, 'no /usr/lib/rabbitmq/bin/rabbitmq-server or rabbitmq user to run a node of our own');
else if (shared)
  test(name, async () => {
    const rabbit = await privateRabbit();
    const transports: AmqpTransport[] = [];
    const events: string[] = [];
    const open = (onEvent?: (e: { type: string }) => void) => {
      const t = new AmqpTransport({ url: rabbit.url, publishTimeoutMs: 60_000, onEvent });
      transports.push(t);
      return t;
    };
    try {
      let t0 = Date.now();
      await rabbit.start();
      const startMs = Date.now() - t0;
      t0 = Date.now();
      const op = keyedOp(unique('chaos.restart'));
      const client = new ClientCore({ transport: open((e) => void events.push(e.type)) }, { step: op });
      const sent = new Map<string, { key: string; order: number }>();
      const sends: Promise<unknown>[] = [];
      let confirmed = 0;
      let failed = 0;
      let restarting: Promise<void> | undefined;
      let seq = 0;
      let restartedAt: number | undefined;
      // A round of one message per key every 10 ms; the restart begins at round 40, and rounds keep coming
      // while the broker is away and for 40 rounds after it is back.
      for (; restartedAt === undefined || seq < restartedAt + 40; seq++) {
        if (seq === 40) restarting = rabbit.restart().then(() => void (restartedAt = seq));
        for (let k = 0; k < 4; k++) {
          sent.set(`k${k}#${seq}`, { key: `k${k}`, order: seq });
          sends.push(client.send('step', { key: `k${k}`, seq }).then(() => void confirmed++, () => void failed++));
        }
        await sleep(10);
      }
      await restarting;
      const restartRounds = restartedAt! - 40;
      await Promise.all(sends);
      const sendMs = Date.now() - t0;
      t0 = Date.now();
      const handled: string[] = [];
      const handle = await registerHandlers({ transport: open(), group: 'svc' }, [op], {
        step: async ({ payload }: HandlerContext<string, { key: string; seq: number }>) => void handled.push(`${payload.key}#${payload.seq}`),
      });
      await until(() => new Set(handled).size >= sent.size, `${sent.size} messages`, 30_000).catch(() => undefined); // the figures say what is missing
      await sleep(200);
      const readMs = Date.now() - t0;
      await handle.close();
      await client.close();
      const figures = report('amqp broker restart', { ...keyedFigures(sent, handled), committed: confirmed, failedSends: failed, restartRounds, startMs, sendMs, readMs, disconnects: events.filter((e) => e === 'disconnected').length });
      assert.equal({ lost: figures.lost, outOfOrder: figures.outOfOrder, confirmed, failed }, { lost: 0, outOfOrder: 0, confirmed: sent.size, failed: 0 });
      assert.ok(events.includes('disconnected') && events.at(-1) === 'reconnected', `the publisher lost its connection and got it back: ${events.join(',')}`);
    } finally {
      await Promise.allSettled(transports.map((t) => t.close()));
      await rabbit.remove();
    }
  });

test.run();
