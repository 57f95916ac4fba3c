import type { Task } from 'graphile-worker';
import { planEpisode } from '../../commands/episode-planner.ts';
import type { Services } from '../../commands/services.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `plan_episode`: runs the episode's planner and stores the plan. */
export const planEpisodeTask =
  (services: Services): Task =>
  async (payload) => {
    const { episodeId } = parseJobPayload('plan_episode', payload);
    await planEpisode(services, episodeId);
  };
