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

/** Compiles the account asked for that are queued or running. */
export async function countActiveCompiles(db: Database, userId: string): Promise<number> {
  const row = await db
    .selectFrom('segment_compilation_jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_by', '=', userId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Character picture requests the account made that are queued or running. */
export async function countActivePictureRequests(db: Database, userId: string): Promise<number> {
  const row = await db
    .selectFrom('character_image_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_by', '=', userId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Generation runs the account started that are still active. */
export async function countActiveRuns(db: Database, userId: string): Promise<number> {
  const row = await db
    .selectFrom('generation_runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_by', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
