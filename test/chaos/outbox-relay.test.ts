// Chaos: PostgreSQL outbox written by concurrent transactions while the relay process is killed with
// SIGKILL four times and started again. Writers of one key are serialised by its aggregate row (as the
// outbox requires), whose version says the commit order per key. Nothing committed is lost, nothing
// rolled back is published, and per key the first publishes come in commit order. PostgreSQL missing is
// one server skip.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import pg from 'pg';
import { SqlOutbox } from '../../src/runtime/sql/index.js';
import { postgres, until } from '../brokers/servers.js';
import { child, kill9, keyedFigures, report, root } from './chaos.js';

const server = await postgres();
const relayChild = path.join(root, 'test/brokers/fixtures/relay-child.ts');

function lines(file: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  return text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter(Boolean);
}

if (server) {
  test('postgres outbox: 6 concurrent writers, relay killed 4 times: nothing committed lost, nothing rolled back sent, per key in commit order', async () => {
    const pool = new pg.Pool({ connectionString: server.url, max: 8 });
    const t = `chaos_outbox_${process.pid}`;
    const agg = `${t}_agg`;
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'specgate-chaos-outbox-'));
    const out = path.join(tmp, 'published');
    const outbox = new SqlOutbox({ table: t });
    let relay = child(relayChild, [server.url, t, out]);
    try {
      await outbox.createTable(pool);
      const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
      await pool.query(`CREATE TABLE ${agg} (key TEXT PRIMARY KEY, version INT NOT NULL)`);
      await pool.query(`INSERT INTO ${agg} SELECT unnest($1::text[]), 0`, [keys]);
      const committed = new Map<string, { key: string; order: number }>();
      const rolledBack = new Set<string>();
      let sent = 0;
      // Writer w, transaction i: one message for each of 1-3 keys (locked in key order: no deadlocks);
      // every 7th transaction rolls back, undoing its version bumps.
      const writer = async (w: number) => {
        for (let i = 0; i < 120; i++) {
          const mine = [...new Set([keys[(w * 7 + i) % 12], keys[(w + i * 5) % 12], keys[(w * 3 + i * 11) % 12]].slice(0, 1 + ((w + i) % 3)))].sort();
          const client = await pool.connect();
          const rows: { id: string; key: string; version: number }[] = [];
          try {
            await client.query('BEGIN');
            for (const key of mine) {
              const { rows: [{ version }] } = await client.query(`UPDATE ${agg} SET version = version + 1 WHERE key = $1 RETURNING version`, [key]);
              const id = `w${w}t${i}${key}`;
              await outbox.add(client, [{ address: 'chaos.orders', headers: { messageId: id }, body: new TextEncoder().encode(`{"v":${version}}`), key }], { mode: 'point-to-point' });
              rows.push({ id, key, version });
              sent++;
            }
            const commit = i % 7 !== 6;
            await client.query(commit ? 'COMMIT' : 'ROLLBACK');
            for (const r of rows) (commit ? committed.set(r.id, { key: r.key, order: r.version }) : rolledBack.add(r.id));
          } finally {
            client.release();
          }
        }
      };
      const writing = Promise.all([0, 1, 2, 3, 4, 5].map(writer));
      let done = false;
      void writing.then(() => (done = true), () => (done = true));
      let kills = 0;
      for (const at of [150, 400, 700, 1000]) {
        await until(() => lines(out).length >= at || done, `${at} publishes`, 30_000);
        await kill9(relay);
        kills++;
        relay = child(relayChild, [server.url, t, out]);
      }
      await writing;
      await until(() => new Set(lines(out).map((l) => l.split(' ')[1])).size >= committed.size, 'every committed message published', 30_000);
      const published = lines(out).map((l) => l.split(' ')[1]);
      const unsent = Number((await pool.query(`SELECT count(*) AS n FROM ${t} WHERE sent_at IS NULL`)).rows[0].n);
      const figures = report('outbox relay killed', { ...keyedFigures(committed, published, { committed: committed.size }), sent, kills, unsent, rolledBackPublished: published.filter((id) => rolledBack.has(id)).length });
      assert.equal(
        { lost: figures.lost, outOfOrder: figures.outOfOrder, rolledBackPublished: figures.rolledBackPublished, unexpected: figures.unexpected, kills },
        { lost: 0, outOfOrder: 0, rolledBackPublished: 0, unexpected: 0, kills: 4 },
      );
      assert.ok(committed.size > 800 && rolledBack.size > 100, `${committed.size} committed, ${rolledBack.size} rolled back`);
    } finally {
      await kill9(relay);
      await pool.query(`DROP TABLE IF EXISTS ${t}, ${t}_lease, ${agg}`).catch(() => undefined);
      await pool.end();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
}

test.run();
