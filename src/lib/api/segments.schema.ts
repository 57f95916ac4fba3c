/**
 * Request schemas and response shapes of the segment workflow: generation runs, reviews,
 * regeneration, rollback, ordering and compiles.
 */
import { z } from 'zod';
import { CAMERA_MOVES, GENERATION_MODES, TRANSITIONS, type ApprovalStatus, type CostSource, type SegmentStatus, type SegmentType } from '../domain/enums.ts';
import type { TakeProvenance } from '../domain/shapes.ts';
import { shotTransition, type AbilitiesDto, type CompilationDto, type ShotTransitionDto } from './episodes.schema.ts';
import type { ApprovalProgressDto } from './reviews.schema.ts';
import type { TakeTemplateDto } from './templates.schema.ts';
import type { GateOutcome, GateTry } from '../domain/quality-gate.ts';

export { CAMERA_MOVES, TRANSITIONS };

/** The keys a change set documents; any other key is a note. */
export const DOCUMENTED_CHANGES: ReadonlySet<string> = new Set([
  'prompt',
  'prompt_modifications',
  'style',
  'style_adjustments',
  'character_prompt',
  'seed',
  'duration',
  'camera',
  'notes',
]);

/** Most keys a change set may carry beyond the documented ones (kept as notes). */
export const MAX_NOTE_KEYS = 20;

/** The files of a take one can download: the normalized MP4 everyone reviews, and the provider's original. */
export const TAKE_FILES = ['normalized', 'original'] as const;
export const takeDownloadQuery = z.strictObject({ file: z.enum(TAKE_FILES).default('normalized') });

/** The address of one of a take's files as a download. */
export function takeDownloadHref(segmentId: string, file: (typeof TAKE_FILES)[number]): string {
  return `/api/v1/segments/${segmentId}/download?file=${file}`;
}

/**
 * What may change between one take and the next. The documented keys are merged into the next
 * take (README, Versions); any other key is kept as a note: stored with the review, shown, and
 * carried into the next take's notes, never refused. Its value must be text, a number or a yes/no.
 */
export const generationChanges = z
  .object({
    prompt: z.string().trim().min(1).max(4000).optional(),
    prompt_modifications: z.string().trim().min(1).max(2000).optional(),
    style: z.string().trim().min(1).max(200).optional(),
    style_adjustments: z.string().trim().min(1).max(500).optional(),
    /** How the characters should look or act in the next take; added to the video prompt. */
    character_prompt: z.string().trim().min(1).max(1000).optional(),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
    duration: z.number().min(1).max(60).optional(),
    camera: z.enum(CAMERA_MOVES).optional(),
    notes: z.string().trim().max(2000).optional(),
  })
  .catchall(z.union([z.string().trim().min(1).max(2000), z.number(), z.boolean()], 'a note must be text, a number or true/false'))
  .superRefine((changes, ctx) => {
    const extra = Object.keys(changes).filter((key) => !DOCUMENTED_CHANGES.has(key));
    if (extra.length > MAX_NOTE_KEYS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_NOTE_KEYS} keys beyond the documented ones`, input: extra });
    for (const key of extra) {
      if (key.length > 64) ctx.addIssue({ code: 'custom', path: [key], message: 'a note’s name may be 64 characters at most', input: key });
    }
  });

export type GenerationChanges = z.infer<typeof generationChanges>;

export const generateSegmentsBody = z.strictObject({
  mode: z.enum(GENERATION_MODES).default('sequential'),
  /**
   * Takes at once: sequential generates this many, then waits for their review (default 1);
   * parallel keeps at most this many in flight (default: every slot, bounded by the provider).
   */
  batch_size: z.number().int().min(1).max(100).optional(),
  /** The first segment number the run covers; 0 and 1 both mean the first (the seed design sends 0). */
  start_from: z.number().int().min(0).default(1),
  auto_approve: z.boolean().default(false),
  /** US dollars the run may spend before it pauses; only the episode's owner sets it. */
  cost_cap_usd: z.number().min(0).max(1_000_000).optional(),
});

/** Pausing a run: running renders finish, nothing new starts. */
export const pauseRunBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });

/** The run's waiting shots, by segment number, in the order they should start. */
export const runQueueOrderBody = z.strictObject({
  order: z
    .array(z.number().int().min(1))
    .min(1)
    .max(1000)
    .refine((order) => new Set(order).size === order.length, 'each segment number at most once'),
});

/** How failed takes are grouped, by what went wrong. */
export const FAILURE_GROUPS = ['rate_limited', 'refused_by_policy', 'invalid_input', 'provider_down', 'cancelled'] as const;
export type FailureGroup = (typeof FAILURE_GROUPS)[number];
export const retryFailuresBody = z.strictObject({ kind: z.enum(FAILURE_GROUPS) });

/** Resuming a paused run; the owner may raise (or clear, null) its cost cap at the same time. */
export const resumeRunBody = z.strictObject({ cost_cap_usd: z.number().min(0).max(1_000_000).nullable().optional() });

/** GET /episodes/{id}/generate-segments/queue: the active run as a producer steers it. */
export interface RunQueueDto {
  run: {
    id: string;
    mode: string;
    paused: boolean;
    pause_reason: string | null;
    paused_at: string | null;
    cost_cap_usd: number | null;
    spent_usd: number;
  } | null;
  /** Handed to a worker: rendering, or about to. */
  running: { segment_id: string; segment_number: number; status: string; progress: number }[];
  /** Waiting for the run to reach them, in the order they start. */
  waiting: { segment_id: string; segment_number: number; position: number; estimated_start_at: string | null }[];
  /** Seconds a render takes here, on average (what the estimates use). */
  render_seconds: number;
  failures: { kind: FailureGroup; segments: { segment_id: string; segment_number: number; message: string | null }[] }[];
}

export const approveBody = z.strictObject({
  rating: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5').optional(),
  feedback: z.string().trim().max(4000).optional(),
});

export const rejectBody = z.strictObject({
  reason: z.string().trim().min(1, 'a reason is required').max(4000),
  suggested_changes: generationChanges.optional(),
});

export const requestRegenerationBody = z.strictObject({
  reason: z.string().trim().min(1, 'a reason is required').max(4000),
  suggested_changes: generationChanges.optional(),
});

export const commentBody = z.strictObject({ text: z.string().trim().min(1).max(4000) });

export const regenerateBody = z.strictObject({
  changes: generationChanges.default({}),
  /** false: discard the current take's files now (the row stays, marked purged). */
  keep_original: z.boolean().default(true),
  /** Open note threads on this shot the new take answers: they show "addressed in vN" and resolve when it is approved. */
  answers_notes: z.array(z.uuid()).max(50).default([]),
});

export const rollbackBody = z.strictObject({ to_version: z.number().int().min(1) });

export const orderBody = z.strictObject({
  /** Every slot's segment number, in the order the episode should play. */
  order: z.array(z.number().int().min(1)).min(1).max(1000),
});

export const patchShotBody = z
  .strictObject({
    prompt: z.string().trim().min(1).max(4000).optional(),
    style: z.string().trim().min(1).max(200).nullable().optional(),
    duration: z.number().min(1).max(60).optional(),
    camera: z.enum(CAMERA_MOVES).optional(),
    camera_note: z.string().trim().max(500).optional(),
    characters: z.array(z.string().min(1).max(80)).max(20).optional(),
    dialogue: z.array(z.strictObject({ character: z.string().min(1).max(80), line: z.string().trim().min(1).max(1000) })).max(20).optional(),
    /** How the compile leads into this shot; null: the compile's own transition. */
    transition_in: shotTransition.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');

export const compileBody = z.strictObject({
  segment_ids: z.array(z.uuid()).min(1).max(1000).optional(),
  transition_style: z.enum(TRANSITIONS).default('dissolve'),
  transition_duration: z.number().min(0).max(5).default(0.5),
  audio_config: z
    .strictObject({
      background_music: z.boolean().default(false),
      music_asset_id: z.uuid().optional(),
      // On unless turned off: takes from different providers (and the animatic) differ in loudness.
      volume_normalization: z.boolean().default(true),
      target_lufs: z.number().min(-40).max(-5).default(-16),
    })
    .default({ background_music: false, volume_normalization: true, target_lufs: -16 }),
});

/** What a take was made with (stored on the take as it is sent). */
export type TakeProvenanceDto = TakeProvenance;

export type { ApprovalStatus, SegmentStatus };

/** A generation run (presentRun on the server). */
export interface GenerationRunDto {
  job_id: string;
  mode: 'sequential' | 'parallel';
  batch_size: number;
  start_from: number;
  auto_approve: boolean;
  status: string;
  total_segments: number;
  created_at: string;
  completed_at: string | null;
  /** Paused (renders running finish, nothing new starts), and why. */
  paused: boolean;
  pause_reason: string | null;
  /** US dollars the run may spend before it pauses; null: no cap. */
  cost_cap_usd: number | null;
}

/** POST /api/v1/episodes/{id}/generate-segments: the run that was started (202). */
export interface GenerationStartedDto {
  job_id: string;
  total_segments: number;
  /** The seed design's word for work under way: "started" (or "completed" when nothing was left to do). */
  status: string;
  run: GenerationRunDto | null;
}

/** POST /api/v1/episodes/{id}/compile: the compile that was queued (202). */
export interface CompileStartedDto {
  compilation_job_id: string;
  status: string;
  /** Seconds the final video will last, transitions included. */
  estimated_duration: number;
  job: CompilationDto;
}

/** PATCH /api/v1/shots/{id}: the shot as changed. */
export interface ShotPatchedDto {
  id: string;
  shot_number: number;
  prompt: string;
  style: string | null;
  duration: number;
  camera: string;
  camera_note: string;
  characters: string[];
  dialogue: { character: string; line: string; direction?: string; extension?: string; simultaneous?: boolean }[];
  transition_in: ShotTransitionDto | null;
  title_card: string | null;
}

/** GET /api/v1/episodes/{id}/status: counts in the seed design's flat fields, then in detail. */
export interface EpisodeStatusDto {
  /** completed + pending + failed = total_segments. */
  total_segments: number;
  completed: number;
  approved: number;
  rejected: number;
  pending: number;
  current_segment: number | null;
  episode_id: string;
  totals: {
    total: number;
    pending: number;
    generating: number;
    completed: number;
    approved: number;
    rejected: number;
    needs_revision: number;
    failed: number;
  };
  active_run: GenerationRunDto | null;
  segments: {
    id: string;
    segment_number: number;
    status: SegmentStatus;
    approval_status: ApprovalStatus;
    progress: number;
    video_url: string | null;
    thumbnail_url: string | null;
    duration: number | null;
    quality_score: number | null;
    version: number;
    error_message: string | null;
  }[];
}

/** A review, comment or decision on a take. */
export interface SegmentReviewDto {
  id: string;
  action: string;
  reviewer_id: string | null;
  reviewer_name: string;
  share_link_id: string | null;
  rating: number | null;
  feedback: string | null;
  suggested_changes: Record<string, unknown> | null;
  created_at: string;
}

/** A take as GET /segments/{id} returns it (presentSegmentDetail on the server). */
export interface SegmentDetailDto {
  id: string;
  episode_id: string;
  shot_id: string;
  segment_number: number;
  segment_type: SegmentType;
  status: SegmentStatus;
  approval_status: ApprovalStatus;
  version: number;
  is_current: boolean;
  /** A candidate: the approved take this one replaces once it is approved (until then that one stays current). */
  replaces_segment_id: string | null;
  parent_segment_id: string | null;
  progress: number;
  video_url: string | null;
  /** The take's dialogue as WebVTT (GET /segments/{id}/captions.vtt), when it has a caption track. */
  captions_url?: string | null;
  /**
   * The take's files to download (GET /segments/{id}/download?file=…): the normalized MP4 the team
   * reviews and, when kept, the provider's original; null each when there is none.
   */
  downloads?: { normalized: string | null; original: string | null };
  thumbnail_url: string | null;
  duration: number | null;
  file_size: number | null;
  resolution: string | null;
  format: string | null;
  quality_score: number | null;
  consistency_score: number | null;
  /** The seed design's scores (overall = quality_score), then every measure (README, Quality). */
  quality_metrics: { overall_score: number | null; consistency_score: number | null; visual_quality: number; [measure: string]: unknown } | null;
  sprite: { url: string; columns: number; rows: number; tileWidth: number; tileHeight: number; intervalSeconds: number; count: number } | null;
  generation_params: Record<string, unknown>;
  /** The template the take's shot settings came from, as it was then (name, version); null for none. */
  template: TakeTemplateDto | null;
  /** What the episode's quality gate did with this take (its record and one sentence); null when it did not look at it. */
  quality_gate?: { outcome: GateOutcome; text: string | null; earlier: GateTry[]; min_quality: number | null; min_consistency: number | null } | null;
  /** The vote among several takes of the shot this take was made for, and where it stands in it. */
  choice_id: string | null;
  choice_state: 'contending' | 'chosen' | 'passed_over' | null;
  /** Null while the take is in a blind vote. */
  provider: string | null;
  seed: number | null;
  /** What the take was made with, as its provider knows it; null until generated. */
  provenance: TakeProvenanceDto | null;
  /** US dollars: reported by the provider, from the price list, or free (local rendering). */
  cost: { usd: number | null; source: CostSource } | null;
  user_notes: string | null;
  rejection_reason: string | null;
  error_kind: string | null;
  error_message: string | null;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
  purged_at: string | null;
  scene_info: {
    scene_number: number;
    heading: string;
    location: string;
    location_description: string;
    /** What happens in the scene (its summary). */
    description: string;
    time_of_day: string;
    shot_number: number;
    number_in_scene: number;
    prompt: string;
    camera: string;
    camera_note: string;
    characters: { key: string; name: string; color: string; description: string; visual_traits: string[] }[];
    dialogue: { character: string; line: string; direction?: string; extension?: string; simultaneous?: boolean }[];
  } | null;
  previous_versions: {
    id: string;
    version: number;
    is_current: boolean;
    status: string;
    approval_status: string;
    video_url: string | null;
    thumbnail_url: string | null;
    duration: number | null;
    /** Null while that take is in a blind vote. */
    seed: number | null;
    provider: string | null;
    model: string | null;
    cost_usd: number | null;
    rejection_reason: string | null;
    created_at: string;
    purged: boolean;
    /** What the quality gate did with that take, or null. */
    gate_outcome?: GateOutcome | null;
  }[];
  reviews: SegmentReviewDto[];
  /** Each reviewer's standing decision and where the take stands under the episode's rule. */
  approval: ApprovalProgressDto;
  /** What the caller may do on this take's episode. */
  can: AbilitiesDto;
}

/** A take waiting for the caller's review (GET /api/v1/me/reviews). */
export interface ReviewTakeDto {
  id: string;
  episode_id: string;
  episode_title: string;
  segment_number: number;
  version: number;
  thumbnail_url: string | null;
  duration: number | null;
  generated_at: string | null;
}
