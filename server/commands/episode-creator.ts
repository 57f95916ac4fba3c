/**
 * Creates an episode from one of three sources, in one transaction:
 * - an idea: stored in `planning`, with a `plan_episode` job for its planner;
 * - a Fountain screenplay: the same, the planner reading the screenplay;
 * - a ready shot list (JSON): planned at once, no job.
 * Whoever creates an episode owns it.
 */
import { z } from 'zod';
import { characterSheet, shotListItem, type CharacterSheetInput, type ShotListItem } from '../../src/lib/api/episodes.schema.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { insertEpisode, transitionEpisode } from '../db/queries/episode.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { upsertMember } from '../db/queries/member.queries.ts';
import { insertPlanRows } from '../db/queries/plan.queries.ts';
import type { Episode } from '../db/schema.ts';
import { AppError, validationError } from '../errors.ts';
import { type AskedOutput, describeOutputRange, MIN_SIDE, outputRangeOf, withinOutputRange } from '../providers/output-range.ts';
import type { VideoProvider } from '../providers/video.types.ts';
import type { Actor, Services } from './services.ts';
import { screenplayProblem } from '../providers/builtin/planner/screenplay-plan.builder.ts';
import { assertShotCap } from './shot-cap.ts';
import { planFromShotList } from './shot-list.plan.ts';

export interface EpisodeSettings {
  title?: string;
  style?: string;
  seed?: number;
  width?: number;
  height?: number;
  fps?: number;
  planner?: string;
  videoProvider?: string;
}

export type EpisodeSource =
  | { idea: string }
  | { screenplay: string }
  | { shots: z.input<typeof shotListItem>[]; characters?: z.input<typeof characterSheet>[] };

export type CreateEpisodeInput = EpisodeSettings & EpisodeSource;

export async function createEpisode(services: Services, input: CreateEpisodeInput, actor: Actor): Promise<Episode> {
  const planner = input.planner ?? 'builtin';
  const videoProvider = input.videoProvider ?? 'builtin';
  // Unknown providers, and sizes or rates the provider cannot make, are refused before anything is written.
  services.providers.planner(planner);
  const output = { width: input.width ?? 1280, height: input.height ?? 720, fps: input.fps ?? 24 };
  assertProviderMakes(services.providers.video(videoProvider), output);
  const fromShots = 'shots' in input;
  if (fromShots) assertShotCap(services, input.shots.length, 'shot list');
  // A text with no scene and no speech is no screenplay whichever planner reads it: refused now, nothing stored.
  const unreadable = 'screenplay' in input ? screenplayProblem(input.screenplay) : undefined;
  if (unreadable) throw validationError(unreadable, [{ path: 'screenplay', message: unreadable }]);
  return services.db.transaction().execute(async (trx) => {
    let episode = await insertEpisode(trx, {
      title: input.title ?? '',
      idea: 'idea' in input ? input.idea : null,
      screenplay: 'screenplay' in input ? input.screenplay : null,
      source_type: 'idea' in input ? 'idea' : 'screenplay' in input ? 'screenplay' : 'shots',
      style: input.style ?? 'animatic',
      seed: input.seed ?? 1,
      width: output.width,
      height: output.height,
      fps: output.fps,
      planner,
      video_provider: videoProvider,
      status: 'planning',
      error_message: null,
      created_by: actor.userId,
    });
    if (actor.userId) await upsertMember(trx, { episode_id: episode.id, user_id: actor.userId, role: 'owner', added_by: actor.userId, joined_via: 'created' });
    if (fromShots) {
      const title = input.title || 'Untitled shot list';
      // Defaults filled in here too, for callers other than the API (which validated already).
      const shots: ShotListItem[] = z.array(shotListItem).parse(input.shots);
      const sheet: CharacterSheetInput[] = z.array(characterSheet).parse(input.characters ?? []);
      await insertPlanRows(trx, episode.id, planFromShotList(shots, sheet, title), {
        seed: episode.seed,
        style: episode.style,
        provider: videoProvider,
      });
      episode = (await transitionEpisode(trx, episode.id, 'planned', ['planning'], { title })) ?? episode;
    } else {
      await addJob(trx, 'plan_episode', { episodeId: episode.id }, { jobKey: `plan:${episode.id}`, maxAttempts: 3 });
    }
    await auditEpisodeAction(trx, actor, episode.id, 'episode.created', { source: episode.source_type });
    return episode;
  });
}

/** 422 `output_out_of_range` naming what the provider makes, when it cannot make takes of this size and rate. */
function assertProviderMakes(provider: VideoProvider, asked: AskedOutput): void {
  const range = outputRangeOf(provider);
  if (withinOutputRange(range, asked)) return;
  throw new AppError(
    'output_out_of_range',
    `The video provider "${provider.id}" makes takes ${describeOutputRange(range)}, and this episode asks for ${asked.width}×${asked.height} at ${asked.fps} fps: choose a size and frame rate within that range.`,
    {
      status: 422,
      details: { provider: provider.id, allowed: { max_long_side: range.maxLongSide, max_short_side: range.maxShortSide, min_side: MIN_SIDE, max_fps: range.maxFps }, asked },
    },
  );
}

/** Shorthand for the commonest case. */
export function createEpisodeFromIdea(services: Services, input: EpisodeSettings & { idea: string }, actor: Actor): Promise<Episode> {
  return createEpisode(services, input, actor);
}
