/**
 * Sessions after Lucia's guide: a random token in an HttpOnly cookie, its SHA-256 as the row id,
 * a 30-day lifetime that slides forward when less than half is left, deleted on logout and on a
 * password change. Guests get the same kind of session, tied to their share link.
 */
import type { Database } from '../db/database.ts';
import { findActiveApiTokenByHash, touchApiToken } from '../db/queries/token.queries.ts';
import {
  deleteGuestSession,
  findActiveGuestSession,
  findGuestSessionLink,
  insertGuestSession,
} from '../db/queries/share-link.queries.ts';
import { deleteSession, extendSession, findSessionWithUser, insertSession } from '../db/queries/user.queries.ts';
import type { Principal } from './principal.ts';
import { generateToken, hashToken, looksLikeToken } from './tokens.ts';

export const SESSION_COOKIE = 'dailies_session';
export const GUEST_COOKIE = 'dailies_guest';
export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2;
export const GUEST_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export async function createUserSession(db: Database, userId: string): Promise<IssuedSession> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await insertSession(db, { id: hashToken(token), user_id: userId, expires_at: expiresAt });
  return { token, expiresAt };
}

export interface ValidatedSession {
  principal: Extract<Principal, { kind: 'user' }>;
  /** Set when the expiry moved forward: the cookie must be sent again. */
  renewedUntil?: Date;
}

/** The account behind a session token, extending the session when it is past half its life. */
export async function validateUserSession(db: Database, token: string): Promise<ValidatedSession | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const sessionId = hashToken(token);
  const row = await findSessionWithUser(db, sessionId);
  if (!row) return undefined;
  const now = Date.now();
  if (row.expires_at.getTime() <= now) {
    await deleteSession(db, sessionId);
    return undefined;
  }
  const principal = {
    kind: 'user' as const,
    userId: row.id,
    email: row.email,
    name: row.display_name,
    isAdmin: row.is_admin,
    via: 'session' as const,
    sessionId,
    scope: null,
  };
  if (row.expires_at.getTime() - now < RENEW_WHEN_LEFT_MS) {
    const renewedUntil = new Date(now + SESSION_LIFETIME_MS);
    await extendSession(db, sessionId, renewedUntil);
    return { principal, renewedUntil };
  }
  return { principal };
}

export async function invalidateUserSession(db: Database, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

/** The account behind an API token (`Authorization: Bearer …`), limited to the token's scope. */
export async function validateApiToken(db: Database, token: string): Promise<Principal | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await findActiveApiTokenByHash(db, hashToken(token));
  if (!row) return undefined;
  await touchApiToken(db, row.token_id);
  return {
    kind: 'user',
    userId: row.id,
    email: row.email,
    name: row.display_name,
    isAdmin: row.is_admin,
    via: 'token',
    tokenId: row.token_id,
    scope: row.scope,
  };
}

export async function createGuestSession(
  db: Database,
  shareLinkId: string,
  guestName: string,
  linkExpiresAt: Date | null,
): Promise<IssuedSession> {
  const token = generateToken();
  const fullLife = Date.now() + GUEST_LIFETIME_MS;
  const expiresAt = new Date(linkExpiresAt ? Math.min(fullLife, linkExpiresAt.getTime()) : fullLife);
  await insertGuestSession(db, { id: hashToken(token), share_link_id: shareLinkId, guest_name: guestName, expires_at: expiresAt });
  return { token, expiresAt };
}

export async function validateGuestSession(db: Database, token: string): Promise<Principal | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await findActiveGuestSession(db, hashToken(token));
  if (!row) return undefined;
  return {
    kind: 'guest',
    sessionId: row.session_id,
    shareLinkId: row.share_link_id,
    episodeId: row.episode_id,
    role: row.role,
    name: row.guest_name,
  };
}

export async function invalidateGuestSession(db: Database, sessionId: string): Promise<void> {
  await deleteGuestSession(db, sessionId);
}

/** For a guest session that no longer works: whether its link was revoked or has expired. */
export async function guestSessionProblem(db: Database, token: string): Promise<'share_link_revoked' | 'share_link_expired' | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await findGuestSessionLink(db, hashToken(token));
  if (!row) return undefined;
  if (row.revoked_at) return 'share_link_revoked';
  const now = Date.now();
  if ((row.link_expires_at && row.link_expires_at.getTime() <= now) || row.expires_at.getTime() <= now) return 'share_link_expired';
  return undefined;
}
