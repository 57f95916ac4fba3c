/**
 * Removing an episode: what of it is being worked on right now, and the removal itself (every
 * row of the episode goes with it through ON DELETE CASCADE; audit events keep their details).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { DB } from '../schema.ts';

export interface EpisodeWork {
  /** Slot numbers whose take a worker is making. */
  generating: number[];
  /** Compiles a worker is running. */
  compiling: string[];
  /** Character pictures an image model is making. */
  painting: string[];
  /** Takes of the episode, every version counted. */
  takes: number;
}

/**
 * Locks the episode's takes, compiles and picture requests (so that no worker claims one before
 * the removal commits) and says which are under way. Call inside the removal's transaction.
 */
export async function lockEpisodeWork(trx: Transaction<DB>, episodeId: string): Promise<EpisodeWork> {
  const takes = await trx.selectFrom('video_segments').select(['segment_number', 'status']).where('episode_id', '=', episodeId).forUpdate().execute();
  const compiles = await trx.selectFrom('segment_compilation_jobs').select(['id', 'status']).where('episode_id', '=', episodeId).forUpdate().execute();
  const pictures = await trx.selectFrom('character_image_requests').select(['id', 'status']).where('episode_id', '=', episodeId).forUpdate().execute();
  return {
    generating: [...new Set(takes.filter((take) => take.status === 'generating').map((take) => take.segment_number))].sort((a, b) => a - b),
    compiling: compiles.filter((job) => job.status === 'running').map((job) => job.id),
    painting: pictures.filter((request) => request.status === 'running').map((request) => request.id),
    takes: takes.length,
  };
}

export async function deleteEpisodeRow(trx: Database, episodeId: string): Promise<boolean> {
  const result = await trx.deleteFrom('episodes').where('id', '=', episodeId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
