/**
 * The closed sets of values the domain uses, declared once. The database's enum types and CHECK
 * constraints hold the same values (tests/integration/db/domain-enums.test.ts compares them with
 * a migrated database); the zod schemas, row types, planner types and pages derive from these.
 *
 * Order matters where the database has an order (an enum's labels), so each array follows its
 * migration. A value added here needs a migration too, and the other way round.
 */

/** How an episode was described: an idea for the planner, a screenplay, or a ready shot list (`episode_source`). */
export const EPISODE_SOURCES = ['idea', 'screenplay', 'shots'] as const;
export type EpisodeSource = (typeof EPISODE_SOURCES)[number];

/** Where an episode is in its life (`episode_status`). */
export const EPISODE_STATUSES = ['draft', 'planning', 'planned', 'generating', 'reviewing', 'compiling', 'completed', 'failed'] as const;
export type EpisodeStatus = (typeof EPISODE_STATUSES)[number];

/** The camera move of a shot (`camera_move`). */
export const CAMERA_MOVES = ['static', 'push-in', 'pull-out', 'pan-left', 'pan-right'] as const;
export type CameraMove = (typeof CAMERA_MOVES)[number];

/** What a segment shows (`segment_type`). */
export const SEGMENT_TYPES = ['shot', 'title', 'insert'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

/** Where a take is in its generation (`segment_status`). */
export const SEGMENT_STATUSES = ['pending', 'generating', 'completed', 'failed'] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];

/** The review decision on a take (`approval_status`). */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'needs_revision'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Where a compile is (`compilation_status`). */
export const COMPILATION_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type CompilationStatus = (typeof COMPILATION_STATUSES)[number];

/** What a review record says happened to a take (`review_action`). */
export const REVIEW_ACTIONS = [
  'approve', 'reject', 'regenerate', 'rollback', 'comment', 'rate', 'request_regeneration', 'changes_requested', 'reopen', 'withdraw',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** A reviewer's own decision on a take (`take_decision`). */
export const TAKE_DECISIONS = ['approve', 'changes_requested', 'reject'] as const;
export type TakeDecision = (typeof TAKE_DECISIONS)[number];

/** A member's, token's or share link's role on an episode, weakest first (`episode_role`). */
export const EPISODE_ROLES = ['viewer', 'reviewer', 'editor', 'owner'] as const;
export type EpisodeRole = (typeof EPISODE_ROLES)[number];

/** The roles a share link may give (a CHECK on `share_links.role`). */
export const SHARE_LINK_ROLES = ['reviewer', 'viewer'] as const;
export type ShareLinkRole = (typeof SHARE_LINK_ROLES)[number];

/** How a member joined an episode: created it, added by an owner, or through an invitation (`episode_members.joined_via`). */
export const MEMBER_ORIGINS = ['created', 'added', 'invitation'] as const;
export type MemberOrigin = (typeof MEMBER_ORIGINS)[number];

/** How a generation run takes shots: one batch awaiting review at a time, or every slot at once (`generation_mode`). */
export const GENERATION_MODES = ['sequential', 'parallel'] as const;
export type GenerationMode = (typeof GENERATION_MODES)[number];

/** Where a generation run is (`generation_run_status`). */
export const GENERATION_RUN_STATUSES = ['active', 'completed', 'cancelled'] as const;
export type GenerationRunStatus = (typeof GENERATION_RUN_STATUSES)[number];

/** What an uploaded or generated file is for (`asset_kind`). */
export const ASSET_KINDS = ['music', 'character_image'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** Where a request for a character picture is (`image_request_status`). */
export const IMAGE_REQUEST_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImageRequestStatus = (typeof IMAGE_REQUEST_STATUSES)[number];

/** Where a take's cost came from (a CHECK on `video_segments.cost_source`). */
export const COST_SOURCES = ['reported', 'price_list', 'free'] as const;
export type CostSource = (typeof COST_SOURCES)[number];

/** What a login remembers of a client (a CHECK on `login_known_clients.kind`). */
export const KNOWN_CLIENT_KINDS = ['device', 'address'] as const;
export type KnownClientKind = (typeof KNOWN_CLIENT_KINDS)[number];

/** The transitions between shots a compile can use; stored as text, checked by the API. */
export const TRANSITIONS = ['cut', 'dissolve', 'fade', 'wipeleft', 'wiperight', 'slideleft'] as const;
export type Transition = (typeof TRANSITIONS)[number];
