/**
 * The episode page's data with the live document laid over it: the page data (GET
 * /api/v1/episodes/{id}) is the base, and every fact the live document carries (statuses,
 * approvals, progress, files and scores of the current takes, the order, the episode's status,
 * title and logline, the newest compile's progress) is taken from the document instead. Takes the
 * page data does not have yet (a new take appeared) come from `takes`, fetched one by one; until
 * one arrives, its shot keeps the take the page data has.
 */
import type { CompilationDto, EpisodeDetailDto, SegmentDto, ShotDto } from '../api/episodes.schema.ts';
import { APPROVAL_STATUSES, COMPILATION_STATUSES, EPISODE_STATUSES, SEGMENT_STATUSES } from '../domain/enums.ts';
import type { LiveEpisode, LiveJob, LiveSlot } from '../domain/live-episode.ts';

const known = <T extends string>(values: readonly T[], value: string, fallback: T): T => values.find((candidate) => candidate === value) ?? fallback;

/** The slot numbers of the page data's shots and of the live document, each sorted, as text. */
export function shotSetOf(numbers: readonly number[]): string {
  return [...numbers].sort((a, b) => a - b).join(',');
}

/** Whether the live document and the page data speak of the same shots (else only a reload can tell what changed). */
export function sameShots(episode: EpisodeDetailDto, live: LiveEpisode): boolean {
  return shotSetOf(episode.shots.map((shot) => shot.shot_number)) === shotSetOf(live.slots.map((slot) => slot.slot));
}

/** A take with what the live document says of it now. */
export function mergeTake(take: SegmentDto, slot: LiveSlot): SegmentDto {
  // A made take whose files were purged is listed without them; the document keeps the stored paths.
  const purged = take.status === 'completed' && slot.status === 'completed' && take.video_url === null;
  return {
    ...take,
    status: known(SEGMENT_STATUSES, slot.status, take.status),
    approval_status: known(APPROVAL_STATUSES, slot.approval, take.approval_status),
    version: slot.version || take.version,
    progress: slot.progress,
    video_url: purged ? null : slot.videoUrl,
    thumbnail_url: purged ? null : slot.thumbnailUrl,
    duration: slot.duration,
    quality_score: slot.qualityScore,
    error_kind: slot.errorKind,
    error_message: slot.error,
  };
}

/**
 * The take a live slot names, if the page has it: the page data's own (same id), or one fetched
 * since. Undefined when the slot names a take not fetched yet.
 */
function takeOf(shot: ShotDto, slot: LiveSlot, takes: ReadonlyMap<string, SegmentDto>): SegmentDto | undefined {
  if (!slot.segmentId) return undefined;
  if (shot.segment?.id === slot.segmentId) return shot.segment;
  return takes.get(slot.segmentId);
}

/** The live slot of each shot of the page data (by slot number, the shot's id agreeing when the document has it). */
function slotsOf(episode: EpisodeDetailDto, live: LiveEpisode): Map<string, LiveSlot> {
  const bySlot = new Map(live.slots.map((slot) => [slot.slot, slot]));
  const found = new Map<string, LiveSlot>();
  for (const shot of episode.shots) {
    const slot = bySlot.get(shot.shot_number);
    if (slot && (!slot.shotId || slot.shotId === shot.id)) found.set(shot.id, slot);
  }
  return found;
}

/** The ids of the takes the live document names that the page data does not have (new takes to fetch). */
export function missingTakes(episode: EpisodeDetailDto, live: LiveEpisode): string[] {
  const slots = slotsOf(episode, live);
  return episode.shots.flatMap((shot) => {
    const slot = slots.get(shot.id);
    return slot?.segmentId && slot.segmentId !== shot.segment?.id ? [slot.segmentId] : [];
  });
}

/** The newest compile, with the live document's status and progress while it is the same job. */
export function mergeCompilation(compilation: CompilationDto | null, job: LiveJob | undefined): CompilationDto | null {
  if (!compilation || !job || job.id !== compilation.id) return compilation;
  return { ...compilation, status: known(COMPILATION_STATUSES, job.status, compilation.status), progress: job.progress };
}

/**
 * The page data with the live document over it. `takes` are takes fetched since the page data
 * (by id); `compilation` the newest compile, when fetched since.
 */
export function mergeEpisode(
  episode: EpisodeDetailDto,
  live: LiveEpisode | undefined,
  takes: ReadonlyMap<string, SegmentDto>,
  compilation: CompilationDto | undefined,
): EpisodeDetailDto {
  if (!live || live.episode.id !== episode.id) return episode;
  const slots = slotsOf(episode, live);
  const place = new Map(live.order.map((number, index) => [number, index + 1]));
  const shots = episode.shots.map((shot) => {
    const slot = slots.get(shot.id);
    if (!slot) return shot;
    const take = takeOf(shot, slot, takes);
    return { ...shot, position: place.get(shot.shot_number) ?? shot.position, segment: take ? mergeTake(take, slot) : shot.segment };
  });
  const made = sameShots(episode, live) ? live.slots.filter((slot) => slot.segmentId !== null) : undefined;
  const progress = made
    ? {
        total: made.length,
        completed: made.filter((slot) => slot.status === 'completed').length,
        approved: made.filter((slot) => slot.approval === 'approved').length,
        failed: made.filter((slot) => slot.status === 'failed').length,
      }
    : episode.progress;
  const job = live.jobs.find((candidate) => candidate.kind === 'compile');
  const newest = compilation && compilation.id === job?.id ? compilation : episode.latest_compilation;
  return {
    ...episode,
    title: live.episode.title,
    logline: live.episode.logline,
    status: known(EPISODE_STATUSES, live.episode.status, episode.status),
    error_message: live.episode.error,
    progress,
    shots,
    latest_compilation: mergeCompilation(newest, job),
  };
}

function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * `next`, reusing the objects of `previous` (an earlier merge) wherever they are equal field by
 * field: a live change rebuilds only the shots it is about, and one that changes nothing the page
 * shows (a presence, a note elsewhere) gives `previous` itself, so nothing that depends on it is redone.
 */
export function shareUnchanged(previous: EpisodeDetailDto | undefined, next: EpisodeDetailDto): EpisodeDetailDto {
  if (!previous || previous.id !== next.id) return next;
  const before = new Map(previous.shots.map((shot) => [shot.id, shot]));
  const shots = next.shots.map((shot) => {
    const old = before.get(shot.id);
    if (!old) return shot;
    const segment = old.segment && shot.segment && sameFields(old.segment, shot.segment) ? old.segment : shot.segment;
    const candidate = segment === shot.segment ? shot : { ...shot, segment };
    return sameFields(old, candidate) ? old : candidate;
  });
  const compilation = previous.latest_compilation && next.latest_compilation && sameFields(previous.latest_compilation, next.latest_compilation);
  const shared: EpisodeDetailDto = {
    ...next,
    shots: shots.length === previous.shots.length && shots.every((shot, index) => shot === previous.shots[index]) ? previous.shots : shots,
    progress: sameFields(previous.progress, next.progress) ? previous.progress : next.progress,
    latest_compilation: compilation ? previous.latest_compilation : next.latest_compilation,
  };
  return sameFields(previous, shared) ? previous : shared;
}
