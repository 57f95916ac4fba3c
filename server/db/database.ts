/**
 * The connection pool and the Kysely instance. One per process; every query module takes `db` first.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { databaseUnreachable } from '../errors.ts';
import type { DB } from './schema.ts';

// Return bigint and numeric columns as JS numbers: sizes and durations fit comfortably.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

/** Hides the password when a URL must be shown to a person. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Opens a pool and checks that the server answers; throws a one-line `database_unreachable` error if not. */
export async function openDatabase(url: string, options: { max?: number } = {}): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // A client whose server went away (a Postgres restart) must not crash the process: the pool
  // drops it and the next query reconnects. graphile-worker checks that these handlers exist.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => {});
    const raw = cause instanceof Error ? cause.message : String(cause);
    const reason = /password must be a string|password authentication failed/.test(raw)
      ? `${raw}; the server wants a password: put it in DATABASE_URL (postgres://user:password@host/db)`
      : raw;
    throw databaseUnreachable(
      `Cannot reach the database at ${redactUrl(url)} (${reason}): check DATABASE_URL, or unset it to use the embedded Postgres.`,
      cause,
    );
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
