/**
 * Whitelists what segment, run and compilation responses carry (the seed design's shapes).
 */
import type { ApprovalProgressDto } from '../../../src/lib/api/reviews.schema.ts';
import type { EpisodeStatusDto, GenerationRunDto, GenerationStartedDto, ReviewTakeDto, SegmentDetailDto, SegmentReviewDto } from '../../../src/lib/api/segments.schema.ts';
import type { TakeTemplateDto } from '../../../src/lib/api/templates.schema.ts';
import { abilitiesOf } from '../../auth/policies.ts';
import type { listSegmentsAwaitingReview } from '../../db/queries/episode.queries.ts';
import type { EpisodePlanRows } from '../../db/queries/plan.queries.ts';
import type { EpisodeRole, GenerationRun, SegmentReview, VideoSegment } from '../../db/schema.ts';
import { type MeasuredQuality, type QualityMetrics, visualQuality } from '../../media/quality.ts';
import { describeGate } from '../../../src/lib/domain/quality-gate.ts';

export const playable = (segment: VideoSegment) => (segment.purged_at ? null : segment.video_url);
export const poster = (segment: VideoSegment) => (segment.purged_at ? null : segment.thumbnail_url);

/**
 * The seed design's three scores first (overall = quality_score, consistency, the picture alone),
 * then every measure they come from.
 */
function presentQuality(segment: VideoSegment): SegmentDetailDto['quality_metrics'] {
  if (!segment.quality_metrics) return null;
  const measured = segment.quality_metrics as unknown as Partial<QualityMetrics> & MeasuredQuality;
  return {
    overall_score: segment.quality_score,
    consistency_score: segment.consistency_score,
    // Takes measured before visual_quality was stored get it from their measures.
    visual_quality: measured.visual_quality ?? visualQuality(measured),
    ...segment.quality_metrics,
  };
}

/**
 * The seed design's word for work that was accepted and is under way ("started"); the job's own
 * state (`active`, `queued`) stays in the `run` or `job` beside it. A run with nothing left to do
 * says so (`completed`).
 */
export function startedStatus(status: string): string {
  return status === 'active' || status === 'queued' || status === 'running' ? 'started' : status;
}

export function presentRun(run: GenerationRun | undefined): GenerationRunDto | null {
  if (!run) return null;
  return {
    job_id: run.id,
    mode: run.mode,
    batch_size: run.batch_size,
    start_from: run.start_from,
    auto_approve: run.auto_approve,
    status: run.status,
    total_segments: run.total_segments,
    created_at: run.created_at.toISOString(),
    completed_at: run.completed_at?.toISOString() ?? null,
    paused: run.paused_at !== null,
    pause_reason: run.pause_reason,
    cost_cap_usd: run.cost_cap_usd,
  };
}

/** The answer to starting a run: the seed design's fields, then the run itself. */
export function presentRunStarted(run: GenerationRun): GenerationStartedDto {
  return { job_id: run.id, total_segments: run.total_segments, status: startedStatus(run.status), run: presentRun(run) };
}

export function presentStatus(episodeId: string, segments: VideoSegment[], run: GenerationRun | undefined): EpisodeStatusDto {
  const count = (test: (s: VideoSegment) => boolean) => segments.filter(test).length;
  const bySlot = [...segments].sort((a, b) => a.segment_number - b.segment_number);
  const working = bySlot.find((s) => s.status === 'generating') ?? bySlot.find((s) => s.status === 'completed' && s.approval_status !== 'approved');
  const completed = count((s) => s.status === 'completed');
  const failed = count((s) => s.status === 'failed');
  return {
    // The seed design's flat fields: completed + pending + failed = total_segments.
    total_segments: segments.length,
    completed,
    approved: count((s) => s.approval_status === 'approved'),
    rejected: count((s) => s.approval_status === 'rejected'),
    pending: segments.length - completed - failed,
    current_segment: working?.segment_number ?? null,
    episode_id: episodeId,
    totals: {
      total: segments.length,
      pending: count((s) => s.status === 'pending'),
      generating: count((s) => s.status === 'generating'),
      completed,
      approved: count((s) => s.approval_status === 'approved'),
      rejected: count((s) => s.approval_status === 'rejected'),
      needs_revision: count((s) => s.approval_status === 'needs_revision'),
      failed,
    },
    active_run: presentRun(run),
    segments: segments.map((s) => ({
      id: s.id,
      segment_number: s.segment_number,
      status: s.status,
      approval_status: s.approval_status,
      progress: s.progress,
      video_url: playable(s),
      thumbnail_url: poster(s),
      duration: s.duration,
      quality_score: s.quality_score,
      version: s.version,
      error_message: s.error_message,
    })),
  };
}

export function presentReview(review: SegmentReview): SegmentReviewDto {
  return {
    id: review.id,
    action: review.action,
    reviewer_id: review.reviewer_id,
    reviewer_name: review.reviewer_name,
    share_link_id: review.share_link_id,
    rating: review.rating,
    feedback: review.feedback,
    suggested_changes: review.suggested_changes,
    created_at: review.created_at.toISOString(),
  };
}

/** `role` is the caller's on the take's episode; it decides the answer's `can`. */
export function presentSegmentDetail(
  segment: VideoSegment,
  plan: EpisodePlanRows,
  versions: VideoSegment[],
  reviews: SegmentReview[],
  approval: ApprovalProgressDto,
  role: EpisodeRole | null,
): SegmentDetailDto {
  const shot = plan.shots.find((s) => s.id === segment.shot_id);
  const scene = shot && plan.scenes.find((s) => s.id === shot.scene_id);
  const inShot = new Set(shot?.character_keys ?? []);
  return {
    id: segment.id,
    episode_id: segment.episode_id,
    shot_id: segment.shot_id,
    segment_number: segment.segment_number,
    segment_type: segment.segment_type,
    status: segment.status,
    approval_status: segment.approval_status,
    version: segment.version,
    is_current: segment.is_current,
    replaces_segment_id: segment.replaces_segment_id,
    parent_segment_id: segment.parent_segment_id,
    progress: segment.progress,
    video_url: playable(segment),
    thumbnail_url: poster(segment),
    duration: segment.duration,
    file_size: segment.file_size,
    resolution: segment.resolution,
    format: segment.format,
    quality_score: segment.quality_score,
    consistency_score: segment.consistency_score,
    quality_metrics: presentQuality(segment),
    /** Hover-scrub sprite: url, columns, rows, tile size and the seconds between tiles. */
    // Written by the segment analyzer: the sheet's SpriteSheetInfo and its url.
    sprite: segment.purged_at ? null : (segment.sprite_info as SegmentDetailDto['sprite']),
    generation_params: segment.generation_params,
    template: takeTemplate(segment),
    quality_gate: segment.quality_gate
      ? {
          outcome: segment.quality_gate.outcome,
          text: describeGate(segment.quality_gate),
          earlier: segment.quality_gate.earlier,
          min_quality: segment.quality_gate.min_quality,
          min_consistency: segment.quality_gate.min_consistency,
        }
      : null,
    choice_id: segment.choice_id,
    choice_state: segment.choice_state,
    provider: segment.provider,
    seed: segment.seed,
    /** What the take was made with, as its provider knows it; null until generated. */
    provenance: segment.provenance,
    cost: segment.cost_source ? { usd: segment.cost_usd, source: segment.cost_source } : null,
    user_notes: segment.user_notes,
    rejection_reason: segment.rejection_reason,
    error_kind: segment.error_kind,
    error_message: segment.error_message,
    created_at: segment.created_at.toISOString(),
    updated_at: segment.updated_at.toISOString(),
    approved_at: segment.approved_at?.toISOString() ?? null,
    purged_at: segment.purged_at?.toISOString() ?? null,
    scene_info: scene && shot
      ? {
          scene_number: scene.scene_number,
          heading: scene.heading,
          location: scene.location,
          location_description: scene.location_description,
          /** The seed design's field: what happens in the scene. */
          description: scene.summary,
          time_of_day: scene.time_of_day,
          shot_number: shot.shot_number,
          number_in_scene: shot.number_in_scene,
          prompt: shot.prompt,
          camera: shot.camera,
          camera_note: shot.camera_note,
          characters: plan.characters
            .filter((c) => inShot.has(c.key))
            .map((c) => ({ key: c.key, name: c.name, color: c.color, description: c.description, visual_traits: c.visual_traits })),
          dialogue: shot.dialogue,
        }
      : null,
    previous_versions: versions
      .filter((v) => v.id !== segment.id)
      .map((v) => ({
        id: v.id,
        version: v.version,
        is_current: v.is_current,
        status: v.status,
        approval_status: v.approval_status,
        video_url: playable(v),
        thumbnail_url: poster(v),
        duration: v.duration,
        seed: v.seed,
        provider: v.provider,
        model: v.provenance?.model ?? null,
        cost_usd: v.cost_usd,
        rejection_reason: v.rejection_reason,
        created_at: v.created_at.toISOString(),
        purged: v.purged_at !== null,
        gate_outcome: v.quality_gate?.outcome ?? null,
      })),
    reviews: reviews.map(presentReview),
    approval,
    can: abilitiesOf(role),
  };
}

/** A take in someone's review queue. */
export function presentReviewTake(take: Awaited<ReturnType<typeof listSegmentsAwaitingReview>>[number]): ReviewTakeDto {
  return {
    id: take.id,
    episode_id: take.episode_id,
    episode_title: take.episode_title,
    segment_number: take.segment_number,
    version: take.version,
    thumbnail_url: take.thumbnail_url,
    duration: take.duration,
    generated_at: take.generated_at?.toISOString() ?? null,
  };
}

/** The template a take recorded (as it was when applied to the shot); null for none. */
export function takeTemplate(segment: VideoSegment): TakeTemplateDto | null {
  const recorded = segment.generation_params.template as Partial<TakeTemplateDto> | undefined;
  if (!recorded || typeof recorded.id !== 'string' || typeof recorded.name !== 'string' || typeof recorded.version !== 'number') return null;
  return { id: recorded.id, name: recorded.name, version: recorded.version };
}
