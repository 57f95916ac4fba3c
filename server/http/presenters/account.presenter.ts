/**
 * Whitelists what responses about people, tokens, members and share links may carry:
 * never a hash, never a password.
 */
import type { ApiTokenDto, AuditEventDto, MeDto, MemberDto, PasswordChangedDto, ShareInfoDto, ShareLinkDto, SignupPendingDto } from '../../../src/lib/api/auth.schema.ts';
import type { Principal } from '../../auth/principal.ts';
import type { PasswordChanged } from '../../commands/accounts.ts';
import type { listAuditEvents } from '../../db/queries/audit.queries.ts';
import type { ApiToken, EpisodeRole, MemberOrigin, ShareLink } from '../../db/schema.ts';

export function presentMe(principal: Principal): MeDto {
  if (principal.kind === 'guest') {
    return { kind: 'guest', id: null, email: null, display_name: principal.name, is_admin: false, episode_id: principal.episodeId, role: principal.role };
  }
  if (principal.kind === 'user') {
    return { kind: 'user', id: principal.userId, email: principal.email, display_name: principal.name, is_admin: principal.isAdmin };
  }
  throw new Error('An anonymous caller has no profile');
}

/** A sign-up waiting for its address: the same words whether or not the address has an account. */
export function presentSignupPending(email: string): SignupPendingDto {
  return { status: 'confirmation_sent', email };
}

/** What a password change ended, said plainly (the new session travels in the cookie only). */
export function presentPasswordChanged(changed: PasswordChanged): PasswordChangedDto {
  const tokens = changed.apiTokensRevoked;
  const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
  return {
    sessions_ended: changed.sessionsEnded,
    api_tokens_revoked: tokens,
    message:
      `Your password was changed: ${plural(changed.sessionsEnded, 'session was', 'sessions were')} ended and you are signed in again here; ` +
      (tokens > 0 ? `${plural(tokens, 'API token was', 'API tokens were')} revoked, so create new ones for your scripts.` : 'you had no API tokens to revoke.'),
  };
}

export function presentApiToken(row: ApiToken): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
    expires_at: row.expires_at?.toISOString() ?? null,
    revoked: row.revoked_at !== null,
  };
}

export function presentMember(row: {
  user_id: string;
  email: string;
  display_name: string;
  role: EpisodeRole;
  joined_via: MemberOrigin;
  created_at: Date;
  added_by_name: string | null;
}): MemberDto {
  return {
    user_id: row.user_id,
    email: row.email,
    display_name: row.display_name,
    role: row.role,
    joined_via: row.joined_via,
    joined_at: row.created_at.toISOString(),
    added_by_name: row.joined_via === 'created' ? null : row.added_by_name,
  };
}

export function presentShareLink(row: ShareLink, token?: string): ShareLinkDto {
  return {
    id: row.id,
    episode_id: row.episode_id,
    role: row.role as 'reviewer' | 'viewer',
    label: row.label,
    has_password: row.password_hash !== null,
    expires_at: row.expires_at?.toISOString() ?? null,
    revoked: row.revoked_at !== null,
    use_count: row.use_count,
    last_used_at: row.last_used_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    ...(token ? { token, url: `/share/${token}` } : {}),
  };
}

/** What a share link opens, for anyone holding its token: never the episode itself. */
export function presentShareInfo(row: ShareLink): ShareInfoDto {
  return {
    label: row.label,
    role: row.role as 'reviewer' | 'viewer',
    password_required: row.password_hash !== null,
    expires_at: row.expires_at?.toISOString() ?? null,
  };
}

export function presentAuditEvent(event: Awaited<ReturnType<typeof listAuditEvents>>[number]): AuditEventDto {
  return {
    id: event.id,
    occurred_at: event.occurred_at.toISOString(),
    action: event.action,
    actor_user_id: event.actor_user_id,
    actor_name: event.actor_name,
    share_link_id: event.share_link_id,
    details: event.details,
  };
}
