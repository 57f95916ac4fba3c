/**
 * Row types of the tables about people (accounts, sessions, tokens, membership, share links,
 * invitations, sign-up confirmations, the audit trail, activity, inbox, mail preferences,
 * webhooks), as Kysely sees them; re-exported by schema.ts, whose `DB` lists every table.
 */
import type { ColumnType, Generated } from 'kysely';
import type { EpisodeRole, KnownClientKind, MemberOrigin } from '../../src/lib/domain/enums.ts';
import type { Timestamp, NullableTimestamp, Json } from './column-types.ts';

export interface UsersTable {
  id: Generated<string>;
  email: string;
  password_hash: string | null;
  display_name: string;
  is_admin: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  created_at: Timestamp;
}

export interface EpisodeMembersTable {
  episode_id: string;
  user_id: string;
  role: EpisodeRole;
  added_by: string | null;
  /** How they joined: created the episode, added by an owner, or through an invitation. */
  joined_via: Generated<MemberOrigin>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  episode_id: string;
  /** Lower-cased. */
  email: string;
  role: EpisodeRole;
  token_hash: string;
  invited_by: string | null;
  inviter_name: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  /** SHA-256 of the secret only the emailed link carries (null when the invitation was not emailed). */
  mailbox_proof_hash: string | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  scope: EpisodeRole;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface ShareLinksTable {
  id: Generated<string>;
  episode_id: string;
  token_hash: string;
  role: EpisodeRole;
  label: Generated<string>;
  password_hash: string | null;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  use_count: Generated<number>;
  last_used_at: NullableTimestamp;
}

export interface GuestSessionsTable {
  id: string;
  share_link_id: string;
  guest_name: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  occurred_at: Timestamp;
  action: string;
  episode_id: string | null;
  actor_user_id: string | null;
  actor_name: string;
  share_link_id: string | null;
  ip: string | null;
  details: Json<Record<string, unknown>>;
}

export type ActivityKind =
  | 'take.ready' | 'take.decided' | 'take.approved' | 'take.reopened' | 'take.regenerated'
  | 'note.created' | 'note.replied'
  | 'compile.completed' | 'compile.failed'
  | 'member.joined' | 'member.role_changed' | 'member.removed';

export interface ActivityTable {
  id: Generated<number>;
  episode_id: string;
  occurred_at: Timestamp;
  kind: ActivityKind;
  actor_user_id: string | null;
  actor_name: string;
  shot_id: string | null;
  segment_id: string | null;
  note_id: string | null;
  mentioned_user_ids: ColumnType<string[], string[] | undefined, string[]>;
  details: Json<Record<string, unknown>>;
}

export type InboxKind = 'mention' | 'reply' | 'decision' | 'invitation' | 'compile';

export interface InboxItemsTable {
  id: Generated<number>;
  user_id: string;
  kind: InboxKind;
  episode_id: string;
  activity_id: number | null;
  invitation_id: string | null;
  segment_id: string | null;
  created_at: Timestamp;
  read_at: NullableTimestamp;
  emailed_at: NullableTimestamp;
}

export interface MailPreferencesTable {
  user_id: string;
  unsubscribed: ColumnType<string[], string[] | undefined, string[]>;
  last_digest_at: NullableTimestamp;
  link_secret: string;
}

export interface LoginKnownClientsTable {
  user_id: string;
  kind: KnownClientKind;
  value: string;
  last_login_at: Timestamp;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: Generated<Timestamp>;
}

/** A sign-up waiting for its address to be confirmed (only with SMTP configured). */
export interface SignupConfirmationsTable {
  id: Generated<string>;
  /** As typed; compared without case. */
  email: string;
  password_hash: string;
  display_name: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  confirmed_at: NullableTimestamp;
  /** The account the confirmation created. */
  user_id: string | null;
}

export interface RateLimitCountersTable {
  key: string;
  window_start: ColumnType<Date, Date | string, Date | string>;
  count: number;
}

export interface WebhooksTable {
  id: Generated<string>;
  /** Null for a server-wide webhook (an admin's), told about every episode. */
  episode_id: string | null;
  url: string;
  /** Kept as it is (HMAC signing needs it); shown once, never returned again. */
  secret: string;
  events: string[];
  enabled: Generated<boolean>;
  created_by: string | null;
  created_at: Timestamp;
}

/** The outbox: one row per event, written in the transaction of the change it describes. */
export interface WebhookEventsTable {
  id: Generated<string>;
  episode_id: string | null;
  kind: string;
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  webhook_id: string;
  event_id: string;
  kind: string;
  attempt: number;
  /** The receiver's answer; null when none came (see `error`). */
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  created_at: Timestamp;
}
