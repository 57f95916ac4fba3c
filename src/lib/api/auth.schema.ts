/**
 * Request schemas and response shapes of accounts, tokens, members and share links.
 */
import { z } from 'zod';
import { EPISODE_ROLES, SHARE_LINK_ROLES, type EpisodeRole, type MemberOrigin, type ShareLinkRole } from '../domain/enums.ts';

/** The roles, weakest first (the domain's episode roles). */
export const ROLE_VALUES = EPISODE_ROLES;
export type Role = EpisodeRole;

const email = z.email({ message: 'must be an email address' }).max(254);
const password = z.string().min(8, 'must be at least 8 characters').max(256);

export const signupBody = z.strictObject({
  email,
  password,
  display_name: z.string().trim().min(1).max(80).optional(),
  /** Only for the first account of a server that printed one at start. */
  setup_token: z.string().trim().max(64).optional(),
  /**
   * The invitation the person signs up through, and the mailbox proof its emailed link carried:
   * when it is open and was sent to this address, the account is made at once even where sign-ups
   * are confirmed by email (the proof shows the mailbox is theirs). Anything else is ignored here.
   */
  invitation_token: z.string().trim().max(64).optional(),
  invitation_proof: z.string().trim().max(64).optional(),
});

/** The answer to a sign-up that waits for its address to be confirmed (202): the same whether or not the address has an account. */
export interface SignupPendingDto {
  status: 'confirmation_sent';
  email: string;
}

/** The emailed link's token, and the password chosen at sign-up (so the mailbox's holder is the one who chose it). */
export const signupConfirmBody = z.strictObject({ token: z.string().trim().max(64), password: z.string().max(256) });

/** What the sign-up page needs to know before the form is sent. */
export interface SignupInfoDto {
  open: boolean;
  /** The server has no account yet and the first sign-up must give the token it printed at start. */
  setup_token_required: boolean;
}

export const loginBody = z.strictObject({ email: z.string().max(254), password: z.string().max(256) });

export const changePasswordBody = z.strictObject({ current_password: z.string().max(256), new_password: password });

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(ROLE_VALUES).default('owner'),
  expires_in_days: z.number().int().min(1).max(3650).optional(),
});

export const putMemberBody = z.strictObject({ email, role: z.enum(ROLE_VALUES) });
export const deleteMemberBody = z.strictObject({ email });

export const createShareLinkBody = z.strictObject({
  role: z.enum(SHARE_LINK_ROLES),
  label: z.string().trim().max(100).default(''),
  expires_at: z.iso.datetime({ offset: true }).optional(),
  password: z.string().min(4, 'must be at least 4 characters').max(256).optional(),
});

export const createInvitationBody = z.strictObject({
  email,
  role: z.enum(ROLE_VALUES),
  /** How long the link works; 7 days when left out. */
  expires_in_days: z.number().int().min(1).max(30).optional(),
});


/** An invitation as its episode's owners see it. */
export interface InvitationDto {
  id: string;
  episode_id: string;
  email: string;
  role: Role;
  invited_by_name: string;
  created_at: string;
  expires_at: string;
  expired: boolean;
  /** Only in the answer that creates it: the link's path with the token, shown once. */
  url?: string;
  token?: string;
  /** Only in the answer that creates it: whether the link is being sent by email (else copy it). */
  emailed?: boolean;
}

/** What an invitation link opens, as anyone holding it sees it (nothing about accounts). */
export interface InvitationInfoDto {
  episode_title: string;
  role: Role;
  invited_by_name: string;
  email: string;
  expires_at: string;
}

export interface InvitationAcceptedDto {
  episode_id: string;
  role: Role;
}

export const startGuestSessionBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(80),
  password: z.string().max(256).optional(),
});

export const tokenParam = z.object({ token: z.string().regex(/^[a-z2-7]{32}$/, 'is not a share link token') });

export interface MeDto {
  kind: 'user' | 'guest';
  id: string | null;
  email: string | null;
  display_name: string;
  is_admin: boolean;
  /** For guests: the one episode their link opens, and their role there. */
  episode_id?: string;
  role?: Role;
}

/** The answer to a password change: what the old password's sessions and tokens became. */
export interface PasswordChangedDto {
  /** Sessions of the account that were ended (the caller's own is replaced by a new one). */
  sessions_ended: number;
  /** API tokens of the account that were revoked: a password change revokes them all. */
  api_tokens_revoked: number;
  message: string;
}

export interface ApiTokenDto {
  id: string;
  name: string;
  scope: Role;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked: boolean;
}

export interface MemberDto {
  user_id: string;
  /** Null for guests, who do not see members' addresses. */
  email: string | null;
  display_name: string;
  role: Role;
  /** How they joined: created the episode, added by an owner, or through an invitation. */
  joined_via: MemberOrigin;
  /** When they joined. */
  joined_at: string;
  /** Who added or invited them, if known (null for the episode's creator). */
  added_by_name: string | null;
}

export interface ShareLinkDto {
  id: string;
  episode_id: string;
  role: ShareLinkRole;
  label: string;
  has_password: boolean;
  expires_at: string | null;
  revoked: boolean;
  use_count: number;
  last_used_at: string | null;
  created_at: string;
  /** Only in the answer that creates the link: the URL path with the token, shown once. */
  url?: string;
  token?: string;
}

/** One entry of an episode's audit trail (GET /api/v1/episodes/{id}/audit, owners only). */
export interface AuditEventDto {
  /** In the order events happened. */
  id: number;
  occurred_at: string;
  action: string;
  actor_user_id: string | null;
  actor_name: string;
  share_link_id: string | null;
  details: Record<string, unknown>;
}

/** GET /api/v1/share/{token}: what a share link opens, before anyone signs in through it. */
export interface ShareInfoDto {
  label: string;
  role: 'reviewer' | 'viewer';
  password_required: boolean;
  expires_at: string | null;
}
