import type { Task } from 'graphile-worker';
import { z } from 'zod';
import { planEpisode } from '../../commands/episode-planner.ts';
import type { Services } from '../../commands/services.ts';

const payloadSchema = z.object({ episodeId: z.uuid() });

/** `plan_episode`: runs the episode's planner and stores the plan. */
export const planEpisodeTask =
  (services: Services): Task =>
  async (payload) => {
    const { episodeId } = payloadSchema.parse(payload);
    await planEpisode(services, episodeId);
  };
