/**
 * Creates an episode from an idea and queues its planning, in one transaction.
 */
import { insertEpisode } from '../db/queries/episode.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { upsertMember } from '../db/queries/member.queries.ts';
import type { Episode } from '../db/schema.ts';
import type { Actor, Services } from './services.ts';

export interface CreateEpisodeInput {
  idea: string;
  title?: string;
  style?: string;
  seed?: number;
  width?: number;
  height?: number;
  fps?: number;
  planner?: string;
  videoProvider?: string;
}

/** Stores the episode in `planning` and adds its `plan_episode` job. */
export async function createEpisodeFromIdea(services: Services, input: CreateEpisodeInput, actor: Actor): Promise<Episode> {
  const planner = input.planner ?? 'builtin';
  const videoProvider = input.videoProvider ?? 'builtin';
  // Unknown providers are refused before anything is written.
  services.providers.planner(planner);
  services.providers.video(videoProvider);
  return services.db.transaction().execute(async (trx) => {
    const episode = await insertEpisode(trx, {
      title: input.title ?? '',
      idea: input.idea,
      source_type: 'idea',
      style: input.style ?? 'animatic',
      seed: input.seed ?? 1,
      width: input.width ?? 1280,
      height: input.height ?? 720,
      fps: input.fps ?? 24,
      planner,
      video_provider: videoProvider,
      status: 'planning',
      error_message: null,
      created_by: actor.userId,
    });
    // Whoever creates an episode owns it.
    if (actor.userId) await upsertMember(trx, { episode_id: episode.id, user_id: actor.userId, role: 'owner', added_by: actor.userId });
    await addJob(trx, 'plan_episode', { episodeId: episode.id }, { jobKey: `plan:${episode.id}`, maxAttempts: 3 });
    return episode;
  });
}
