/**
 * Whitelists the fields an episode response may carry.
 */
import type { CompileStartedDto } from '../../../src/lib/api/segments.schema.ts';
import type {
  CompilationDto,
  EpisodeDetailDto,
  EpisodeSummaryDto,
  SegmentDto,
} from '../../../src/lib/api/episodes.schema.ts';
import { abilitiesOf } from '../../auth/policies.ts';
import type { EpisodeSummary } from '../../db/queries/episode.queries.ts';
import type { FinalVideo } from '../../db/queries/final-video.queries.ts';
import type { EpisodePlanRows } from '../../db/queries/plan.queries.ts';
import type { CompilationJob, Episode, EpisodeRole, VideoSegment } from '../../db/schema.ts';
import { mediaUrl } from '../../storage/storage.ts';
import { startedStatus } from './segment.presenter.ts';
import { presentShotTransition } from './shot.presenter.ts';
import { DEFAULT_QUALITY_GATE } from '../../../src/lib/domain/quality-gate.ts';
import { planKey } from '../../../src/lib/domain/plan-key.ts';

interface Progress {
  total: number;
  completed: number;
  approved: number;
  failed: number;
}

function presentBase(episode: Episode, progress: Progress, role: EpisodeRole | null): EpisodeSummaryDto {
  return {
    id: episode.id,
    title: episode.title,
    logline: episode.logline,
    status: episode.status,
    style: episode.style,
    resolution: `${episode.width}x${episode.height}`,
    created_at: episode.created_at.toISOString(),
    progress,
    role,
    can: abilitiesOf(role),
  };
}

export function presentEpisodeSummary(episode: EpisodeSummary, role: EpisodeRole | null): EpisodeSummaryDto {
  return presentBase(episode, {
    total: episode.total_segments,
    completed: episode.completed_segments,
    approved: episode.approved_segments,
    failed: episode.failed_segments,
  }, role);
}

export function presentSegment(segment: VideoSegment): SegmentDto {
  return {
    id: segment.id,
    shot_id: segment.shot_id,
    segment_number: segment.segment_number,
    status: segment.status,
    approval_status: segment.approval_status,
    version: segment.version,
    progress: segment.progress,
    video_url: segment.purged_at ? null : segment.video_url,
    thumbnail_url: segment.purged_at ? null : segment.thumbnail_url,
    duration: segment.duration,
    quality_score: segment.quality_score,
    resolution: segment.resolution,
    file_size: segment.file_size,
    error_kind: segment.error_kind,
    error_message: segment.error_message,
    generation_params: segment.generation_params,
  };
}

/** A compile, with what changed since it (null: it has no video; see CompilationDto.changes_since). */
export function presentCompilation(job: CompilationJob, changesSince: string[] | null): CompilationDto {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    transition_style: job.transition_style,
    transition_duration: job.transition_duration,
    segment_ids: job.segment_ids,
    audio_config: job.audio_config,
    output_file_size: job.output_file_size,
    created_at: job.created_at.toISOString(),
    completed_at: job.completed_at?.toISOString() ?? null,
    output_video_url: job.output_video_url,
    output_duration: job.output_duration,
    segments_included: job.segments_included,
    chapters: job.chapters,
    error_message: job.error_message,
    changes_since: changesSince,
    out_of_date: (changesSince?.length ?? 0) > 0,
  };
}

/** The answer to queuing a compile: the seed design's fields, then the job itself (no video yet, so no changes). */
export function presentCompileStarted(job: CompilationJob & { estimated_duration: number }): CompileStartedDto {
  return { compilation_job_id: job.id, status: startedStatus(job.status), estimated_duration: job.estimated_duration, job: presentCompilation(job, null) };
}

export function presentEpisodeDetail(
  episode: Episode,
  plan: EpisodePlanRows,
  segments: VideoSegment[],
  compilation: CompilationJob | undefined,
  role: EpisodeRole | null,
  /** Characters' reference images (storage keys), by character key. */
  referenceImages: Map<string, string> = new Map(),
  /** Undefined when the episode was never compiled. */
  finalVideo?: FinalVideo,
): EpisodeDetailDto {
  const byShot = new Map(segments.map((segment) => [segment.shot_id, segment]));
  const shotById = new Map(plan.shots.map((shot) => [shot.id, shot]));
  // Newest approval first: each character's reference is the first approved take they are in.
  const approved = segments
    .filter((segment) => segment.approval_status === 'approved' && !segment.purged_at)
    .sort((a, b) => (b.approved_at?.getTime() ?? 0) - (a.approved_at?.getTime() ?? 0));
  const referenceOf = (key: string) => {
    const take = approved.find((segment) => shotById.get(segment.shot_id)?.character_keys.includes(key));
    return take ? { segment_id: take.id, slot: take.segment_number, thumbnail_url: take.thumbnail_url } : null;
  };
  const progress = {
    total: segments.length,
    completed: segments.filter((s) => s.status === 'completed').length,
    approved: segments.filter((s) => s.approval_status === 'approved').length,
    failed: segments.filter((s) => s.status === 'failed').length,
  };
  return {
    ...presentBase(episode, progress, role),
    idea: episode.idea,
    story: episode.story,
    error_message: episode.error_message,
    characters: plan.characters.map((c) => ({
      id: c.id,
      key: c.key,
      name: c.name,
      description: c.description,
      visual_traits: c.visual_traits,
      color: c.color,
      looks_version: c.looks_version,
      reference: referenceOf(c.key),
      reference_image_url: referenceImages.has(c.key) ? mediaUrl(referenceImages.get(c.key)!) : null,
    })),
    scenes: plan.scenes.map((s) => ({
      id: s.id,
      scene_number: s.scene_number,
      heading: s.heading,
      location: s.location,
      location_description: s.location_description,
      time_of_day: s.time_of_day,
      summary: s.summary,
      set_version: s.set_version,
    })),
    shots: plan.shots.map((shot) => {
      const segment = byShot.get(shot.id);
      return {
        id: shot.id,
        scene_id: shot.scene_id,
        shot_number: shot.shot_number,
        number_in_scene: shot.number_in_scene,
        position: shot.position,
        prompt: shot.prompt,
        style: shot.style,
        camera: shot.camera,
        camera_note: shot.camera_note,
        duration: shot.duration,
        characters: shot.character_keys,
        dialogue: shot.dialogue,
        transition_in: presentShotTransition(shot),
        title_card: shot.title_card,
        segment: segment ? presentSegment(segment) : null,
      };
    }),
    // The newest compile is the final video unless it has no video yet (or failed): then it has no changes of its own.
    latest_compilation: compilation ? presentCompilation(compilation, compilation.id === finalVideo?.job.id ? finalVideo.changes : null) : null,
    changes_since: finalVideo?.changes ?? null,
    out_of_date: (finalVideo?.changes.length ?? 0) > 0,
    fps: Number(episode.fps),
    timecode_start_frame: episode.timecode_start_frame,
    quality_gate: episode.quality_gate ?? DEFAULT_QUALITY_GATE,
    plan_key: planKey(plan),
  };
}
