/**
 * What an export of the cut reads beyond the plan and the current takes: the newest finished
 * compile (its order and joins are the MP4's) and the notes pinned to the exported takes.
 */
import type { Database } from '../database.ts';
import type { CompilationJob, TakeNote } from '../schema.ts';

/** The newest completed compile of an episode, if any. */
export async function latestCompletedCompilation(db: Database, episodeId: string): Promise<CompilationJob | undefined> {
  return db
    .selectFrom('segment_compilation_jobs')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'completed')
    .orderBy('completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The first note of every thread (not deleted) made on one of `segmentIds`, oldest first. */
export async function listThreadNotesOfTakes(db: Database, segmentIds: readonly string[]): Promise<TakeNote[]> {
  if (segmentIds.length === 0) return [];
  return db
    .selectFrom('take_notes')
    .selectAll()
    .where('segment_id', 'in', segmentIds)
    .where('parent_id', 'is', null)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
