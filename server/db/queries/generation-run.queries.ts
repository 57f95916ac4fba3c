/**
 * Generation runs: one active per episode (a partial unique index enforces it).
 */
import type { Database } from '../database.ts';
import type { GenerationMode, GenerationRun } from '../schema.ts';

export async function insertRun(
  db: Database,
  values: {
    episode_id: string;
    mode: GenerationMode;
    batch_size: number;
    start_from: number;
    auto_approve: boolean;
    total_segments: number;
    created_by: string | null;
    cost_cap_usd: number | null;
    shot_ids?: string[] | null;
  },
): Promise<GenerationRun | undefined> {
  // A racing second start hits the unique index: no row, and the caller reports the conflict.
  return db
    .insertInto('generation_runs')
    .values(values)
    .onConflict((oc) => oc.column('episode_id').where('status', '=', 'active').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findActiveRun(db: Database, episodeId: string): Promise<GenerationRun | undefined> {
  return db.selectFrom('generation_runs').selectAll().where('episode_id', '=', episodeId).where('status', '=', 'active').executeTakeFirst();
}

export async function findRun(db: Database, id: string): Promise<GenerationRun | undefined> {
  return db.selectFrom('generation_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function finishRun(db: Database, id: string, status: 'completed' | 'cancelled'): Promise<void> {
  await db
    .updateTable('generation_runs')
    .set({ status, completed_at: new Date() })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .execute();
}

/** Pauses an active run; undefined when it is not active or already paused. */
export async function pauseRunRow(db: Database, id: string, reason: string, by: string | null): Promise<GenerationRun | undefined> {
  return db
    .updateTable('generation_runs')
    .set({ paused_at: new Date(), pause_reason: reason.slice(0, 500), paused_by: by })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('paused_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function resumeRunRow(db: Database, id: string): Promise<GenerationRun | undefined> {
  return db
    .updateTable('generation_runs')
    .set({ paused_at: null, pause_reason: null, paused_by: null })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();
}

export async function setQueueOrder(db: Database, id: string, order: number[]): Promise<void> {
  await db.updateTable('generation_runs').set({ queue_order: order }).where('id', '=', id).execute();
}

export async function setRunCap(db: Database, id: string, capUsd: number | null): Promise<void> {
  await db.updateTable('generation_runs').set({ cost_cap_usd: capUsd }).where('id', '=', id).execute();
}

/** What the takes a run queued have cost so far, every version counted. */
export async function runSpend(db: Database, runId: string): Promise<number> {
  const row = await db
    .selectFrom('video_segments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cost_usd'), eb.lit(0)).as('spent'))
    .where('generation_run_id', '=', runId)
    .executeTakeFirstOrThrow();
  return Number(row.spent);
}
