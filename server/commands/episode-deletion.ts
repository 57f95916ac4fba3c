/**
 * Deleting an episode, for its owners: every row of it (takes, reviews, runs, compiles, members,
 * share links, live history) and every file (takes, posters, sprites, uploads, the final video).
 * Work a worker is doing right now is not cut off half-way, where it would write files for rows
 * that are gone: the deletion is refused (409) until it ends. Queued work goes with the rows; its
 * jobs find nothing and end. The audit event outlives the episode and names it.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { deleteEpisodeRow, lockEpisodeWork } from '../db/queries/episode-deletion.queries.ts';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { conflict, notFound } from '../errors.ts';
import { episodeCaptionsKey, episodeOutputKey } from './episode-compiler.ts';
import type { Actor, Services } from './services.ts';

export interface DeletedEpisode {
  id: string;
  title: string;
  /** Takes removed, every version counted. */
  takes: number;
  /** False when some files could not be removed (logged; nothing can reach them any more). */
  files_removed: boolean;
}

export async function deleteEpisode(services: Services, episodeId: string, actor: Actor): Promise<DeletedEpisode> {
  const deleted = await withEpisodeLock(services.db, episodeId, async (trx) => {
    const episode = await findEpisode(trx, episodeId);
    if (!episode) throw notFound('Episode', episodeId);
    if (episode.status === 'planning') {
      throw conflict('This episode is being planned; delete it once planning has finished (a few seconds to a minute).', { status: episode.status });
    }
    const work = await lockEpisodeWork(trx, episodeId);
    const busy = [
      work.generating.length > 0 ? `shot${work.generating.length > 1 ? 's' : ''} ${work.generating.join(', ')} being generated` : '',
      work.compiling.length > 0 ? 'a compile running' : '',
      work.painting.length > 0 ? 'a character picture being made' : '',
    ].filter(Boolean);
    if (busy.length > 0) {
      // Only takes being generated belong to a run that can be cancelled; the rest can only be waited for.
      const cancel = work.generating.length > 0 ? 'Cancel the generation run, wait' : 'Wait';
      throw conflict(`Work on this episode is under way (${busy.join('; ')}). ${cancel} for that work to finish, then delete the episode.`, {
        generating_slots: work.generating,
        running_compilations: work.compiling,
        running_picture_requests: work.painting,
      });
    }
    // Set to null with the episode; the details keep which one it was.
    await auditEpisodeAction(trx, actor, episodeId, 'episode.deleted', {
      episode_id: episodeId,
      title: episode.title,
      takes: work.takes,
      created_at: episode.created_at.toISOString(),
    });
    if (!(await deleteEpisodeRow(trx, episodeId))) throw notFound('Episode', episodeId);
    return { id: episodeId, title: episode.title, takes: work.takes };
  });
  return { ...deleted, files_removed: await removeEpisodeFiles(services, episodeId) };
}

/** Removes the episode's stored files and their local copies; after the rows, so no row ever points at a missing file. */
async function removeEpisodeFiles(services: Services, episodeId: string): Promise<boolean> {
  const cache = join(services.scratchDir, '..', 'cache', 'media');
  const steps: [string, () => Promise<void>][] = [
    [`segments/${episodeId}`, () => services.storage.deleteFolder(`segments/${episodeId}`)],
    [`uploads/${episodeId}`, () => services.storage.deleteFolder(`uploads/${episodeId}`)],
    [episodeOutputKey(episodeId), () => services.storage.delete(episodeOutputKey(episodeId))],
    [episodeCaptionsKey(episodeId), () => services.storage.delete(episodeCaptionsKey(episodeId))],
    // Downloaded copies of its takes and uploads (S3), kept for compiles.
    ['the compile cache', async () => {
      await rm(join(cache, 'segments', episodeId), { recursive: true, force: true });
      await rm(join(cache, 'uploads', episodeId), { recursive: true, force: true });
    }],
  ];
  let removed = true;
  for (const [what, step] of steps) {
    try {
      await step();
    } catch (error) {
      removed = false;
      services.log.warn(`Deleted episode ${episodeId}: its files under ${what} could not be removed (${(error as Error).message}); remove them by hand.`);
    }
  }
  return removed;
}
