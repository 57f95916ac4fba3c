/**
 * Enqueues graphile-worker jobs with SQL, so that a job is added in the same transaction as the
 * rows it works on: either both are committed or neither.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import { type JobPayload, parseJobPayload, type TaskName } from '../job-payloads.ts';

export type { TaskName };

export interface AddJobOptions {
  /** Replaces a pending job with the same key instead of adding a second one. */
  jobKey?: string;
  /** With `jobKey`: `preserve_run_at` keeps a pending job's time (the default `replace` moves it). */
  jobKeyMode?: 'replace' | 'preserve_run_at';
  maxAttempts?: number;
  /** Jobs in one named queue run one at a time, in order. */
  queueName?: string;
  priority?: number;
  /** Not before this time (retries with backoff). */
  runAt?: Date;
}

/** Adds a job; returns its id. `db` may be a transaction. The payload is checked against its task's schema first. */
export async function addJob<T extends TaskName>(
  db: Database,
  task: T,
  payload: JobPayload<T>,
  options: AddJobOptions = {},
): Promise<string> {
  parseJobPayload(task, payload);
  const result = await sql<{ id: string }>`
    SELECT (graphile_worker.add_job(
      identifier := ${task},
      payload := ${JSON.stringify(payload)}::json,
      queue_name := ${options.queueName ?? null},
      run_at := ${options.runAt ?? null}::timestamptz,
      max_attempts := ${options.maxAttempts ?? 5},
      job_key := ${options.jobKey ?? null},
      job_key_mode := ${options.jobKeyMode ?? null},
      priority := ${options.priority ?? 0}
    )).id::text AS id
  `.execute(db);
  const id = result.rows[0]?.id;
  if (!id) throw new Error(`graphile_worker.add_job returned no id for ${task}`);
  return id;
}

/**
 * Adds a job inside the caller's transaction without staking the transaction on it: the add runs
 * under a savepoint, and a failure is rolled back to it and returned, so that the caller's own
 * writes still commit. For jobs that only save time later (a failed add must not undo the work).
 */
export async function tryAddJob<T extends TaskName>(
  trx: Database,
  task: T,
  payload: JobPayload<T>,
  options: AddJobOptions = {},
): Promise<{ id: string; error?: undefined } | { id?: undefined; error: Error }> {
  if (!trx.isTransaction) throw new Error('tryAddJob needs a transaction (its savepoint lives in one).');
  await sql`SAVEPOINT try_add_job`.execute(trx);
  try {
    const id = await addJob(trx, task, payload, options);
    await sql`RELEASE SAVEPOINT try_add_job`.execute(trx);
    return { id };
  } catch (error) {
    // Without this the transaction is aborted and every later statement in it fails.
    await sql`ROLLBACK TO SAVEPOINT try_add_job`.execute(trx);
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Counts jobs of the given tasks that are waiting or running (for the health endpoint and tests). */
export async function countQueuedJobs(db: Database): Promise<number> {
  const result = await sql<{ count: string }>`
    SELECT count(*)::text AS count FROM graphile_worker.jobs
  `.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}

/**
 * Removes a job by its key unless a worker is running it (graphile-worker's remove_job); a running
 * job is left to finish, and whatever it does checks the row it works on first.
 */
export async function removeJob(db: Database, jobKey: string): Promise<void> {
  await sql`SELECT graphile_worker.remove_job(${jobKey})`.execute(db);
}
