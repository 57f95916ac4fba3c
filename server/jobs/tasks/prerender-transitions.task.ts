import type { Task } from 'graphile-worker';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';
import { prerenderEpisodeTransitions } from '../../commands/transition-prerender.ts';

/** `prerender_transitions`: renders the windows between neighbouring approved takes ahead of the compile. */
export const prerenderTransitionsTask =
  (services: Services): Task =>
  async (payload, helpers) => {
    const { episodeId } = parseJobPayload('prerender_transitions', payload);
    const outcome = await prerenderEpisodeTransitions(services, episodeId, helpers.abortSignal);
    if (outcome.rendered > 0) services.log.info(`Episode ${episodeId}: ${outcome.rendered} transition(s) rendered ahead of the compile`);
  };
