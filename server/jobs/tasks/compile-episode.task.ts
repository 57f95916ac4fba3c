import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { compileEpisode } from '../../commands/episode-compiler.ts';
import type { Services } from '../../commands/services.ts';

const payloadSchema = z.object({ compilationJobId: z.uuid() });

/** `compile_episode`: joins the approved segments into the final video. */
export const compileEpisodeTask =
  (services: Services): Task =>
  async (payload, helpers) => {
    const { compilationJobId } = payloadSchema.parse(payload);
    await compileEpisode(services, compilationJobId, {
      number: helpers.job.attempts,
      max: helpers.job.max_attempts,
      signal: helpers.abortSignal,
    });
  };
