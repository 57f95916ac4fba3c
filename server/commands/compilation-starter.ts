/**
 * Queues the compile of an episode's approved segments. Refuses (409) while any slot in the
 * requested order lacks an approved current version, naming those slots.
 */
import { findAsset } from '../db/queries/asset.queries.ts';
import { insertCompilation } from '../db/queries/compilation.queries.ts';
import { findEpisode, transitionEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { listCurrentSegments } from '../db/queries/segment.queries.ts';
import type { CompilationJob } from '../db/schema.ts';
import type { Transition } from '../../src/lib/domain/enums.ts';
import { conflict, notFound, validationError } from '../errors.ts';
import { assertAccountQuota } from './account-quotas.ts';
import { joinsFrom, shotTransitionOf } from './compile-joins.ts';
import type { Actor, Services } from './services.ts';

export type TransitionStyle = Transition;

export interface StartCompilationInput {
  segmentIds?: string[];
  transitionStyle: TransitionStyle;
  transitionDuration: number;
  audioConfig?: Record<string, unknown>;
}

/**
 * Seconds the compiled video will last: the segments, less each join's transition (a shot's own
 * transition in where it has one, the compile's elsewhere; nothing for a cut).
 */
function estimatedDuration(durations: number[], joins: ReturnType<typeof joinsFrom>, transitionStyle: TransitionStyle, transitionDuration: number): number {
  const compileOverlap = transitionStyle === 'cut' ? 0 : transitionDuration;
  const overlaps = joins.map((join) => (join ? (join.transition === 'cut' ? 0 : (join.durationSeconds ?? 0)) : compileOverlap));
  return Math.max(0, durations.reduce((sum, d) => sum + d, 0) - overlaps.reduce((sum, overlap) => sum + overlap, 0));
}

export async function startCompilation(
  services: Services,
  episodeId: string,
  input: StartCompilationInput,
  actor: Actor,
): Promise<CompilationJob & { estimated_duration: number }> {
  // Locks the episode first (like every workflow write), then the account's quota.
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    await assertAccountQuota(services, trx, 'compiles', actor);
    const episode = await findEpisode(trx, episodeId);
    if (!episode) throw notFound('Episode', episodeId);
    const current = await listCurrentSegments(trx, episodeId);
    const byId = new Map(current.map((segment) => [segment.id, segment]));
    const ordered = input.segmentIds ? input.segmentIds.map((id) => byId.get(id)) : current;
    const unknown = input.segmentIds?.filter((id) => !byId.has(id)) ?? [];
    if (unknown.length > 0) {
      throw validationError('Some segment ids are not current segments of this episode.', { segment_ids: unknown });
    }
    if (ordered.length === 0) throw conflict('This episode has no segments to compile yet.');
    if (new Set(input.segmentIds ?? []).size !== (input.segmentIds ?? []).length) {
      throw validationError('A segment may appear only once in a compile.', { segment_ids: input.segmentIds });
    }
    const unapproved = ordered.filter((segment) => segment && segment.approval_status !== 'approved');
    if (unapproved.length > 0) {
      throw conflict('Every segment in the compile must be approved first.', {
        unapproved: unapproved.map((segment) => ({
          segment_id: segment?.id,
          segment_number: segment?.segment_number,
          status: segment?.status,
          approval_status: segment?.approval_status,
        })),
      });
    }
    const musicAsset = (input.audioConfig as { music_asset_id?: string } | undefined)?.music_asset_id;
    if (musicAsset) {
      const asset = await findAsset(trx, musicAsset);
      if (!asset || asset.episode_id !== episodeId || asset.kind !== 'music') {
        throw validationError('That music asset is not one of this episode’s uploads.', [{ path: 'audio_config.music_asset_id', message: 'unknown asset' }]);
      }
    }
    const { shots } = await findPlanRows(trx, episodeId);
    const shotTransitions = ordered.map((segment) => shotTransitionOf(shots.find((shot) => shot.id === segment!.shot_id)));
    const job = await insertCompilation(trx, {
      episode_id: episodeId,
      segment_ids: ordered.map((segment) => segment!.id),
      shot_transitions: shotTransitions,
      transition_style: input.transitionStyle,
      transition_duration: input.transitionStyle === 'cut' ? 0 : input.transitionDuration,
      audio_config: input.audioConfig ?? {},
      created_by: actor.userId,
    });
    await addJob(trx, 'compile_episode', { compilationJobId: job.id }, { jobKey: `compile:${job.id}`, maxAttempts: 3 });
    await transitionEpisode(trx, episodeId, 'compiling', undefined);
    const durations = ordered.map((segment) => segment!.duration ?? 0);
    const joins = joinsFrom(shotTransitions, ordered.length, job.transition_duration);
    return { ...job, estimated_duration: Number(estimatedDuration(durations, joins, input.transitionStyle, job.transition_duration).toFixed(3)) };
  });
}
