/**
 * Row types of the tables, as Kysely sees them. Kept by hand beside the migrations:
 * a column added by a migration is added here in the same commit. The tables about people live
 * in people.schema.ts and those about reviewing takes in review.schema.ts (both re-exported here);
 * `DB` below lists every table.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  ApprovalStatus,
  AssetKind,
  CameraMove,
  CompilationStatus,
  CostSource,
  EpisodeRole,
  EpisodeSource,
  EpisodeStatus,
  GenerationMode,
  GenerationRunStatus,
  ImageRequestStatus,
  MemberOrigin,
  ReviewAction,
  SegmentStatus,
  SegmentType,
  Transition,
} from '../../src/lib/domain/enums.ts';
import type { ApprovalRule } from '../../src/lib/domain/approval-rules.ts';
import type { QualityGateSettings, TakeGateRecord } from '../../src/lib/domain/quality-gate.ts';
import type { CompilationChapter, DialogueLine, PlanningUsage, TakeProvenance } from '../../src/lib/domain/shapes.ts';
import type { ProviderOptionValues, TemplateScope } from '../../src/lib/domain/templates.ts';
import type { TakeInputKind } from '../../src/lib/domain/continuity.ts';

import type { Json, NullableTimestamp, Timestamp } from './column-types.ts';
import type {
  ActivityTable,
  ApiTokensTable,
  AuditEventsTable,
  EpisodeMembersTable,
  GuestSessionsTable,
  InboxItemsTable,
  InvitationsTable,
  LoginKnownClientsTable,
  MailPreferencesTable,
  RateLimitCountersTable,
  SessionsTable,
  SetupTokensTable,
  ShareLinksTable,
  SignupConfirmationsTable,
  UsersTable,
  WebhookDeliveriesTable,
  WebhookEventsTable,
  WebhooksTable,
} from './people.schema.ts';
import type { SegmentReviewsTable, TakeChoicesTable, TakeChoiceState, TakeDecisionsTable, TakeNoteEditsTable, TakeNotesTable, TakeVotesTable } from './review.schema.ts';

export type * from './people.schema.ts';
export type * from './review.schema.ts';

export type {
  ApprovalStatus,
  CompilationChapter,
  CompilationStatus,
  DialogueLine,
  EpisodeRole,
  EpisodeSource,
  EpisodeStatus,
  GenerationMode,
  MemberOrigin,
  ReviewAction,
  SegmentStatus,
  TakeProvenance,
};

export interface EpisodesTable {
  id: Generated<string>;
  title: Generated<string>;
  logline: Generated<string>;
  story: Generated<string>;
  source_type: Generated<EpisodeSource>;
  idea: string | null;
  screenplay: string | null;
  style: Generated<string>;
  width: Generated<number>;
  height: Generated<number>;
  fps: Generated<number>;
  planner: Generated<string>;
  video_provider: Generated<string>;
  seed: Generated<number>;
  status: Generated<EpisodeStatus>;
  /** The language model's tokens for planning (null for the built-in planner and screenplays). */
  planning_usage: Json<PlanningUsage | null> | null;
  error_message: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** How reviewers' decisions make a take approved (src/lib/domain/approval-rules.ts). */
  approval_rule: ColumnType<ApprovalRule, string | undefined, string>;
  /** The frame the episode's timecode starts at (86400 = 01:00:00:00 at 24 fps). */
  timecode_start_frame: Generated<number>;
  /** US dollars the episode's takes may cost in all; null: no budget. */
  budget_usd: number | null;
  /** The quality gate's settings (src/lib/domain/quality-gate.ts); null: off. */
  quality_gate: Json<QualityGateSettings | null> | null;
}

export interface CharactersTable {
  id: Generated<string>;
  episode_id: string;
  key: string;
  name: string;
  description: Generated<string>;
  visual_traits: Json<string[]>;
  color: string;
  reference_asset_url: string | null;
  /** The character's reference image (an asset of kind `character_image`), sent to image-capable models. */
  reference_asset_id: string | null;
  /** Bumped (by a trigger) when the looks change: description or visual traits. */
  looks_version: Generated<number>;
  looks_changed_at: NullableTimestamp;
  reference_changed_at: NullableTimestamp;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ScenesTable {
  id: Generated<string>;
  episode_id: string;
  scene_number: number;
  heading: string;
  location: string;
  location_description: Generated<string>;
  time_of_day: Generated<string>;
  summary: Generated<string>;
  /** Bumped (by a trigger) when the set changes: location, its description or the time of day. */
  set_version: Generated<number>;
  set_changed_at: NullableTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ShotsTable {
  id: Generated<string>;
  episode_id: string;
  scene_id: string;
  shot_number: number;
  number_in_scene: number;
  prompt: string;
  camera: Generated<CameraMove>;
  camera_note: Generated<string>;
  duration: number;
  character_keys: Json<string[]>;
  dialogue: Json<DialogueLine[]>;
  style: string | null;
  position: number;
  /** The transition into this shot in a compile; null: the compile's own. */
  transition_in: Transition | null;
  /** Seconds of that transition; null: the compile's. */
  transition_in_duration: number | null;
  /** The text of a title card (centred on black, no characters); null for every other shot. */
  title_card: string | null;
  /** Added to the end of the prompt of the shot's next take (from a template); null: nothing. */
  prompt_suffix: string | null;
  /** Options for the take's video provider (from a template); the keys its provider declares. */
  provider_options: ColumnType<ProviderOptionValues, string | undefined, string>;
  /** The template last applied to the shot, as it was then (its name and version). */
  template_id: string | null;
  template_name: string | null;
  template_version: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What a template sets on a shot; null leaves the shot's own value. */
export interface TemplateParams {
  style: string | null;
  camera: CameraMove | null;
  duration: number | null;
  prompt_suffix: string | null;
  provider: string | null;
  provider_options: ProviderOptionValues;
}

export interface GenerationTemplatesTable {
  id: Generated<string>;
  scope: TemplateScope;
  episode_id: string | null;
  owner_user_id: string | null;
  name: string;
  version: Generated<number>;
  params: Json<TemplateParams>;
  source_segment_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: NullableTimestamp;
}

export interface VideoSegmentsTable {
  id: Generated<string>;
  episode_id: string;
  shot_id: string;
  segment_number: number;
  segment_type: Generated<SegmentType>;
  generation_params: Json<Record<string, unknown>>;
  status: Generated<SegmentStatus>;
  approval_status: Generated<ApprovalStatus>;
  video_url: string | null;
  thumbnail_url: string | null;
  duration: number | null;
  quality_score: number | null;
  consistency_score: number | null;
  file_size: number | null;
  resolution: string | null;
  format: string | null;
  version: Generated<number>;
  parent_segment_id: string | null;
  user_notes: string | null;
  rejection_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  approved_at: NullableTimestamp;
  is_current: Generated<boolean>;
  provider: Generated<string>;
  seed: Generated<number>;
  progress: Generated<number>;
  storage_key: string | null;
  thumbnail_key: string | null;
  error_kind: string | null;
  error_message: string | null;
  quality_metrics: Json<Record<string, unknown> | null> | null;
  generated_at: NullableTimestamp;
  purged_at: NullableTimestamp;
  generation_run_id: string | null;
  queued_at: NullableTimestamp;
  sprite_key: string | null;
  sprite_info: Json<Record<string, unknown> | null> | null;
  source_key: string | null;
  /** A candidate: the approved current take this take replaces once it is approved (candidate-takes.ts). */
  replaces_segment_id: string | null;
  /** What the take was made with (provider, model, seed, final prompt, references, job id, latency). */
  provenance: Json<TakeProvenance | null> | null;
  cost_usd: number | null;
  cost_source: CostSource | null;
  /** The remote job rendering this take, while it renders: `{ provider, token }` (see VideoProvider.resume). */
  provider_job: Json<{ provider: string; token: unknown } | null> | null;
  /** Who asked for this take (the run's starter, or whoever asked for another take). */
  requested_by: string | null;
  /** The provider lane (its n-th render at once) the take was handed to. */
  queue_lane: number | null;
  /** What the quality gate did with this take; null when it did not look at it. */
  quality_gate: Json<TakeGateRecord | null> | null;
  /** The choice this take was made for, when it is one of several takes to choose from. */
  choice_id: string | null;
  choice_state: TakeChoiceState | null;
}

/** A shot's own transition in, as a compile records it. */
export interface ShotTransition {
  style: Transition;
  duration_seconds?: number;
}

export interface SegmentCompilationJobsTable {
  id: Generated<string>;
  episode_id: string;
  status: Generated<CompilationStatus>;
  progress: Generated<number>;
  segment_ids: Json<string[]>;
  transition_style: Generated<string>;
  transition_duration: Generated<number>;
  audio_config: Json<Record<string, unknown>>;
  output_video_url: string | null;
  output_storage_key: string | null;
  output_duration: number | null;
  output_file_size: number | null;
  segments_included: number | null;
  /** One per segment in compile order, on the output's timeline (seconds). */
  chapters: ColumnType<CompilationChapter[], string | undefined, string>;
  /** Per segment in compile order, its shot's own transition in when the compile started (null: the compile's). */
  shot_transitions: ColumnType<(ShotTransition | null)[], string | undefined, string>;
  error_message: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  started_at: NullableTimestamp;
  completed_at: NullableTimestamp;
}

export interface GenerationRunsTable {
  id: Generated<string>;
  episode_id: string;
  mode: GenerationMode;
  batch_size: number;
  start_from: Generated<number>;
  auto_approve: Generated<boolean>;
  status: Generated<GenerationRunStatus>;
  total_segments: number;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: NullableTimestamp;
  /** Paused: renders running finish, nothing new starts until it is resumed. */
  paused_at: NullableTimestamp;
  pause_reason: string | null;
  paused_by: string | null;
  /** Segment numbers moved to the front of the waiting queue, in order; the rest follow by number. */
  queue_order: Generated<number[]>;
  /** US dollars the run may spend; reaching it pauses the run. */
  cost_cap_usd: number | null;
  /** The shots the run covers, when it names them; null: every shot from `start_from` on. */
  shot_ids: string[] | null;
}

export interface WorkerHeartbeatsTable {
  process_id: string;
  hostname: string;
  pid: number;
  worker_ids: string[];
  started_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface AssetsTable {
  id: Generated<string>;
  episode_id: string;
  kind: AssetKind;
  filename: string;
  content_type: string;
  storage_key: string;
  /** Seconds, for music; null for images. */
  duration: number | null;
  /** For character images: the character it shows. */
  character_key: string | null;
  /** For generated images: the image model, prompt, seed and cost. */
  provenance: Json<Record<string, unknown> | null> | null;
  file_size: number;
  created_by: string | null;
  created_at: Timestamp;
}

export interface CharacterImageRequestsTable {
  id: Generated<string>;
  episode_id: string;
  character_key: string;
  image_model: string;
  seed: number;
  status: Generated<ImageRequestStatus>;
  /** Runs started so far (a retryable failure runs it again later). */
  attempts: Generated<number>;
  /** The ProviderError kind of a failure. */
  error_kind: string | null;
  error_message: string | null;
  /** The picture it made, once done. */
  asset_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LiveDocumentUpdatesTable {
  /** bigserial, read as a number (see database.ts). */
  id: Generated<number>;
  episode_id: string;
  update: Buffer;
  created_at: Generated<Timestamp>;
}

/** One input a take was made from (migrations/2026_12_05_1400_continuity_graph.ts). */
export interface TakeInputsTable {
  segment_id: string;
  kind: TakeInputKind;
  ref_id: string;
  version: number | null;
  asset_id: string | null;
  label: string;
  sent: Generated<boolean>;
}

export type TakeInput = Selectable<TakeInputsTable>;

export interface DB {
  take_inputs: TakeInputsTable;
  take_choices: TakeChoicesTable;
  take_votes: TakeVotesTable;
  generation_templates: GenerationTemplatesTable;
  live_document_updates: LiveDocumentUpdatesTable;
  assets: AssetsTable;
  character_image_requests: CharacterImageRequestsTable;
  generation_runs: GenerationRunsTable;
  worker_heartbeats: WorkerHeartbeatsTable;
  episode_members: EpisodeMembersTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  share_links: ShareLinksTable;
  guest_sessions: GuestSessionsTable;
  audit_events: AuditEventsTable;
  activity: ActivityTable;
  inbox_items: InboxItemsTable;
  mail_preferences: MailPreferencesTable;
  rate_limit_counters: RateLimitCountersTable;
  login_known_clients: LoginKnownClientsTable;
  setup_tokens: SetupTokensTable;
  signup_confirmations: SignupConfirmationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  episodes: EpisodesTable;
  characters: CharactersTable;
  scenes: ScenesTable;
  shots: ShotsTable;
  video_segments: VideoSegmentsTable;
  segment_compilation_jobs: SegmentCompilationJobsTable;
  segment_reviews: SegmentReviewsTable;
  take_decisions: TakeDecisionsTable;
  take_notes: TakeNotesTable;
  take_note_edits: TakeNoteEditsTable;
  webhooks: WebhooksTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type Episode = Selectable<EpisodesTable>;
export type NewEpisode = Insertable<EpisodesTable>;
export type Character = Selectable<CharactersTable>;
export type Scene = Selectable<ScenesTable>;
export type Shot = Selectable<ShotsTable>;
export type VideoSegment = Selectable<VideoSegmentsTable>;
export type VideoSegmentUpdate = Updateable<VideoSegmentsTable>;
export type CompilationJob = Selectable<SegmentCompilationJobsTable>;
export type SegmentReview = Selectable<SegmentReviewsTable>;
export type TakeDecisionRow = Selectable<TakeDecisionsTable>;
export type TakeNote = Selectable<TakeNotesTable>;
export type TakeNoteEdit = Selectable<TakeNoteEditsTable>;
export type TakeChoice = Selectable<TakeChoicesTable>;
export type TakeVote = Selectable<TakeVotesTable>;
export type Webhook = Selectable<WebhooksTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
export type User = Selectable<UsersTable>;
export type ApiToken = Selectable<ApiTokensTable>;
export type ShareLink = Selectable<ShareLinksTable>;
export type EpisodeMember = Selectable<EpisodeMembersTable>;
export type Invitation = Selectable<InvitationsTable>;
export type Activity = Selectable<ActivityTable>;
export type InboxItem = Selectable<InboxItemsTable>;
export type SignupConfirmation = Selectable<SignupConfirmationsTable>;
export type GenerationRun = Selectable<GenerationRunsTable>;
export type Asset = Selectable<AssetsTable>;
export type CharacterImageRequest = Selectable<CharacterImageRequestsTable>;
export type GenerationTemplate = Selectable<GenerationTemplatesTable>;
