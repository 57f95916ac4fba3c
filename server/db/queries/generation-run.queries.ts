/**
 * Generation runs: one active per episode (a partial unique index enforces it).
 */
import type { Database } from '../database.ts';
import type { GenerationMode, GenerationRun } from '../schema.ts';

export async function insertRun(
  db: Database,
  values: { episode_id: string; mode: GenerationMode; batch_size: number; start_from: number; auto_approve: boolean; total_segments: number; created_by: string | null },
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
