/**
 * What one account has going: the counts its quotas are checked against, and the lock that makes
 * a count and the insert after it one step.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { DB } from '../schema.ts';

/**
 * Serialises the starts of work by one account until the transaction ends: a second start waits
 * here, then counts the first one's row. Take it after any episode lock (never before), so that
 * locks are always taken in the same order.
 */
export async function lockAccountWork(trx: Transaction<DB>, userId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`account-work:${userId}`}, 0))`.execute(trx);
}

/**
 * Rows of one kind of work the account started that are still in one of `statuses`. Every quota
 * counts this way; only the table and what "still going" means for it differ.
 */
async function countOwnWork(
  db: Database,
  table: 'segment_compilation_jobs' | 'character_image_requests' | 'generation_runs',
  userId: string,
  statuses: Array<'queued' | 'running' | 'active'>,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_by', '=', userId)
    .where('status', 'in', statuses)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Compiles the account asked for that are queued or running. */
export async function countActiveCompiles(db: Database, userId: string): Promise<number> {
  return countOwnWork(db, 'segment_compilation_jobs', userId, ['queued', 'running']);
}

/** Character picture requests the account made that are queued or running. */
export async function countActivePictureRequests(db: Database, userId: string): Promise<number> {
  return countOwnWork(db, 'character_image_requests', userId, ['queued', 'running']);
}

/** Generation runs the account started that are still active. */
export async function countActiveRuns(db: Database, userId: string): Promise<number> {
  return countOwnWork(db, 'generation_runs', userId, ['active']);
}
