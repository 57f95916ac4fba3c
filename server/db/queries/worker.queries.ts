/**
 * Worker heartbeats, and the job locks of workers that stopped beating.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';

export async function upsertHeartbeat(
  db: Database,
  values: { process_id: string; hostname: string; pid: number; worker_ids: string[] },
): Promise<void> {
  await db
    .insertInto('worker_heartbeats')
    .values(values)
    .onConflict((oc) => oc.column('process_id').doUpdateSet({ worker_ids: values.worker_ids, last_seen_at: sql`now()` }))
    .execute();
}

export async function deleteHeartbeat(db: Database, processId: string): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('process_id', '=', processId).execute();
}

/**
 * Worker ids holding job (or queue) locks older than `graceSeconds` that no live process claims:
 * their process died (kill -9, power loss) and graphile-worker would keep the lock for hours.
 */
export async function findOrphanedWorkerIds(db: Database, staleSeconds: number, graceSeconds: number): Promise<string[]> {
  const result = await sql<{ locked_by: string }>`
    SELECT DISTINCT locked_by FROM (
      SELECT locked_by, locked_at FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL
      UNION ALL
      SELECT locked_by, locked_at FROM graphile_worker._private_job_queues WHERE locked_by IS NOT NULL
    ) AS locks
    WHERE locked_at < now() - make_interval(secs => ${graceSeconds})
      AND NOT EXISTS (
        SELECT 1 FROM worker_heartbeats h
        WHERE h.last_seen_at > now() - make_interval(secs => ${staleSeconds})
          AND locks.locked_by = ANY (h.worker_ids)
      )
  `.execute(db);
  return result.rows.map((row) => row.locked_by);
}

export async function deleteStaleHeartbeats(db: Database, olderThanSeconds: number): Promise<void> {
  await db.deleteFrom('worker_heartbeats').where('last_seen_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`).execute();
}

/**
 * Releases jobs locked in the name of this process's own pools that none of its workers is
 * running: graphile-worker loses a job's completion when the database is unreachable at that
 * moment (a Postgres restart), and the job would otherwise stay locked for hours. Its job queue
 * is unlocked with it.
 */
export async function releaseStrandedJobs(db: Database, poolIds: string[], runningJobIds: string[], graceSeconds: number): Promise<string[]> {
  if (poolIds.length === 0) return [];
  const result = await sql<{ id: string }>`
    WITH stranded AS (
      UPDATE graphile_worker._private_jobs
      SET locked_at = NULL, locked_by = NULL
      WHERE locked_by = ANY (${poolIds}::text[])
        AND locked_at < now() - make_interval(secs => ${graceSeconds})
        AND NOT (id = ANY (${runningJobIds}::bigint[]))
      RETURNING id, job_queue_id
    ), queues AS (
      UPDATE graphile_worker._private_job_queues q
      SET locked_at = NULL, locked_by = NULL
      FROM stranded
      WHERE q.id = stranded.job_queue_id AND q.locked_by = ANY (${poolIds}::text[])
      RETURNING q.id
    )
    SELECT id::text FROM stranded
  `.execute(db);
  return result.rows.map((row) => row.id);
}
