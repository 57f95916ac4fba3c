/**
 * Fixed-window request counters in Postgres, so that limits hold across server processes.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';

/** Counts one hit for `key` in the window starting at `windowStart`; returns the count so far. */
export async function hitCounter(db: Database, key: string, windowStart: Date): Promise<number> {
  const row = await sql<{ count: number }>`
    INSERT INTO rate_limit_counters (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
    RETURNING count
  `.execute(db);
  return row.rows[0]?.count ?? 1;
}

/**
 * Takes one of the window's `max` places for `key` in a single statement: the count goes up only
 * while it is below `max`, so concurrent callers can never take more than `max` places between
 * them. Returns the new count, or undefined when every place is taken. The row stays locked until
 * the caller's transaction ends.
 */
export async function reserveCounter(db: Database, key: string, windowStart: Date, max: number): Promise<number | undefined> {
  const row = await sql<{ count: number }>`
    INSERT INTO rate_limit_counters (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
      WHERE rate_limit_counters.count < ${max}
    RETURNING count
  `.execute(db);
  return row.rows[0]?.count;
}

/** Gives back one place taken with `reserveCounter` (never below zero). */
export async function refundCounter(db: Database, key: string, windowStart: Date): Promise<void> {
  await sql`
    UPDATE rate_limit_counters SET count = count - 1
    WHERE key = ${key} AND window_start = ${windowStart} AND count > 0
  `.execute(db);
}

export async function deleteCountersBefore(db: Database, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit_counters').where('window_start', '<', before).execute();
}
