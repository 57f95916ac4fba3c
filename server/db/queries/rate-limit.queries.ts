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

export async function deleteCountersBefore(db: Database, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit_counters').where('window_start', '<', before).execute();
}

export async function readCounter(db: Database, key: string, windowStart: Date): Promise<number> {
  const row = await db.selectFrom('rate_limit_counters').select('count').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
  return row?.count ?? 0;
}
