import type { Task } from 'graphile-worker';
import { z } from 'zod';
import type { Services } from '../../commands/services.ts';
import { prerenderEpisodeTransitions } from '../../commands/transition-prerender.ts';

const payloadSchema = z.object({ episodeId: z.uuid() });

/** `prerender_transitions`: renders the windows between neighbouring approved takes ahead of the compile. */
export const prerenderTransitionsTask =
  (services: Services): Task =>
  async (payload, helpers) => {
    const { episodeId } = payloadSchema.parse(payload);
    const outcome = await prerenderEpisodeTransitions(services, episodeId, helpers.abortSignal);
    if (outcome.rendered > 0) services.log.info(`Episode ${episodeId}: ${outcome.rendered} transition(s) rendered ahead of the compile`);
  };
