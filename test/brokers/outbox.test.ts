// Transactional outbox and polling relay on SQLite (always) and PostgreSQL (SPECGATE_PG_URL, else skipped):
// rolled-back messages are never sent; relays killed with SIGKILL lose nothing and keep per-key order;
// several PostgreSQL relays never send one row twice.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { InMemoryTransport } from '../../src/runtime/in-memory.js';
import type { OutgoingMessage } from '../../src/runtime/port.js';
import { PollingRelay, SqlOutbox } from '../../src/runtime/sql/index.js';
import { postgres, until } from './servers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'specgate-outbox-'));
const pgServer = await postgres();
const pools: pg.Pool[] = [];
const tables: string[] = [];

test.after(async () => {
  for (const pool of pools) {
    for (const t of tables) await pool.query(`DROP TABLE IF EXISTS ${t}, ${t}_lease`).catch(() => undefined);
    await pool.end();
  }
  rmSync(tmp, { recursive: true, force: true });
});

const message = (i: number, key: string): OutgoingMessage => ({
  address: 'orders.events',
  headers: { messageId: `m${i}`, type: 'OrderCreated' },
  body: new TextEncoder().encode(`{"i":${i}}`),
  key,
});

/** Writes 10,000 messages in 500 transactions of 20 over 37 keys; every 5th transaction rolls back. */
async function writeAll(write: (rows: OutgoingMessage[], commit: boolean) => Promise<void>): Promise<Set<string>> {
  const committed = new Set<string>();
  for (let t = 0; t < 500; t++) {
    const rows = Array.from({ length: 20 }, (_, j) => message(t * 20 + j, `k${(t * 20 + j) % 37}`));
    const commit = t % 5 !== 4;
    await write(rows, commit);
    if (commit) for (const r of rows) committed.add(r.headers.messageId);
    if (t % 25 === 0) await new Promise((r) => setImmediate(r));
  }
  return committed;
}

function startRelay(location: string, table: string, out: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', path.join(root, 'node_modules/tsx/dist/esm/index.mjs'), path.join(here, 'fixtures/relay-child.ts'), location, table, out], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function lines(out: string): string[] {
  if (!existsSync(out)) return [];
  const text = readFileSync(out, 'utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
}

/** The relay is killed after 1,500, 3,500 and 6,000 publishes and started again each time. */
async function killAndRestart(location: string, table: string, unsent: () => Promise<number>, committed: () => Set<string> | undefined) {
  const out = path.join(tmp, `${table}.out`);
  let child = startRelay(location, table, out);
  try {
    for (const at of [1500, 3500, 6000]) {
      await until(() => lines(out).length >= at, `${at} publishes`, 30_000);
      await kill(child);
      child = startRelay(location, table, out);
    }
    await until(() => committed() !== undefined, 'the writer');
    const want = committed()!;
    await until(() => new Set(lines(out).map((l) => l.split(' ')[1])).size >= want.size, 'every committed message', 30_000);
    for (let i = 0; i < 500 && (await unsent()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
  } finally {
    await kill(child);
  }
  const published = lines(out).map((l) => l.split(' ') as [string, string]);
  return { published, unsent: await unsent() };
}

function checkDelivery(published: [string, string][], committed: Set<string>, label: string) {
  const seen = new Set(published.map(([, id]) => id));
  assert.is(seen.size, committed.size, 'every committed message published');
  assert.is([...seen].filter((id) => !committed.has(id)).length, 0, 'no rolled-back message published');
  // Per key, the first publish of each message comes in write order.
  const firsts = new Map<string, number[]>();
  const done = new Set<string>();
  for (const [key, id] of published) {
    if (done.has(id)) continue;
    done.add(id);
    const list = firsts.get(key) ?? [];
    list.push(Number(id.slice(1)));
    firsts.set(key, list);
  }
  for (const [key, list] of firsts) assert.ok(list.every((n, i) => i === 0 || n > list[i - 1]), `${key} out of order: ${list.join(',')}`);
  console.log(`${label}: ${committed.size} committed messages, ${published.length - seen.size} published again after kills`);
}

test('sqlite: rolled-back messages are never sent; a relay killed 3 times loses nothing and keeps key order', async () => {
  const file = path.join(tmp, 'outbox.db');
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const outbox = new SqlOutbox();
  await outbox.createTable(db);
  let committed: Set<string> | undefined;
  const writing = writeAll(async (rows, commit) => {
    db.exec('BEGIN IMMEDIATE');
    await outbox.add(db, rows, { mode: 'publish-subscribe' });
    db.exec(commit ? 'COMMIT' : 'ROLLBACK');
  }).then((c) => (committed = c));
  const unsent = async () => (db.prepare('SELECT count(*) AS n FROM specgate_outbox WHERE sent_at IS NULL').get() as { n: number }).n;
  const result = await killAndRestart(file, 'specgate_outbox', unsent, () => committed);
  await writing;
  checkDelivery(result.published, committed!, 'sqlite');
  assert.is(result.unsent, 0);
  assert.is((db.prepare('SELECT count(*) AS n FROM specgate_outbox').get() as { n: number }).n, 8000);
  db.close();
});

test('sqlite: the outbox transport writes inside db.transaction and disappears with its rollback', async () => {
  const db = new Sqlite(':memory:');
  const outbox = new SqlOutbox({ table: 'events_outbox' });
  await outbox.createTable(db);
  const t = outbox.transport(db);
  db.transaction(() => void t.publish(message(1, 'a'), { mode: 'point-to-point' }))();
  assert.throws(() =>
    db.transaction(() => {
      void t.publish(message(2, 'a'), { mode: 'point-to-point' });
      throw new Error('business rule failed');
    })(),
  );
  const rows = db.prepare('SELECT id, aggregatetype, aggregateid, type, mode, headers FROM events_outbox').all();
  assert.equal(rows, [{ id: 'm1', aggregatetype: 'orders.events', aggregateid: 'a', type: 'OrderCreated', mode: 'point-to-point', headers: '{"messageId":"m1","type":"OrderCreated"}' }]);
  const memory = new InMemoryTransport();
  const got: string[] = [];
  await memory.subscribe('orders.events', async (m) => void got.push(`${m.key}:${m.headers.messageId}:${new TextDecoder().decode(m.body)}`), { mode: 'point-to-point', group: 'g' });
  const relay = new PollingRelay({ db, transport: memory, outbox });
  assert.is(await relay.runOnce(), 1);
  assert.is(await relay.runOnce(), 0);
  await memory.drain();
  assert.equal(got, ['a:m1:{"i":1}']);
  db.close();
});

test('sqlite: a second relay waits while the first holds the lease', async () => {
  const db = new Sqlite(':memory:');
  const outbox = new SqlOutbox();
  await outbox.createTable(db);
  await outbox.add(db, [message(1, 'a'), message(2, 'a')], { mode: 'point-to-point' });
  const memory = new InMemoryTransport();
  const first = new PollingRelay({ db, transport: memory, batchSize: 1, leaseMs: 60_000 });
  const second = new PollingRelay({ db, transport: memory, batchSize: 1, leaseMs: 60_000 });
  assert.is(await first.runOnce(), 1);
  assert.is(await second.runOnce(), 0);
  assert.is(await first.runOnce(), 1);
  assert.equal(memory.published.map((m) => m.headers.messageId), ['m1', 'm2']);
  db.close();
});

if (pgServer) {
  const pool = new pg.Pool({ connectionString: pgServer.url, max: 6 });
  pools.push(pool);
  const table = (name: string) => {
    const t = `${name}_${process.pid}_${Date.now().toString(36)}`;
    tables.push(t);
    return t;
  };

  test('postgres: rolled-back messages are never sent; a relay killed 3 times loses nothing and keeps key order', async () => {
    const t = table('outbox_kill');
    const outbox = new SqlOutbox({ table: t });
    await outbox.createTable(pool);
    let committed: Set<string> | undefined;
    const writing = writeAll(async (rows, commit) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await outbox.add(client, rows, { mode: 'publish-subscribe' });
        await client.query(commit ? 'COMMIT' : 'ROLLBACK');
      } finally {
        client.release();
      }
    }).then((c) => (committed = c));
    const unsent = async () => Number((await pool.query(`SELECT count(*) AS n FROM ${t} WHERE sent_at IS NULL`)).rows[0].n);
    const result = await killAndRestart(pgServer.url, t, unsent, () => committed);
    await writing;
    checkDelivery(result.published, committed!, 'postgres');
    assert.is(result.unsent, 0);
  });

  test('postgres: three relays at once send every row exactly once, in key order', async () => {
    const t = table('outbox_multi');
    const outbox = new SqlOutbox({ table: t });
    await outbox.createTable(pool);
    const client = await pool.connect();
    await client.query('BEGIN');
    await outbox.add(client, Array.from({ length: 3000 }, (_, i) => message(i, `k${i % 13}`)), { mode: 'point-to-point' });
    await client.query('COMMIT');
    client.release();
    const order: [string, string][] = [];
    const perRelay = [0, 0, 0];
    const relays = [0, 1, 2].map(
      (r) =>
        new PollingRelay({
          db: pool,
          outbox,
          batchSize: 100,
          pollIntervalMs: 5,
          transport: {
            async publish(m) {
              order.push([m.key!, m.headers.messageId]);
              perRelay[r]++;
              await new Promise((res) => setImmediate(res));
            },
            subscribe: () => Promise.reject(new Error('no')),
            close: async () => undefined,
          },
        }),
    );
    for (const r of relays) r.start();
    await until(() => order.length >= 3000, '3000 publishes', 30_000);
    await Promise.all(relays.map((r) => r.stop()));
    assert.is(order.length, 3000, 'no row sent twice');
    assert.is(new Set(order.map(([, id]) => id)).size, 3000);
    checkDelivery(order, new Set(order.map(([, id]) => id)), 'postgres, 3 relays');
    assert.ok(perRelay.filter((n) => n > 0).length >= 2, `the relays shared the work: ${perRelay.join(' + ')}`);
    assert.is(Number((await pool.query(`SELECT count(*) AS n FROM ${t} WHERE sent_at IS NULL`)).rows[0].n), 0);
  });
}

test.run();
