/**
 * Whether a final video is out of date: a compile's inputs compared with the episode's shots and
 * takes now. The live document and the REST answers both read it from here, so they say the same.
 *
 * Transitions and music are chosen per compile and the episode records no choice of its own, so a
 * compile is compared with its own transitions and music: only shots, takes, approvals, order and
 * the shots' own transitions in can make it out of date.
 */
import { type CompileInputs, compileChanges } from '../../../src/lib/domain/compile-changes.ts';
import type { Database } from '../database.ts';
import type { ApprovalStatus, CompilationJob, Shot } from '../schema.ts';

/** The episode's shots in order and every take of them (all versions), as the comparison reads them. */
export interface EpisodeNow {
  shots: { id: string; shot_number: number; transition_in: Shot['transition_in']; transition_in_duration: number | null }[];
  takes: { id: string; shot_id: string; version: number; approval_status: ApprovalStatus; is_current: boolean }[];
}

/** The columns of a compile the comparison reads. */
export type CompiledJob = Pick<CompilationJob, 'segment_ids' | 'transition_style' | 'transition_duration' | 'audio_config' | 'shot_transitions'>;

/** A shot's own transition in, in words two sides of the comparison can share; null when it has none. */
function transitionKey(transition: { style: string; duration_seconds?: number | null } | null | undefined): string | null {
  if (!transition) return null;
  return transition.duration_seconds === undefined || transition.duration_seconds === null ? transition.style : `${transition.style} ${Number(transition.duration_seconds)} s`;
}

/** A compile with a video to watch: completed and its output still there. */
export const hasVideo = (job: Pick<CompilationJob, 'status' | 'output_video_url'>): boolean => job.status === 'completed' && job.output_video_url !== null;

/** The episode's shots in order and all its takes. Pass a transaction to read them with other rows in one snapshot. */
export async function loadEpisodeNow(db: Database, episodeId: string): Promise<EpisodeNow> {
  const shots = await db.selectFrom('shots').select(['id', 'shot_number', 'transition_in', 'transition_in_duration']).where('episode_id', '=', episodeId).orderBy('position').execute();
  const takes = await db
    .selectFrom('video_segments')
    .select(['id', 'shot_id', 'version', 'approval_status', 'is_current'])
    .where('episode_id', '=', episodeId)
    .execute();
  return { shots, takes };
}

/** What changed since `job` was compiled, in the reviewer's words; [] when it is up to date. */
export function changesSince(now: EpisodeNow, job: CompiledJob): string[] {
  const shotOf = new Map(now.takes.map((take) => [take.id, take.shot_id]));
  const current = new Map(now.takes.filter((take) => take.is_current).map((take) => [take.shot_id, take]));
  const audio = job.audio_config as { music_asset_id?: string; background_music?: boolean };
  const inputs: CompileInputs = {
    // A take no longer in the episode keeps its own id as its shot, so it counts as removed.
    takes: job.segment_ids.map((segmentId, index) => ({ segmentId, shotId: shotOf.get(segmentId) ?? segmentId, transitionIn: transitionKey(job.shot_transitions[index]) })),
    transitionStyle: job.transition_style,
    transitionDuration: Number(job.transition_duration),
    musicAssetId: audio.music_asset_id ?? null,
    backgroundMusic: audio.background_music === true,
  };
  const shots = now.shots.map((shot) => {
    const take = current.get(shot.id);
    return {
      shotId: shot.id,
      number: shot.shot_number,
      segmentId: take?.id ?? null,
      version: take?.version ?? 0,
      approved: take?.approval_status === 'approved',
      transitionIn: transitionKey(shot.transition_in ? { style: shot.transition_in, duration_seconds: shot.transition_in_duration } : null),
    };
  });
  // The compile's own transitions and music: the episode has none to compare them with (see above).
  return compileChanges(inputs, { ...inputs, shots });
}

/** The episode's newest compile with a video (by when it was started), or undefined when it has none. */
async function latestVideoCompilation(db: Database, episodeId: string): Promise<CompilationJob | undefined> {
  return db
    .selectFrom('segment_compilation_jobs')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'completed')
    .where('output_video_url', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** An episode's final video: its newest compile with a video, and what changed since. */
export interface FinalVideo {
  job: CompilationJob;
  changes: string[];
}

/** The episode's final video, or undefined when it was never compiled. */
export async function loadFinalVideo(db: Database, episodeId: string): Promise<FinalVideo | undefined> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const job = await latestVideoCompilation(trx, episodeId);
      return job && { job, changes: changesSince(await loadEpisodeNow(trx, episodeId), job) };
    });
}

/** What changed since one compile, or null when it has no video (queued, running, failed). */
export async function loadChangesSinceCompile(db: Database, job: CompilationJob): Promise<string[] | null> {
  return hasVideo(job) ? changesSince(await loadEpisodeNow(db, job.episode_id), job) : null;
}
