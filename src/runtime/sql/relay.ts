/**
 * The polling message relay: reads unsent outbox rows in insertion order, publishes them through a
 * transport, then marks them sent. A relay killed between publishing and marking publishes those rows again
 * when it (or another relay) next runs: delivery is at least once, never lost.
 *
 * Order: the rows of one partition key (`aggregateid`) are published one after another in `seq` order, each
 * once the previous one was acknowledged; keys go in parallel. A row whose publish fails holds the later
 * rows of its key back (unpublished, unmarked) until a later batch sends it first; the other keys' rows
 * are published and marked. Waiting for the acknowledgement matters: a transport retrying a publish, or
 * one slower than the next, would otherwise let a later row of the key reach the broker first. (Writers of
 * one key must be serialised, which they are when they update the same aggregate row; `seq` is allocated
 * at insert time, not at commit.)
 *
 * PostgreSQL: each batch is one transaction that locks its rows with `FOR UPDATE SKIP LOCKED`, so several
 * relays share the table without sending a row twice; a row whose key has an earlier unsent row locked by
 * another relay is left for later, which keeps the per-key order across relays.
 * SQLite: one relay at a time, chosen by a lease row (`<table>_lease`) that it renews every batch; a killed
 * relay's lease runs out after `leaseMs` and another one takes over.
 */
import { randomUUID } from 'node:crypto';
import { KeyedSequence } from '../ordering.js';
import type { Transport } from '../port.js';
import { type Database, isPool, isSqlite, openDatabase, type PgPoolLike, type PgQueryable, type SqliteLike } from './db.js';
import { type OutboxRow, rowToMessage, SqlOutbox } from './outbox.js';

export interface PollingRelayOptions {
  /** A `pg` Pool, a `better-sqlite3` database, or a `postgres://` URL / SQLite file name to open. */
  db: Database | string;
  transport: Transport;
  /** The outbox (for its table name). Default `new SqlOutbox()`. */
  outbox?: SqlOutbox;
  /** Rows per batch. Default 500. */
  batchSize?: number;
  /** Wait between polls when the outbox is empty. Default 100 ms. */
  pollIntervalMs?: number;
  /** SQLite: how long a relay's lease lasts without renewal. Default 10 s. */
  leaseMs?: number;
  /** SQLite: lease name; relays with different names do not exclude each other. Default `default`. */
  name?: string;
  /** Errors while polling or publishing (the relay keeps going). Default: a warning on stderr. */
  onError?: (error: Error) => void;
  /** After each batch that read rows: what became of them. */
  onBatch?: (batch: RelayBatch) => void;
}

/** What one batch did with the rows it read. */
export interface RelayBatch {
  /** Rows published and marked sent. */
  published: number;
  /** Rows whose publish failed (each reported to `onError`); they stay unsent. */
  failed: number;
  /** Rows not tried because an earlier row of their key failed in this batch; they stay unsent. */
  held: number;
  /** Unsent rows in the table after the batch (also those other relays are sending). */
  remaining: number;
}

/** Rejection of a row held behind a failed one of its key: not an error of its own. */
const HELD = new Error('held');

export class PollingRelay {
  /** Messages published so far by this relay. */
  sent = 0;
  readonly owner = randomUUID();
  private db?: PgPoolLike | PgQueryable | SqliteLike;
  private ownsDb = false;
  private readonly outbox: SqlOutbox;
  private readonly batchSize: number;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(private readonly options: PollingRelayOptions) {
    this.outbox = options.outbox ?? new SqlOutbox();
    this.batchSize = options.batchSize ?? 500;
  }

  /** Start polling in the background. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Finish the current batch and stop; closes the database only if the relay opened it. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
    if (this.ownsDb && this.db) {
      const db = this.db;
      this.db = undefined;
      if (isSqlite(db)) db.close();
      else await (db as PgPoolLike).end();
    }
  }

  /** Publish one batch; returns how many rows it sent (0: nothing to do, or another relay holds the lease). */
  async runOnce(): Promise<number> {
    const db = await this.database();
    if (isSqlite(db)) return this.batchSqlite(db);
    return this.batchPostgres(db);
  }

  private async database(): Promise<PgPoolLike | PgQueryable | SqliteLike> {
    if (!this.db) {
      if (typeof this.options.db === 'string') {
        this.db = await openDatabase(this.options.db, { poolSize: 2 });
        this.ownsDb = true;
      } else this.db = this.options.db;
    }
    return this.db;
  }

  private async loop(): Promise<void> {
    const idle = this.options.pollIntervalMs ?? 100;
    while (!this.stopping) {
      let n = 0;
      this.failedInBatch = 0;
      try {
        n = await this.runOnce();
      } catch (e) {
        this.report(e as Error);
      }
      // After a failure, wait before the next try instead of hammering a broker that refuses.
      if ((n === 0 || this.failedInBatch > 0) && !this.stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, idle);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private failedInBatch = 0;

  private report(error: Error): void {
    (this.options.onError ?? ((err: Error) => process.emitWarning(`outbox relay: ${err.message}`, 'SpecgateRelay')))(error);
  }

  /** Publishes per key in order, keys in parallel (see the top of the file); returns the rows published. */
  private async publishAll(rows: OutboxRow[]): Promise<{ published: OutboxRow[]; failed: number; held: number }> {
    const sequence = new KeyedSequence();
    const published: OutboxRow[] = [];
    let failed = 0;
    let held = 0;
    // Every row is queued (synchronously, in seq order) before the first publish settles.
    await Promise.all(
      rows.map((r) =>
        sequence
          .run(r.message.key, () => this.options.transport.publish(r.message, { mode: r.mode }), () => HELD)
          .then(
            () => void published.push(r),
            (e: unknown) => {
              if (e === HELD) return void held++;
              failed++;
              const key = r.message.key === undefined ? '' : ` (key ${r.message.key})`;
              this.report(new Error(`publishing ${r.message.headers.messageId ?? `row ${r.seq}`}${key} failed: ${(e as Error).message}`, { cause: e }));
            },
          ),
      ),
    );
    this.sent += published.length;
    this.failedInBatch += failed;
    return { published, failed, held };
  }

  private async batchPostgres(db: PgPoolLike | PgQueryable): Promise<number> {
    const t = this.outbox.table;
    const pool = isPool(db);
    const client = pool ? await db.connect() : db;
    let ok = false;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `WITH batch AS (
           SELECT seq, aggregateid FROM ${t} WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         SELECT o.seq, o.aggregatetype, o.aggregateid, o.payload, o.headers, o.mode
         FROM ${t} o JOIN batch b ON b.seq = o.seq
         WHERE b.aggregateid IS NULL OR NOT EXISTS (
           SELECT 1 FROM ${t} e
           WHERE e.aggregateid = b.aggregateid AND e.seq < b.seq AND e.sent_at IS NULL
             AND e.seq NOT IN (SELECT seq FROM batch))
         ORDER BY o.seq`,
        [this.batchSize],
      );
      const batch = rows.map(rowToMessage);
      if (batch.length === 0) {
        await client.query('COMMIT');
        ok = true;
        return 0;
      }
      const { published, failed, held } = await this.publishAll(batch);
      if (published.length) await client.query(`UPDATE ${t} SET sent_at = now() WHERE seq = ANY($1::bigint[])`, [published.map((r) => r.seq)]);
      await client.query('COMMIT');
      ok = true;
      if (this.options.onBatch) {
        const remaining = Number((await client.query(`SELECT count(*) AS n FROM ${t} WHERE sent_at IS NULL`)).rows[0].n);
        this.options.onBatch({ published: published.length, failed, held, remaining });
      }
      return published.length;
    } finally {
      if (!ok) await client.query('ROLLBACK').catch(() => undefined);
      if (pool) (client as PgQueryable & { release(e?: boolean): void }).release();
    }
  }

  private async batchSqlite(db: SqliteLike): Promise<number> {
    const t = this.outbox.table;
    const now = Date.now();
    const name = this.options.name ?? 'default';
    const lease = db
      .prepare(
        `INSERT INTO ${t}_lease (name, owner, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
         WHERE ${t}_lease.owner = excluded.owner OR ${t}_lease.expires_at < ?`,
      )
      .run(name, this.owner, now + (this.options.leaseMs ?? 10_000), now);
    if (lease.changes !== 1) return 0;
    const rows = db
      .prepare(`SELECT seq, aggregatetype, aggregateid, payload, headers, mode FROM ${t} WHERE sent_at IS NULL ORDER BY seq LIMIT ?`)
      .all(this.batchSize) as Record<string, unknown>[];
    const batch = rows.map(rowToMessage);
    if (batch.length === 0) return 0;
    const { published, failed, held } = await this.publishAll(batch);
    const sentAt = new Date().toISOString();
    if (published.length)
      db.prepare(`UPDATE ${t} SET sent_at = ? WHERE seq IN (SELECT value FROM json_each(?))`).run(sentAt, JSON.stringify(published.map((r) => r.seq)));
    if (this.options.onBatch) {
      const { n } = db.prepare(`SELECT count(*) AS n FROM ${t} WHERE sent_at IS NULL`).get() as { n: number };
      this.options.onBatch({ published: published.length, failed, held, remaining: n });
    }
    return published.length;
  }
}
