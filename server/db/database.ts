/**
 * The connection pool and the Kysely instance; every query module takes `db` first. A server
 * process opens two: one for requests and one for its job worker, so that a busy worker never
 * starves the pages, nor a crowd of pages the worker. A request pool queues a bounded number of
 * callers for a connection; past that bound a caller is refused at once (`pool_saturated`, which
 * the API answers 503 with Retry-After) rather than queued without end.
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

/** Thrown when a pool's queue of callers waiting for a connection is full. */
export class PoolSaturatedError extends Error {
  readonly code = 'pool_saturated';
  constructor(waiting: number) {
    super(`All database connections are busy and ${waiting} callers already wait for one`);
    this.name = 'PoolSaturatedError';
  }
}

/** A pool that refuses a caller at once when `maxWaiting` callers already wait for a connection. */
class BoundedPool extends pg.Pool {
  private readonly maxWaiting: number;

  constructor(config: pg.PoolConfig, maxWaiting: number) {
    super(config);
    this.maxWaiting = maxWaiting;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    const full = this.idleCount === 0 && this.totalCount >= (this.options.max ?? 10) && this.waitingCount >= this.maxWaiting;
    if (full) {
      const error = new PoolSaturatedError(this.waitingCount);
      if (callback) return callback(error, undefined, () => {});
      return Promise.reject(error);
    }
    return callback ? super.connect(callback) : super.connect();
  }
}

export interface PoolOptions {
  /** Connections at most (10). */
  max?: number;
  /** Callers that may wait for a connection before more are refused (unbounded when unset). */
  maxWaiting?: number;
}

/** Opens a pool and checks that the server answers; throws a one-line `database_unreachable` error if not. */
export async function openDatabase(url: string, options: PoolOptions = {}): Promise<DatabaseHandle> {
  const config: pg.PoolConfig = { connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000 };
  const pool = options.maxWaiting === undefined ? new pg.Pool(config) : new BoundedPool(config, options.maxWaiting);
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
