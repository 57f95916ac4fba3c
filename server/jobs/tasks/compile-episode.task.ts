import type { Task } from 'graphile-worker';
import { compileEpisode } from '../../commands/episode-compiler.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `compile_episode`: joins the approved segments into the final video. */
export const compileEpisodeTask =
  (services: Services): Task =>
  async (payload, helpers) => {
    const { compilationJobId } = parseJobPayload('compile_episode', payload);
    await compileEpisode(services, compilationJobId, {
      number: helpers.job.attempts,
      max: helpers.job.max_attempts,
      signal: helpers.abortSignal,
    });
  };
