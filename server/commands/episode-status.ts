/**
 * Derives an episode's coarse status from its segments after a generation finishes, so that the
 * episode list shows "reviewing" once nothing is left generating.
 */
import { transitionEpisode } from '../db/queries/episode.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import type { Database } from '../db/database.ts';

export async function refreshEpisodeStatus(db: Database, episodeId: string): Promise<void> {
  const segments = await listCurrentSegments(db, episodeId);
  // Shots waiting for a run to reach them (a batch waiting for review, a paused run) are not being made.
  const busy = segments.some((segment) => segment.status === 'generating' || (segment.status === 'pending' && segment.queued_at !== null));
  if (!busy) await transitionEpisode(db, episodeId, 'reviewing', ['generating']);
}
