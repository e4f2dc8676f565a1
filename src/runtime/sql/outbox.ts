/**
 * The transactional outbox: messages are inserted into an outbox table inside the caller's own database
 * transaction, so they exist exactly when the business change they describe was committed. A relay
 * (`PollingRelay`, or a log-tailing connector such as Debezium) publishes them afterwards.
 *
 * The table follows the column names of Debezium's outbox event router, so the same table can be relayed
 * by polling or by tailing the database log:
 *
 * | column          | meaning                                           | Debezium outbox router          |
 * |-----------------|---------------------------------------------------|---------------------------------|
 * | `seq`           | insertion order (bigserial / autoincrement)       | -                               |
 * | `id`            | the message id (unique)                           | `id` (event id header)          |
 * | `aggregatetype` | the channel address                               | routes the event (topic)        |
 * | `aggregateid`   | the partition key, order is kept per key          | record key                      |
 * | `type`          | the message type (`type` header, else address)    | `type` header                   |
 * | `payload`       | the body, bytes as published                      | record value                    |
 * | `headers`       | the message headers, JSON                         | additional field → headers      |
 * | `mode`          | `point-to-point` or `publish-subscribe`           | additional field                |
 * | `created_at`    | insertion time                                    | `timestamp`                     |
 * | `sent_at`       | set by the polling relay once published           | - (log tailing needs no mark)   |
 */
import type { ChannelMode, OutgoingMessage, PublishOptions, Subscription, Transport } from '../port.js';
import { type Database, isPool, isSqlite, type PgQueryable, type SqliteLike, tableName } from './db.js';

const COLUMNS = '(id, aggregatetype, aggregateid, type, payload, headers, mode)';

export interface SqlOutboxOptions {
  /** Outbox table. Default `specgate_outbox`. */
  table?: string;
  /** The `type` column of a message. Default: its `type` header, else its address. */
  typeOf?: (message: OutgoingMessage) => string;
}

/** One row as the relay reads it. */
export interface OutboxRow {
  seq: number;
  message: OutgoingMessage;
  mode: ChannelMode;
}

export class SqlOutbox {
  readonly table: string;
  private readonly typeOf: (message: OutgoingMessage) => string;

  constructor(options: SqlOutboxOptions = {}) {
    this.table = tableName(options.table ?? 'specgate_outbox');
    this.typeOf = options.typeOf ?? ((m) => m.headers.type ?? m.address);
  }

  /** Create the outbox table and its index of unsent rows when missing (PostgreSQL or SQLite). */
  async createTable(db: Database): Promise<void> {
    const t = this.table;
    const index = `${t.replace('.', '_')}_unsent`;
    if (isSqlite(db)) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${t} (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        aggregatetype TEXT NOT NULL,
        aggregateid TEXT,
        type TEXT NOT NULL,
        payload BLOB NOT NULL,
        headers TEXT NOT NULL,
        mode TEXT NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        sent_at TEXT
      );
      CREATE INDEX IF NOT EXISTS ${index} ON ${t} (seq) WHERE sent_at IS NULL;
      CREATE TABLE IF NOT EXISTS ${t}_lease (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL);`);
      return;
    }
    await db.query(`CREATE TABLE IF NOT EXISTS ${t} (
      seq BIGSERIAL PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      aggregatetype TEXT NOT NULL,
      aggregateid TEXT,
      type TEXT NOT NULL,
      payload BYTEA NOT NULL,
      headers JSONB NOT NULL,
      mode TEXT NOT NULL,
      created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
      sent_at TIMESTAMPTZ
    )`);
    await db.query(`CREATE INDEX IF NOT EXISTS ${index} ON ${t} (seq) WHERE sent_at IS NULL`);
    // The relay's per-key order check looks up earlier unsent rows of a key.
    await db.query(`CREATE INDEX IF NOT EXISTS ${index}_key ON ${t} (aggregateid, seq) WHERE sent_at IS NULL`);
  }

  /**
   * Insert messages in the caller's transaction: `tx` is a `pg` client after `BEGIN` (never a pool: the
   * insert must be part of the caller's transaction) or a `better-sqlite3` database (the insert is done
   * before this returns; inside `db.transaction(fn)` use `addSync`, which throws).
   */
  add(tx: PgQueryable | SqliteLike, messages: OutgoingMessage | OutgoingMessage[], options: PublishOptions): Promise<void> {
    if (isSqlite(tx)) {
      try {
        this.addSync(tx, messages, options);
        return Promise.resolve();
      } catch (e) {
        return Promise.reject(e);
      }
    }
    if (isPool(tx)) return Promise.reject(new Error('outbox: pass the client of your transaction, not a pool'));
    let rows: ReturnType<SqlOutbox['rows']>;
    try {
      rows = this.rows(messages, options);
    } catch (e) {
      return Promise.reject(e);
    }
    // Multi-row inserts of at most 1000 rows (7 parameters each stays far below PostgreSQL's 65535).
    return (async () => {
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        const tuples = chunk.map((_, j) => {
          const b = j * 7;
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}::jsonb, $${b + 7})`;
        });
        await tx.query(`INSERT INTO ${this.table} ${COLUMNS} VALUES ${tuples.join(', ')}`, chunk.flat());
      }
    })();
  }

  /**
   * SQLite: insert messages into the outbox now, in the transaction the database is in, throwing on
   * failure, so that `db.transaction(() => { ...; outbox.addSync(db, message, options) })()` rolls the
   * business change back with it.
   */
  addSync(db: SqliteLike, messages: OutgoingMessage | OutgoingMessage[], options: PublishOptions): void {
    const rows = this.rows(messages, options);
    if (rows.length === 0) return;
    const insert = db.prepare(`INSERT INTO ${this.table} ${COLUMNS} VALUES (?, ?, ?, ?, ?, ?, ?)`);
    for (const r of rows) insert.run(...r);
  }

  private rows(messages: OutgoingMessage | OutgoingMessage[], options: PublishOptions) {
    return (Array.isArray(messages) ? messages : [messages]).map((m) => {
      const id = m.headers.messageId;
      if (!id) throw new Error(`outbox: message to ${m.address} has no messageId header`);
      const body = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
      return [id, m.address, m.key ?? null, this.typeOf(m), body, JSON.stringify(m.headers), options.mode] as const;
    });
  }

  /**
   * A transport whose `publish` writes to the outbox in `tx`: hand it to a generated client to make its
   * `send` part of the caller's transaction. It cannot subscribe. On SQLite it also has `publishSync`, so
   * the client's send methods insert before they return and throw on failure (validation or insert),
   * inside `db.transaction(fn)` as well.
   */
  transport(tx: PgQueryable | SqliteLike): Transport {
    const transport: Transport = {
      publish: (message, options) => this.add(tx, message, options),
      subscribe: (): Promise<Subscription> => Promise.reject(new Error('the outbox transport only publishes; subscribe through a broker transport')),
      close: () => Promise.resolve(),
    };
    if (isSqlite(tx)) transport.publishSync = (message, options) => this.addSync(tx, message, options);
    return transport;
  }

  /** Delete rows sent more than `olderThanMs` ago; returns how many. */
  async prune(db: Database, olderThanMs: number): Promise<number> {
    if (isSqlite(db)) {
      const cutoff = new Date(Date.now() - olderThanMs).toISOString();
      return db.prepare(`DELETE FROM ${this.table} WHERE sent_at IS NOT NULL AND sent_at < ?`).run(cutoff).changes;
    }
    const r = await db.query(`DELETE FROM ${this.table} WHERE sent_at IS NOT NULL AND sent_at < now() - ($1 || ' milliseconds')::interval`, [String(olderThanMs)]);
    return r.rowCount ?? 0;
  }
}

/** A row of the outbox table as a message. */
export function rowToMessage(r: Record<string, unknown>): OutboxRow {
  const headers = (typeof r.headers === 'string' ? JSON.parse(r.headers) : r.headers) as Record<string, string>;
  const payload = r.payload as Buffer;
  const message: OutgoingMessage = { address: r.aggregatetype as string, headers, body: new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength) };
  if (r.aggregateid !== null && r.aggregateid !== undefined) message.key = r.aggregateid as string;
  return { seq: Number(r.seq), message, mode: r.mode as ChannelMode };
}
