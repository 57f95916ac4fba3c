/**
 * Request schemas and response shapes of the episode API, shared by the server (which validates
 * with them) and the pages (which read the responses).
 */
import { z } from 'zod';
import {
  CAMERA_MOVES,
  TRANSITIONS,
  type ApprovalStatus,
  type CompilationStatus,
  type EpisodeRole,
  type EpisodeStatus,
  type ImageRequestStatus,
  type SegmentStatus,
} from '../domain/enums.ts';
import type { PlanningUsage } from '../domain/shapes.ts';
import { MAX_GATE_RETRIES, type QualityGateSettings } from '../domain/quality-gate.ts';
import { looksMisread } from '../screenplay-file.ts';

export type { EpisodeStatus };

/**
 * What a file read in the wrong encoding leaves in text: replacement characters (bytes that were
 * not UTF-8) and control codes other than tab, line breaks and form feed (binary data).
 */
const MISREAD_MESSAGE = 'holds replacement characters or control codes, so the file was not read as text in its encoding: save it as UTF-8 (or UTF-16 with a byte order mark) and send it again';

/** A shot's own transition in: its style and, optionally, its length (the compile's otherwise). */
export const shotTransition = z.strictObject({
  style: z.enum(TRANSITIONS),
  duration_seconds: z.number().min(0.05).max(5).optional(),
});

export const shotListItem = z.strictObject({
  /** Screenplay-style heading; consecutive shots with the same heading form one scene. */
  scene: z.string().trim().min(1).max(200).default('INT. UNSPECIFIED - DAY'),
  location_description: z.string().trim().max(2000).optional(),
  prompt: z.string().trim().min(1).max(4000),
  duration: z.number().min(1).max(60).default(5),
  camera: z.enum(CAMERA_MOVES).default('static'),
  camera_note: z.string().trim().max(500).default(''),
  characters: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
  dialogue: z
    .array(
      z.strictObject({
        character: z.string().trim().min(1).max(80),
        line: z.string().trim().min(1).max(1000),
        /** How it is said (an acting note, never shown as a subtitle). */
        direction: z.string().trim().min(1).max(200).optional(),
        /** Heard, not seen. */
        extension: z.enum(['V.O.', 'O.S.']).optional(),
        /** Said at the same time as the line before it (dual dialogue). */
        simultaneous: z.boolean().optional(),
      }),
    )
    .max(20)
    .default([]),
  /** How the compile leads into this shot; the compile's own transition when absent. */
  transition_in: shotTransition.optional(),
  /** The shot is a title card showing this text, centred on black. */
  title_card: z.string().trim().min(1).max(500).optional(),
});

export const characterSheet = z.strictObject({
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(2000).default(''),
  visual_traits: z.array(z.string().trim().min(1).max(200)).max(10).default([]),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be #rrggbb').optional(),
});

export const createEpisodeBody = z.strictObject({
  /** Exactly one source: an idea for the planner, a Fountain screenplay, or a ready shot list. */
  idea: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(2000)
    // Punctuation, symbols and emoji alone give the planner nothing to tell.
    .refine((idea) => /[\p{L}\p{N}]/u.test(idea), 'must say something in words: it has no letters or digits')
    .optional(),
  // Not trimmed (a screenplay's layout is its meaning), but it must say something, in text.
  screenplay: z
    .string()
    .max(400_000)
    .refine((text) => text.trim().length > 0, 'must not be empty or only spaces')
    .refine((text) => !looksMisread(text), MISREAD_MESSAGE)
    .optional(),
  /** As many as the server's shot cap allows (`DAILIES_MAX_SHOTS`, 500 by default): checked when the episode is made. */
  shots: z.array(shotListItem).min(1).optional(),
  characters: z.array(characterSheet).max(50).optional(),
  title: z.string().trim().max(200).optional(),
  style: z.string().trim().min(1).max(200).optional(),
  seed: z.number().int().min(0).max(2_147_483_647).optional(),
  width: z.number().int().min(16).max(7680).multipleOf(2).optional(),
  height: z.number().int().min(16).max(4320).multipleOf(2).optional(),
  fps: z.number().int().min(1).max(120).optional(),
  planner: z.string().min(1).max(64).optional(),
  video_provider: z.string().min(1).max(64).optional(),
}).refine((body) => [body.idea, body.screenplay, body.shots].filter((v) => v !== undefined).length === 1, {
  message: 'give exactly one of idea, screenplay or shots',
}).refine((body) => body.characters === undefined || body.shots !== undefined, {
  message: 'characters go with a shot list',
  path: ['characters'],
});
/** Ask an image model for a picture of a character. */
export const characterImageProposalBody = z.strictObject({
  image_model: z.string().min(1).max(64).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
});

/** Make one of a character's pictures its reference. */
export const approveCharacterImageBody = z.strictObject({ asset_id: z.uuid() });
export type ShotListItem = z.infer<typeof shotListItem>;
export type CharacterSheetInput = z.infer<typeof characterSheet>;

/**
 * What the caller may do on an episode, as the server decides it (server/auth/policies.ts), so
 * pages show a control only when pressing it would be allowed.
 */
export const ABILITIES = ['review', 'regenerate', 'reopen', 'generate', 'edit', 'edit_characters', 'reorder', 'compile', 'share', 'manage_webhooks', 'manage_members', 'set_approval_rule', 'set_budget', 'set_quality_gate', 'delete'] as const;
export type Ability = (typeof ABILITIES)[number];
export type AbilitiesDto = Record<Ability, boolean>;

export interface EpisodeSummaryDto {
  id: string;
  title: string;
  logline: string;
  status: EpisodeStatus;
  style: string;
  resolution: string;
  created_at: string;
  progress: { total: number; completed: number; approved: number; failed: number };
  /** The caller's role on the episode. */
  role: EpisodeRole | null;
  /** What that role lets the caller do here (all false without a role). */
  can: AbilitiesDto;
}

export interface CharacterDto {
  id: string;
  key: string;
  name: string;
  description: string;
  visual_traits: string[];
  color: string;
  /** Counts changes to the looks (description, traits): takes made at an older one are stale. */
  looks_version: number;
  /**
   * How the character looks so far: the newest approved take of a shot they are in, which is what
   * new takes of their shots are compared with for consistency. Null until one is approved.
   */
  reference: { segment_id: string; slot: number; thumbnail_url: string | null } | null;
  /** The character's uploaded reference image, sent to video models that take reference images. */
  reference_image_url: string | null;
}

export interface SceneDto {
  id: string;
  scene_number: number;
  heading: string;
  location: string;
  location_description: string;
  time_of_day: string;
  summary: string;
  /** Counts changes to the set (location, its description, time of day): takes made at an older one are stale. */
  set_version: number;
}

export interface SegmentDto {
  id: string;
  shot_id: string;
  segment_number: number;
  status: SegmentStatus;
  approval_status: ApprovalStatus;
  version: number;
  progress: number;
  video_url: string | null;
  thumbnail_url: string | null;
  duration: number | null;
  quality_score: number | null;
  resolution: string | null;
  file_size: number | null;
  /** Why a failed take failed (`cancelled`, `rate_limited`, `refused_by_policy` …). */
  error_kind: string | null;
  error_message: string | null;
  /** What the take is made with (its changes merged in; as made, once made): see takeParams. */
  generation_params: Record<string, unknown>;
}

/** A shot's transition in, as answers carry it. */
export interface ShotTransitionDto {
  style: string;
  duration_seconds?: number;
}

export interface ShotDto {
  id: string;
  scene_id: string;
  shot_number: number;
  number_in_scene: number;
  position: number;
  prompt: string;
  /** The shot's own style; null: the episode's. */
  style: string | null;
  camera: string;
  camera_note: string;
  duration: number;
  characters: string[];
  dialogue: { character: string; line: string; direction?: string; extension?: string; simultaneous?: boolean }[];
  /** How the compile leads into this shot; null: the compile's own transition. */
  transition_in: ShotTransitionDto | null;
  /** A title card's text; null for every other shot. */
  title_card: string | null;
  segment: SegmentDto | null;
}

export interface CompilationDto {
  id: string;
  status: CompilationStatus;
  progress: number;
  transition_style: string;
  transition_duration: number;
  segment_ids: string[];
  audio_config: Record<string, unknown>;
  output_file_size: number | null;
  created_at: string;
  completed_at: string | null;
  output_video_url: string | null;
  output_duration: number | null;
  segments_included: number | null;
  /** One per segment in compile order; seconds on the final video's timeline. */
  chapters: { title: string; segment_id: string; start: number; end: number }[];
  error_message: string | null;
  /**
   * What changed in the episode since this compile (new takes, shots no longer approved, shots
   * added or removed, the order), in the words the episode page shows; [] when it is up to date,
   * null when the compile has no video (queued, running or failed).
   */
  changes_since: string[] | null;
  /** True when `changes_since` lists anything: a recompile would make a different video. */
  out_of_date: boolean;
}

export interface EpisodeDetailDto extends EpisodeSummaryDto {
  idea: string | null;
  story: string;
  error_message: string | null;
  characters: CharacterDto[];
  scenes: SceneDto[];
  shots: ShotDto[];
  /** The newest compile, whatever its status. */
  latest_compilation: CompilationDto | null;
  /**
   * What changed since the newest compile with a video (see CompilationDto.changes_since); []
   * when it is up to date, null when the episode was never compiled.
   */
  changes_since: string[] | null;
  /** True when that video is out of date; false when it is up to date or there is none. */
  out_of_date: boolean;
  /** Frames per second of every take and of the final video. */
  fps: number;
  /** The frame the episode's timecode starts at (0 by default; 86400 is 01:00:00:00 at 24 fps). */
  timecode_start_frame: number;
  /** The quality gate (the live document's `qualityGate` is newer while a page is open). */
  quality_gate: QualityGateSettings;
  /** What the plan said when this was read (see plan-key.ts): the live document's `planKey` differs once it changes. */
  plan_key: string;
}

/** PUT /episodes/{id}/budget: the episode's budget in US dollars (null: none). */
export const budgetBody = z.strictObject({ budget_usd: z.number().min(0).max(1_000_000).nullable() });

const gateThreshold = z.number().min(0).max(1).nullable().optional();

/**
 * PUT /episodes/{id}/quality-gate: takes below a threshold (0–1) are made again with a new seed,
 * up to `max_retries` times, before anyone reviews them. An absent threshold is not checked.
 */
export const qualityGateBody = z
  .strictObject({ enabled: z.boolean(), min_quality: gateThreshold, min_consistency: gateThreshold, max_retries: z.number().int().min(1).max(MAX_GATE_RETRIES) })
  .refine((gate) => !gate.enabled || gate.min_quality != null || gate.min_consistency != null, {
    message: 'an enabled gate needs a least quality (min_quality), a least consistency (min_consistency) or both, from 0 to 1',
    path: ['min_quality'],
  });

/** The episode's quality gate, as the API gives it. */
export type QualityGateDto = QualityGateSettings;

/** GET /api/v1/providers: what episodes and characters can be made with here (never a setting's value). */
export interface ProvidersDto {
  planners: { id: string; description: string }[];
  /** Providers that could be enabled, with the settings they need. */
  unconfigured: { id: string; kind: string; missing: string[] }[];
  images: { id: string; description: string; model: string }[];
  video: {
    id: string;
    description: string;
    model: string | null;
    makes_sound: boolean;
    max_concurrent: number;
    requests_per_minute: number | null;
    price_per_second_usd: number | null;
    image_input: { first_frame: boolean; references: boolean };
    /** The largest takes it makes, either orientation; episodes asking for more are refused. */
    output_range: { max_long_side: number; max_short_side: number; max_fps: number };
    /** The options a take (a template) may set, by name. */
    options: Record<string, { type: 'string' | 'number' | 'boolean'; values: string[] | null; description: string }>;
  }[];
}

/** Uploaded music (POST and GET /api/v1/episodes/{id}/assets), or a reference image as uploaded. */
export interface AssetDto {
  id: string;
  kind: string;
  filename: string;
  content_type: string;
  duration: number | null;
  file_size: number;
  url: string;
  created_at: string;
}

/** A picture of a character: uploaded, or proposed by an image model (GET …/characters/{key}/images). */
export interface CharacterImageDto {
  id: string;
  url: string;
  filename: string;
  content_type: string;
  /** The image model, prompt and seed it was made with; null for an upload. */
  provenance: ({ image_model?: string; model?: string; prompt?: string; seed?: number } & Record<string, unknown>) | null;
  is_reference: boolean;
  created_at: string;
}

/** GET /api/v1/episodes/{id}/characters/{key}/images. */
export interface CharacterImagesDto {
  character: string;
  images: CharacterImageDto[];
  requests: CharacterImageRequestDto[];
}

/** A request for a picture from an image model, run by the worker. */
export interface CharacterImageRequestDto {
  id: string;
  status: ImageRequestStatus;
  image_model: string;
  seed: number;
  attempts: number;
  /** Why it failed (or why the last attempt did, while it is tried again). */
  error: { kind: string | null; message: string } | null;
  /** The picture it made, once done. */
  asset_id: string | null;
  created_at: string;
}

/** What planning took from a language model: tokens over every call, retries included. */
export type PlanningUsageDto = PlanningUsage;

export interface ProviderQuoteDto {
  provider: string;
  /** Seconds of video it would make: each shot at the nearest length the model takes. */
  seconds: number;
  /** US dollars per second of video; null when no price is configured for a remote provider. */
  price_per_second_usd: number | null;
  /** Null when the price is unknown. */
  cost_usd: number | null;
}

/** GET /api/v1/episodes/{id}/costs (US dollars). */
export interface EpisodeCostsDto {
  currency: 'USD';
  /** Tokens the language-model planner used; null for the built-in planner and screenplays. */
  planning: PlanningUsageDto | null;
  spent: {
    cost_usd: number;
    /** Takes whose cost is not known (a remote provider with no reported cost and no price). */
    unpriced_takes: number;
    by_provider: { provider: string; takes: number; cost_usd: number; unpriced_takes: number }[];
  };
  estimate: {
    /** The shots a run would generate now: those whose current take is not made yet, or failed. */
    shots: number;
    /** The shots' own lengths, summed; each provider's quote says what it would make of them. */
    seconds: number;
    provider: string;
    cost_usd: number | null;
    /** The same shots with each video provider configured here. */
    by_provider: ProviderQuoteDto[];
  };
  /** The owner's budget: null when none is set. Committed is what queued and rendering takes will cost. */
  budget: { budget_usd: number | null; spent_usd: number; committed_usd: number; remaining_usd: number | null };
  /** Spent divided by the seconds of the current approved takes; null before any is approved. */
  cost_per_approved_second_usd: number | null;
  /** Takes made, and the share of them rejected or sent back for another take. */
  takes_made: number;
  rejected_share: number | null;
  /** Spend by the person who asked for the takes (a run's starter, or who asked for another take). */
  by_requester: { user_id: string | null; name: string; takes: number; cost_usd: number }[];
}
