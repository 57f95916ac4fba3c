/**
 * What graphile-worker still has to do, read from its own tables: the signal a test waits on before
 * it says that something did not happen (no job left that could still make it happen).
 */
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import { eventually } from './server-process.ts';

/** Jobs waiting or running, of the given tasks (all tasks when none are named). */
export async function jobsQueued(db: Database, tasks: string[] = []): Promise<number> {
  const filter = tasks.length > 0 ? sql`WHERE task_identifier IN (${sql.join(tasks)})` : sql``;
  const result = await sql<{ count: string }>`SELECT count(*)::text AS count FROM graphile_worker.jobs ${filter}`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

/**
 * Resolves once the worker has run every job of the given tasks (all tasks when none are named),
 * including jobs scheduled for later. A job that keeps failing keeps this waiting until it times out.
 */
export async function jobsDone(db: Database, tasks: string[] = [], timeoutMs = 60_000): Promise<void> {
  await eventually(async () => (await jobsQueued(db, tasks)) === 0, timeoutMs, `the worker to finish every ${tasks.join(', ') || ''} job`);
}

/**
 * How long, by the database's clock, the newest lock on a job of `task` has been held (undefined
 * when none is locked): what the heartbeat reaper compares with its grace period.
 */
export async function jobLockSeconds(db: Database, task: string): Promise<number | undefined> {
  const result = await sql<{ age: number | null }>`
    SELECT extract(epoch FROM now() - max(locked_at))::float8 AS age FROM graphile_worker.jobs
    WHERE task_identifier = ${task} AND locked_by IS NOT NULL
  `.execute(db);
  return result.rows[0]?.age ?? undefined;
}
