/**
 * Share links: an owner opens one episode to anyone holding the link, as reviewer or viewer.
 * The token (160 bits) is returned once and stored hashed; a password, if any, is hashed with
 * argon2id. Creating, revoking and every use are audited.
 */
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { createGuestSession, type IssuedSession } from '../auth/sessions.ts';
import { generateToken, hashToken, looksLikeToken } from '../auth/tokens.ts';
import { insertAuditEvent } from '../db/queries/audit.queries.ts';
import {
  findShareLink,
  findShareLinkByHash,
  insertShareLink,
  recordShareLinkUse,
  revokeShareLink,
} from '../db/queries/share-link.queries.ts';
import type { ShareLinkRole } from '../../src/lib/domain/enums.ts';
import type { ShareLink } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor, Services } from './services.ts';

export interface NewShareLink {
  role: ShareLinkRole;
  label: string;
  expiresAt?: Date;
  password?: string;
}

export async function createShareLink(
  services: Services,
  episodeId: string,
  input: NewShareLink,
  actor: Actor,
): Promise<{ token: string; link: ShareLink }> {
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new AppError('validation_failed', 'The expiry must be in the future.', { status: 400, details: [{ path: 'expires_at', message: 'is in the past' }] });
  }
  const token = generateToken();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return services.db.transaction().execute(async (trx) => {
    const link = await insertShareLink(trx, {
      episode_id: episodeId,
      token_hash: hashToken(token),
      role: input.role,
      label: input.label,
      password_hash: passwordHash,
      expires_at: input.expiresAt ?? null,
      created_by: actor.userId,
    });
    await insertAuditEvent(trx, {
      action: 'share_link.created',
      episode_id: episodeId,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      share_link_id: link.id,
      ip: actor.ip ?? null,
      details: { role: link.role, label: link.label, expires_at: link.expires_at, has_password: passwordHash !== null },
    });
    return { token, link };
  });
}

export async function revokeLink(services: Services, linkId: string, actor: Actor): Promise<ShareLink> {
  return services.db.transaction().execute(async (trx) => {
    const existing = await findShareLink(trx, linkId);
    if (!existing) throw notFound('Share link', linkId);
    const revoked = (await revokeShareLink(trx, linkId)) ?? existing;
    await insertAuditEvent(trx, {
      action: 'share_link.revoked',
      episode_id: existing.episode_id,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      share_link_id: linkId,
      ip: actor.ip ?? null,
    });
    return revoked;
  });
}

/** Why a link cannot be used, in words for the guest; the same answer whatever the cause inside. */
const linkUnusable = (reason: 'unknown' | 'revoked' | 'expired') =>
  new AppError(
    reason === 'expired' ? 'share_link_expired' : reason === 'revoked' ? 'share_link_revoked' : 'share_link_invalid',
    reason === 'expired'
      ? 'This share link has expired. Ask the person who shared it for a new one.'
      : reason === 'revoked'
        ? 'This share link was revoked. Ask the person who shared it for a new one.'
        : 'This share link is not valid. Check that you copied all of it.',
    { status: reason === 'unknown' ? 404 : 410 },
  );

/** Looks a link up by its token and checks it can be used now (not revoked, not expired). */
export async function usableLink(services: Services, token: string): Promise<ShareLink> {
  const link = looksLikeToken(token) ? await findShareLinkByHash(services.db, hashToken(token)) : undefined;
  if (!link) throw linkUnusable('unknown');
  if (link.revoked_at) throw linkUnusable('revoked');
  if (link.expires_at && link.expires_at.getTime() <= Date.now()) throw linkUnusable('expired');
  return link;
}

/** A guest names themselves (and gives the link's password, if it has one) and gets a session. */
export async function startGuestSession(
  services: Services,
  token: string,
  input: { name: string; password?: string },
  ip: string | null,
): Promise<{ link: ShareLink; session: IssuedSession }> {
  const link = await usableLink(services, token);
  if (link.password_hash && !(await verifyPassword(link.password_hash, input.password ?? ''))) {
    await insertAuditEvent(services.db, {
      action: 'share_link.password_failed',
      episode_id: link.episode_id,
      actor_user_id: null,
      actor_name: `${input.name} (guest)`,
      share_link_id: link.id,
      ip,
    });
    throw new AppError('share_link_password', input.password ? 'That password is not right.' : 'This link needs a password.', {
      status: 401,
      details: { password_required: true },
    });
  }
  return services.db.transaction().execute(async (trx) => {
    const session = await createGuestSession(trx, link.id, input.name, link.expires_at);
    await recordShareLinkUse(trx, link.id);
    await insertAuditEvent(trx, {
      action: 'share_link.used',
      episode_id: link.episode_id,
      actor_user_id: null,
      actor_name: `${input.name} (guest)`,
      share_link_id: link.id,
      ip,
    });
    return { link, session };
  });
}
