/**
 * `specgate/runtime/sql`: the transactional outbox, its polling relay and duplicate detection in the
 * service's own database. PostgreSQL through the optional peer dependency `pg`; SQLite through
 * `better-sqlite3` (version 12 on Node 20).
 */
export { SqlOutbox, type SqlOutboxOptions, type OutboxRow } from './outbox.js';
export { PollingRelay, type PollingRelayOptions, type RelayBatch } from './relay.js';
export { SqlDedupStore, type SqlDedupStoreOptions, type DedupTransaction } from './dedup.js';
export { openDatabase, type Database, type PgPoolLike, type PgQueryable, type SqliteLike } from './db.js';
