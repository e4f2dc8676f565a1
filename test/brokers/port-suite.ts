// The behaviour every broker adapter owes the transport port, run against a real server, and against
// InMemoryTransport (in-memory.test.ts) so it holds in every run. amqp.test.ts and nats.test.ts call `portSuite` with their transport and a way to read dead letters.
import * as assert from 'uvu/assert';
import type { Test } from 'uvu';
import type { IncomingMessage, Transport } from '../../src/runtime/port.js';
import { skipped } from '../helpers.js';
import { sh, sleep, str, unique, until, utf8 } from './servers.js';

export interface PortFixture {
  /** A new transport; `maxAttempts` 3. */
  transport(): Transport;
  /** Messages in the dead-letter destination of a durable subscription. */
  deadLetters(address: string, mode: 'point-to-point' | 'publish-subscribe', group: string): Promise<{ body: string; headers: Record<string, string> }[]>;
  /** Restart the broker keeping its data; undefined when the environment does not allow it (a server skip),
   *  false when there is no broker to restart. */
  restart?: string | false;
  /** Remove what the tests declared on the broker for these addresses (groups: svc, billing, shipping). */
  cleanup(addresses: string[]): Promise<void>;
  /** Address prefix the tests use (NATS: inside the test stream's subjects). */
  prefix: string;
}

export function portSuite(test: Test, name: string, fx: PortFixture): void {
  const opened: Transport[] = [];
  const open = () => {
    const t = fx.transport();
    opened.push(t);
    return t;
  };
  const addresses: string[] = [];
  const addr = (what: string) => {
    const a = unique(`${fx.prefix}.${what}`);
    addresses.push(a);
    return a;
  };

  test.after(async () => {
    await Promise.allSettled(opened.map((t) => t.close()));
    await fx.cleanup(addresses);
  });

  test(`${name}: point-to-point messages sent before anyone subscribes wait, with headers, key and body intact`, async () => {
    const t = open();
    const address = addr('p2p');
    for (let i = 0; i < 3; i++)
      await t.publish({ address, headers: { messageId: `m${i}`, contentType: 'application/json', 'x-tenant': 'acme' }, body: utf8(`{"n":${i}}`), key: `k${i % 2}` }, { mode: 'point-to-point' });
    const got: IncomingMessage[] = [];
    const sub = await t.subscribe(address, async (m) => void got.push(m), { mode: 'point-to-point', group: 'svc', concurrency: 1 });
    await until(() => got.length === 3, '3 messages');
    assert.equal(
      got.map((m) => [m.address, m.headers.messageId, m.headers['x-tenant'], m.headers.contentType, m.key, str(m.body), m.attempt]),
      [
        [address, 'm0', 'acme', 'application/json', 'k0', '{"n":0}', 1],
        [address, 'm1', 'acme', 'application/json', 'k1', '{"n":1}', 1],
        [address, 'm2', 'acme', 'application/json', 'k0', '{"n":2}', 1],
      ],
    );
    await sub.close();
  });

  test(`${name}: competing consumers of a point-to-point address split the messages, each handled once`, async () => {
    const t1 = open();
    const t2 = open();
    const address = addr('compete');
    const seen: Record<string, string[]> = { a: [], b: [] };
    const slow = (who: 'a' | 'b') => async (m: IncomingMessage) => {
      seen[who].push(m.headers.messageId);
      await sleep(5);
    };
    const sa = await t1.subscribe(address, slow('a'), { mode: 'point-to-point', group: 'svc', concurrency: 1 });
    const sb = await t2.subscribe(address, slow('b'), { mode: 'point-to-point', group: 'svc', concurrency: 1 });
    const n = 40;
    await Promise.all(Array.from({ length: n }, (_, i) => t1.publish({ address, headers: { messageId: `m${i}` }, body: utf8('x') }, { mode: 'point-to-point' })));
    await until(() => seen.a.length + seen.b.length >= n, `${n} messages`);
    await sleep(50);
    const all = [...seen.a, ...seen.b].sort();
    assert.equal(all, Array.from({ length: n }, (_, i) => `m${i}`).sort(), 'every message exactly once');
    assert.ok(seen.a.length > 0 && seen.b.length > 0, `both consumers got work: ${seen.a.length} + ${seen.b.length}`);
    await Promise.all([sa.close(), sb.close()]);
  });

  test(`${name}: publish-subscribe gives every group every message; members of one group compete`, async () => {
    const t1 = open();
    const t2 = open();
    const address = addr('events');
    const billing: string[] = [];
    const shippingA: string[] = [];
    const shippingB: string[] = [];
    const subs = [
      await t1.subscribe(address, async (m) => void billing.push(m.headers.messageId), { mode: 'publish-subscribe', group: 'billing' }),
      await t1.subscribe(address, async (m) => (shippingA.push(m.headers.messageId), sleep(5)), { mode: 'publish-subscribe', group: 'shipping', concurrency: 1 }),
      await t2.subscribe(address, async (m) => (shippingB.push(m.headers.messageId), sleep(5)), { mode: 'publish-subscribe', group: 'shipping', concurrency: 1 }),
    ];
    const n = 20;
    for (let i = 0; i < n; i++) await t2.publish({ address, headers: { messageId: `e${i}` }, body: utf8('x') }, { mode: 'publish-subscribe' });
    await until(() => billing.length === n && shippingA.length + shippingB.length === n, 'events in both groups');
    assert.equal(billing, Array.from({ length: n }, (_, i) => `e${i}`), 'one member: every event, in order');
    assert.equal([...shippingA, ...shippingB].sort(), [...billing].sort());
    assert.ok(shippingA.length > 0 && shippingB.length > 0, `both shipping members got events: ${shippingA.length} + ${shippingB.length}`);
    await Promise.all(subs.map((s) => s.close()));
  });

  test(`${name}: a failing handler gets the message again, up to 3 attempts, then it is dead-lettered`, async () => {
    const t = open();
    const address = addr('failing');
    const attempts: [string, number][] = [];
    const sub = await t.subscribe(
      address,
      async (m) => {
        attempts.push([m.headers.messageId, m.attempt]);
        if (m.headers.messageId === 'poison' || m.attempt < 2) throw new Error('handler failed');
      },
      { mode: 'point-to-point', group: 'svc', concurrency: 1 },
    );
    await t.publish({ address, headers: { messageId: 'poison', 'x-order': '7' }, body: utf8('{"bad":true}') }, { mode: 'point-to-point' });
    await until(() => attempts.filter(([id]) => id === 'poison').length === 3, 'three attempts');
    await t.publish({ address, headers: { messageId: 'flaky' }, body: utf8('{}') }, { mode: 'point-to-point' });
    await until(() => attempts.some(([id, n]) => id === 'flaky' && n === 2), 'the retried message');
    await sleep(100);
    assert.equal(attempts, [
      ['poison', 1],
      ['poison', 2],
      ['poison', 3],
      ['flaky', 1],
      ['flaky', 2],
    ]);
    const dead = await fx.deadLetters(address, 'point-to-point', 'svc');
    assert.equal(dead.map((d) => [d.body, d.headers.messageId, d.headers['x-order']]), [['{"bad":true}', 'poison', '7']]);
    await sub.close();
  });

  test(`${name}: a temporary subscription (reply inbox) receives point-to-point messages and is removed on close`, async () => {
    const t = open();
    const other = open();
    const inbox = `specgate.inbox.${unique('test')}`;
    const got: string[] = [];
    const sub = await t.subscribe(inbox, async (m) => void got.push(m.headers.correlationId), { mode: 'point-to-point', group: inbox, temporary: true });
    await other.publish({ address: inbox, headers: { messageId: 'r1', correlationId: 'c1' }, body: utf8('{}') }, { mode: 'point-to-point' });
    await until(() => got.length === 1, 'the reply');
    assert.equal(got, ['c1']);
    await sub.close();
    // Publishing to a closed inbox is not an error, and nobody gets it.
    await other.publish({ address: inbox, headers: { messageId: 'r2', correlationId: 'c2' }, body: utf8('{}') }, { mode: 'point-to-point' });
    await sleep(50);
    assert.equal(got, ['c1']);
  });

  if (fx.restart === false) return;
  const restartTest = `${name}: a broker restart in the middle of a stream loses no acknowledged message`;
  if (!fx.restart) {
    skipped('server', restartTest, 'no restart command in the environment (SPECGATE_AMQP_RESTART / SPECGATE_NATS_RESTART)');
    return;
  }
  const restart = fx.restart;
  test(restartTest, async () => {
    const publisher = open();
    const consumer = open();
    const address = addr('restart');
    const received = new Set<string>();
    const sub = await consumer.subscribe(address, async (m) => void received.add(m.headers.messageId), { mode: 'point-to-point', group: 'svc' });
    const acknowledged: string[] = [];
    const n = 300;
    let restarting: Promise<void> | undefined;
    for (let i = 0; i < n; i++) {
      if (i === 100) restarting = sh(restart);
      const id = `s${i}`;
      await publisher.publish({ address, headers: { messageId: id }, body: utf8(String(i)) }, { mode: 'point-to-point' });
      acknowledged.push(id);
      if (i >= 100 && i < 110) await sleep(20);
    }
    await restarting;
    await until(() => acknowledged.every((id) => received.has(id)), 'every acknowledged message after the restart', 60_000);
    assert.is(acknowledged.length, n);
    assert.is(acknowledged.filter((id) => !received.has(id)).length, 0);
    await sub.close();
  });
}
