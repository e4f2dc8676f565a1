// The polling relay's per-key order when publishes are slow or fail: rows of one key are published one after
// another in commit order, keys in parallel; a failing row holds the rest of its key back until a later
// batch, while the other keys' rows are published and marked. SQLite always, PostgreSQL when
// SPECGATE_PG_URL is set (else one server skip).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { OutgoingMessage, Transport } from '../../src/runtime/port.js';
import { PollingRelay, SqlOutbox, type RelayBatch } from '../../src/runtime/sql/index.js';
import { postgres, sleep } from './servers.js';

const pgServer = await postgres();

const message = (i: number): OutgoingMessage => ({
  address: 'orders.events',
  headers: { messageId: `m${i}` },
  body: new TextEncoder().encode(`{"i":${i}}`),
  key: `k${i % 4}`,
});

/**
 * A broker that takes a message when its publish resolves: m2 (key k2) is slow, m5 (key k1) fails the
 * first time. Returns what it took, per key, and every publish attempt.
 */
function faultyTransport() {
  const delivered = new Map<string, string[]>();
  const attempts: string[] = [];
  let failedOnce = false;
  const transport: Transport = {
    async publish(m) {
      const id = m.headers.messageId;
      attempts.push(id);
      if (id === 'm2') await sleep(40);
      else await new Promise((r) => setImmediate(r));
      if (id === 'm5' && !failedOnce) {
        failedOnce = true;
        throw new Error('broker refused m5');
      }
      delivered.set(m.key!, [...(delivered.get(m.key!) ?? []), id]);
    },
    subscribe: () => Promise.reject(new Error('not here')),
    close: async () => undefined,
  };
  return { transport, delivered, attempts };
}

/** 40 rows, one transaction each, so commit order is m0..m39; keys k0..k3 in turn. */
async function check(db: pg.Pool | Sqlite.Database, outbox: SqlOutbox, write: (m: OutgoingMessage) => Promise<void>) {
  for (let i = 0; i < 40; i++) await write(message(i));
  const { transport, delivered, attempts } = faultyTransport();
  const batches: RelayBatch[] = [];
  const errors: string[] = [];
  const relay = new PollingRelay({ db, outbox, transport, batchSize: 100, onBatch: (b) => void batches.push(b), onError: (e) => void errors.push(e.message) });
  assert.is(await relay.runOnce(), 31, 'k1 stops at m5; m1 and the other keys go out');
  assert.is(await relay.runOnce(), 9, 'the next batch starts k1 again at m5');
  assert.is(await relay.runOnce(), 0);
  assert.equal(batches, [
    { published: 31, failed: 1, held: 8, remaining: 9 },
    { published: 9, failed: 0, held: 0, remaining: 0 },
  ]);
  assert.equal(errors, ['publishing m5 (key k1) failed: broker refused m5']);
  for (let k = 0; k < 4; k++) {
    const want = Array.from({ length: 10 }, (_, j) => `m${j * 4 + k}`);
    assert.equal(delivered.get(`k${k}`), want, `k${k} delivered in commit order, each once`);
  }
  // Nothing of k1 after m5 was tried before m5 went through.
  const firstOk = attempts.lastIndexOf('m5');
  assert.ok(attempts.slice(0, firstOk).every((id) => Number(id.slice(1)) % 4 !== 1 || Number(id.slice(1)) <= 5), attempts.join(','));
  assert.is(relay.sent, 40);
}

test('sqlite relay: per key in commit order when a publish is slow or fails; a failed row holds its key back, other keys go on', async () => {
  const db = new Sqlite(':memory:');
  const outbox = new SqlOutbox();
  await outbox.createTable(db);
  await check(db, outbox, (m) => outbox.add(db, [m], { mode: 'publish-subscribe' }));
  db.close();
});

if (pgServer) {
  const pool = new pg.Pool({ connectionString: pgServer.url, max: 4 });
  const table = `relay_order_${process.pid}_${Date.now().toString(36)}`;
  test.after(async () => {
    await pool.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await pool.end();
  });

  test('postgres relay: per key in commit order when a publish is slow or fails; a failed row holds its key back, other keys go on', async () => {
    const outbox = new SqlOutbox({ table });
    await outbox.createTable(pool);
    await check(pool, outbox, async (m) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await outbox.add(client, [m], { mode: 'publish-subscribe' });
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
  });
}

test.run();
