/**
 * Starts generating an episode's segments: one `generate_segment` job per pending slot.
 * (Sequential, review-gated runs come with the workflow engine; this queues every pending slot.)
 */
import { findEpisode, transitionEpisode } from '../db/queries/episode.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import { conflict, notFound } from '../errors.ts';
import type { Services } from './services.ts';

export interface StartGenerationInput {
  autoApprove: boolean;
}

export interface GenerationStarted {
  totalSegments: number;
  queued: number;
}

export async function startGeneration(
  services: Services,
  episodeId: string,
  input: StartGenerationInput,
): Promise<GenerationStarted> {
  return services.db.transaction().execute(async (trx) => {
    const episode = await findEpisode(trx, episodeId);
    if (!episode) throw notFound('Episode', episodeId);
    if (!['planned', 'generating', 'reviewing'].includes(episode.status)) {
      throw conflict(`Episode ${episodeId} is ${episode.status}; segments can be generated once it is planned.`, {
        status: episode.status,
      });
    }
    const segments = await listCurrentSegments(trx, episodeId);
    const pending = segments.filter((segment) => segment.status === 'pending');
    for (const segment of pending) {
      await addJob(
        trx,
        'generate_segment',
        { segmentId: segment.id, autoApprove: input.autoApprove },
        { jobKey: `generate:${segment.id}`, maxAttempts: 4 },
      );
    }
    await transitionEpisode(trx, episodeId, 'generating', undefined);
    return { totalSegments: segments.length, queued: pending.length };
  });
}
