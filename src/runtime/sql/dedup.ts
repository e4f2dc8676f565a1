/**
 * Duplicate detection in the service's own database: `claim` opens a transaction and inserts
 * (group, message id) into a table whose primary key makes the claim atomic; the handler's writes join that
 * transaction (`current()`); `commit` commits both, `release` rolls both back. A redelivered message finds
 * its id and has no second effect; a failed handler leaves no trace, so its redelivery is processed.
 *
 *   const dedup = new SqlDedupStore({ db: pool });
 *   await registerOrderServiceHandlers({ transport, group: 'order-service', dedup }, {
 *     createOrder: async ({ payload }) => {
 *       await dedup.current().query('INSERT INTO orders ...', [...]);   // same transaction as the claim
 *       return { orderId: ... };
 *     },
 *   });
 *
 * PostgreSQL: one pooled connection per message being handled; a second delivery of an id that is still
 * being handled waits on the primary key and then counts as a duplicate (or proceeds if the first rolled
 * back). SQLite: one connection, so messages are handled one at a time per store.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DedupStore } from '../dedup.js';
import { isPool, isSqlite, openDatabase, type PgPoolLike, type PgQueryable, type SqliteLike, tableName } from './db.js';

export interface SqlDedupStoreOptions {
  /** A `pg` Pool, a `better-sqlite3` database, or a `postgres://` URL / SQLite file name to open. */
  db: PgPoolLike | SqliteLike | string;
  /** Default `specgate_processed_messages`. */
  table?: string;
}

/** The transaction a message is handled in: a `pg` client, or the `better-sqlite3` database. */
export type DedupTransaction = PgQueryable | SqliteLike;

interface Claim {
  tx?: DedupTransaction;
  done?: (ok: boolean) => Promise<void>;
}

export class SqlDedupStore implements DedupStore {
  readonly table: string;
  private db?: PgPoolLike | SqliteLike;
  private opening?: Promise<PgPoolLike | SqliteLike>;
  private ownsDb = false;
  private readonly claims = new Map<string, Claim>();
  private readonly context = new AsyncLocalStorage<Claim>();
  /** SQLite: the claim that holds the connection's transaction; the next waits for it. */
  private sqliteTurn: Promise<void> = Promise.resolve();

  constructor(private readonly options: SqlDedupStoreOptions) {
    this.table = tableName(options.table ?? 'specgate_processed_messages');
    if (typeof options.db !== 'string') this.db = options.db;
  }

  async createTable(): Promise<void> {
    const db = await this.database();
    const sql = `CREATE TABLE IF NOT EXISTS ${this.table} (
      group_name TEXT NOT NULL,
      message_id TEXT NOT NULL,
      processed_at ${isSqlite(db) ? "TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))" : 'TIMESTAMPTZ NOT NULL DEFAULT now()'},
      PRIMARY KEY (group_name, message_id)
    )`;
    if (isSqlite(db)) db.exec(sql);
    else await db.query(sql);
  }

  /**
   * The transaction of the message being handled in this async context (inside a handler run by
   * `registerHandlers` with this store). Throws outside one.
   */
  current(): DedupTransaction {
    const tx = this.context.getStore()?.tx;
    if (!tx) throw new Error('SqlDedupStore.current() called outside a claimed message');
    return tx;
  }

  claim(group: string, messageId: string): Promise<boolean> {
    // Entered before the first await, so the caller's continuation (the handler) sees the transaction.
    const claim: Claim = {};
    this.context.enterWith(claim);
    return this.open(group, messageId, claim);
  }

  commit(group: string, messageId: string): Promise<void> {
    return this.finish(group, messageId, true);
  }

  release(group: string, messageId: string): Promise<void> {
    return this.finish(group, messageId, false);
  }

  private async finish(group: string, messageId: string, ok: boolean): Promise<void> {
    const claim = this.claims.get(key(group, messageId));
    if (!claim) return;
    this.claims.delete(key(group, messageId));
    claim.tx = undefined; // current() is only valid while the message is being handled
    await claim.done?.(ok);
  }

  /** Run `work` once per (group, message id): false when it was a duplicate. For code outside generated handlers. */
  async run(group: string, messageId: string, work: (tx: DedupTransaction) => Promise<void> | void): Promise<boolean> {
    if (!(await this.claim(group, messageId))) return false;
    try {
      await work(this.current());
    } catch (e) {
      await this.release(group, messageId);
      throw e;
    }
    await this.commit(group, messageId);
    return true;
  }

  /** Whether the group processed the id (committed). */
  async has(group: string, messageId: string): Promise<boolean> {
    const db = await this.database();
    const sql = `SELECT 1 AS x FROM ${this.table} WHERE group_name = ${isSqlite(db) ? '?' : '$1'} AND message_id = ${isSqlite(db) ? '?' : '$2'}`;
    if (isSqlite(db)) return db.prepare(sql).get(group, messageId) !== undefined;
    return (await db.query(sql, [group, messageId])).rows.length > 0;
  }

  /** Forget ids processed more than `olderThanMs` ago (after the broker can no longer redeliver them). */
  async prune(olderThanMs: number): Promise<number> {
    const db = await this.database();
    if (isSqlite(db)) return db.prepare(`DELETE FROM ${this.table} WHERE processed_at < ?`).run(new Date(Date.now() - olderThanMs).toISOString()).changes;
    const r = await db.query(`DELETE FROM ${this.table} WHERE processed_at < now() - ($1 || ' milliseconds')::interval`, [String(olderThanMs)]);
    return r.rowCount ?? 0;
  }

  /** Close the database if the store opened it. */
  async close(): Promise<void> {
    if (!this.ownsDb || !this.db) return;
    const db = this.db;
    this.db = undefined;
    if (isSqlite(db)) db.close();
    else await db.end();
  }

  // ---------------------------------------------------------------------------------------------

  private async database(): Promise<PgPoolLike | SqliteLike> {
    if (this.db) return this.db;
    this.opening ??= openDatabase(this.options.db as string).then((db) => {
      this.db = db;
      this.ownsDb = true;
      return db;
    });
    return this.opening;
  }

  private async open(group: string, messageId: string, claim: Claim): Promise<boolean> {
    const db = await this.database();
    return isSqlite(db) ? this.openSqlite(db, group, messageId, claim) : this.openPostgres(db, group, messageId, claim);
  }

  private async openPostgres(db: PgPoolLike | PgQueryable, group: string, messageId: string, claim: Claim): Promise<boolean> {
    if (!isPool(db)) throw new Error('SqlDedupStore needs a pg Pool (one connection per message being handled)');
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const r = await client.query(`INSERT INTO ${this.table} (group_name, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [group, messageId]);
      if (r.rowCount === 0) {
        await client.query('ROLLBACK');
        client.release();
        return false;
      }
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      throw e;
    }
    claim.tx = client;
    claim.done = async (ok) => {
      try {
        await client.query(ok ? 'COMMIT' : 'ROLLBACK');
        client.release();
      } catch (e) {
        client.release(true);
        throw e;
      }
    };
    this.claims.set(key(group, messageId), claim);
    return true;
  }

  private async openSqlite(db: SqliteLike, group: string, messageId: string, claim: Claim): Promise<boolean> {
    // One transaction at a time on the one connection: wait for the previous claim to finish.
    let finish!: () => void;
    const previous = this.sqliteTurn;
    this.sqliteTurn = new Promise<void>((resolve) => (finish = resolve));
    await previous;
    try {
      db.exec('BEGIN IMMEDIATE');
      const r = db.prepare(`INSERT OR IGNORE INTO ${this.table} (group_name, message_id) VALUES (?, ?)`).run(group, messageId);
      if (r.changes === 0) {
        db.exec('ROLLBACK');
        finish();
        return false;
      }
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      finish();
      throw e;
    }
    claim.tx = db;
    claim.done = async (ok) => {
      try {
        if (db.inTransaction) db.exec(ok ? 'COMMIT' : 'ROLLBACK');
      } finally {
        finish();
      }
    };
    this.claims.set(key(group, messageId), claim);
    return true;
  }
}

function key(group: string, messageId: string): string {
  return `${group}\u0000${messageId}`;
}
