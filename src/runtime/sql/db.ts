/**
 * The two databases the SQL runtime speaks to, seen through the smallest shapes it needs, so that callers
 * pass their own `pg` pool or client, or their own `better-sqlite3` database, and nothing here imports the
 * libraries unless it has to open a connection itself (`openDatabase` with a URL or file name).
 */

/** A `pg` Client or PoolClient (or anything with the same `query`). */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** A `pg` Pool. */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
  end(): Promise<void>;
}

interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
}

/** A `better-sqlite3` Database. */
export interface SqliteLike {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  close(): unknown;
  readonly inTransaction: boolean;
}

export type Database = PgPoolLike | PgQueryable | SqliteLike;

export function isSqlite(db: unknown): db is SqliteLike {
  return typeof (db as SqliteLike)?.prepare === 'function' && typeof (db as SqliteLike)?.exec === 'function';
}

export function isPool(db: unknown): db is PgPoolLike {
  return typeof (db as PgPoolLike)?.connect === 'function' && typeof (db as PgPoolLike)?.end === 'function' && typeof (db as { totalCount?: number }).totalCount === 'number';
}

/** A table name as SQL: plain identifiers (optionally schema-qualified) only. */
export function tableName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(name)) throw new Error(`not a plain SQL table name: ${name}`);
  return name;
}

/**
 * Open a database from a string: `postgres://` / `postgresql://` URLs through a `pg` Pool, anything else as
 * a SQLite file through `better-sqlite3` (WAL mode, busy timeout 5 s).
 */
export async function openDatabase(location: string, options: { poolSize?: number } = {}): Promise<PgPoolLike | SqliteLike> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    let pg: typeof import('pg');
    try {
      const m = await import('pg');
      pg = ((m as unknown as { default?: typeof import('pg') }).default ?? m) as typeof import('pg');
    } catch (e) {
      throw new Error(`PostgreSQL needs the pg package: npm install pg (${(e as Error).message})`);
    }
    return new pg.Pool({ connectionString: location, max: options.poolSize ?? 10 }) as unknown as PgPoolLike;
  }
  let Sqlite: typeof import('better-sqlite3');
  try {
    const m = await import('better-sqlite3');
    Sqlite = ((m as { default?: typeof import('better-sqlite3') }).default ?? m) as typeof import('better-sqlite3');
  } catch (e) {
    throw new Error(`SQLite needs the better-sqlite3 package (version 12 on Node 20): npm install better-sqlite3@12 (${(e as Error).message})`);
  }
  const db = new Sqlite(location);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return db as unknown as SqliteLike;
}
