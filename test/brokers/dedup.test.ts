// SqlDedupStore on SQLite (always) and PostgreSQL (SPECGATE_PG_URL, else skipped): the processed id and
// the handler's own write commit together, a failure leaves neither, a repeat is refused, and two
// concurrent claims of one id let exactly one through.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { SqlDedupStore, type DedupTransaction } from '../../src/runtime/sql/index.js';
import { postgres } from './servers.js';

const pgServer = await postgres();

interface Db {
  name: string;
  store(): Promise<SqlDedupStore>;
  insert(tx: DedupTransaction, id: string): Promise<void>;
  rows(): Promise<string[]>;
  done(): Promise<void>;
}

const sqlite = (): Db => {
  const db = new Sqlite(':memory:');
  db.exec('CREATE TABLE effects (id TEXT NOT NULL)');
  return {
    name: 'sqlite',
    async store() {
      const s = new SqlDedupStore({ db });
      await s.createTable();
      return s;
    },
    async insert(tx, id) {
      (tx as Sqlite.Database).prepare('INSERT INTO effects (id) VALUES (?)').run(id);
    },
    async rows() {
      return (db.prepare('SELECT id FROM effects ORDER BY rowid').all() as { id: string }[]).map((r) => r.id);
    },
    async done() {
      db.close();
    },
  };
};

const postgresDb = (url: string): Db => {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const effects = `effects_${suffix}`;
  const processed = `processed_${suffix}`;
  return {
    name: 'postgres',
    async store() {
      await pool.query(`CREATE TABLE IF NOT EXISTS ${effects} (id TEXT NOT NULL, n SERIAL)`);
      const s = new SqlDedupStore({ db: pool, table: processed });
      await s.createTable();
      return s;
    },
    async insert(tx, id) {
      await (tx as pg.PoolClient).query(`INSERT INTO ${effects} (id) VALUES ($1)`, [id]);
    },
    async rows() {
      return (await pool.query(`SELECT id FROM ${effects} ORDER BY n`)).rows.map((r) => r.id as string);
    },
    async done() {
      await pool.query(`DROP TABLE IF EXISTS ${effects}, ${processed}`);
      await pool.end();
    },
  };
};

const databases: (() => Db)[] = [sqlite];
if (pgServer) databases.push(() => postgresDb(pgServer.url));

for (const make of databases) {
  const name = make === sqlite ? 'sqlite' : 'postgres';

  test(`${name}: a message id has one effect; a failed attempt leaves none; groups are separate`, async () => {
    const db = make();
    const store = await db.store();
    const effect = (id: string) => (tx: DedupTransaction) => db.insert(tx, id);
    assert.is(await store.run('billing', 'm1', effect('m1 billing')), true);
    assert.is(await store.run('billing', 'm1', effect('m1 billing again')), false);
    assert.is(await store.run('shipping', 'm1', effect('m1 shipping')), true);
    let error: unknown;
    try {
      await store.run('billing', 'm2', async (tx) => {
        await db.insert(tx, 'm2 first try');
        throw new Error('handler failed');
      });
    } catch (e) {
      error = e;
    }
    assert.is((error as Error).message, 'handler failed');
    assert.is(await store.has('billing', 'm2'), false);
    assert.is(await store.run('billing', 'm2', effect('m2 second try')), true);
    assert.equal(await db.rows(), ['m1 billing', 'm1 shipping', 'm2 second try']);
    assert.is(await store.has('billing', 'm1'), true);
    await db.done();
  });

  test(`${name}: two deliveries of one id at once: one claim wins, the other is a duplicate`, async () => {
    const db = make();
    const store = await db.store();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = store.run('billing', 'same', async (tx) => {
      await db.insert(tx, 'first');
      await gate;
    });
    await new Promise((r) => setTimeout(r, 30));
    const second = store.run('billing', 'same', (tx) => db.insert(tx, 'second'));
    await new Promise((r) => setTimeout(r, 30));
    release();
    assert.equal(await Promise.all([first, second]), [true, false]);
    assert.equal(await db.rows(), ['first']);
    await db.done();
  });

  test(`${name}: claim, handler and commit in one async chain: current() is the claim's transaction`, async () => {
    const db = make();
    const store = await db.store();
    // The order registerHandlers uses: claim, then the handler reads current(), then commit.
    const handle = async (id: string, fail: boolean) => {
      if (!(await store.claim('g', id))) return 'duplicate';
      try {
        await new Promise((r) => setTimeout(r, 1));
        await db.insert(store.current(), id);
        if (fail) throw new Error('boom');
      } catch {
        await store.release('g', id);
        return 'released';
      }
      await store.commit('g', id);
      return 'done';
    };
    assert.equal(await Promise.all([handle('a', false), handle('b', true), handle('c', false)]), ['done', 'released', 'done']);
    assert.equal((await db.rows()).sort(), ['a', 'c']);
    assert.throws(() => store.current(), /outside a claimed message/);
    await db.done();
  });
}

test.run();
