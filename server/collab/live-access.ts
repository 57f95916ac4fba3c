/**
 * Whether a live connection's credentials still open its episode: checked when it connects and
 * again whenever an `access_changed` notification names its account, share link or episode. The
 * same credentials and the same permission table as the API.
 */
import { createHash } from 'node:crypto';
import { roleOnEpisode } from '../auth/policies.ts';
import { resolvePrincipal, type Credentials } from '../auth/credentials.ts';
import { actorOf, type Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { findEpisode } from '../db/queries/episode.queries.ts';
import type { EpisodeRole } from '../db/schema.ts';
import type { LiveCloseReason } from '../../src/lib/live/close-reasons.ts';
import { presenceColour, type PresenceIdentity } from '../../src/lib/live/presence.ts';

/** What a live connection carries once authenticated. */
export interface CollabContext {
  principal: Exclude<Principal, { kind: 'anonymous' }>;
  episodeId: string;
  role: EpisodeRole;
  /** Kept to check the connection again when access changes; never sent anywhere. */
  credentials: Credentials;
  /** Who this connection is in presence, stamped by the server. */
  identity: PresenceIdentity;
}

export type LiveAccess =
  | { ok: true; principal: Exclude<Principal, { kind: 'anonymous' }>; role: EpisodeRole }
  | { ok: false; reason: LiveCloseReason };

/** The principal and role the credentials give on the episode now, or why they give none. */
export async function checkLiveAccess(db: Database, credentials: Credentials, episodeId: string): Promise<LiveAccess> {
  const resolved = await resolvePrincipal(db, credentials);
  if (!resolved.ok) return { ok: false, reason: 'token_revoked' };
  const principal = resolved.principal;
  if (principal.kind === 'anonymous') return { ok: false, reason: resolved.guestProblem ?? 'signed_out' };
  const role = await roleOnEpisode(db, principal, episodeId);
  if (!role || !(await findEpisode(db, episodeId))) return { ok: false, reason: 'access_removed' };
  return { ok: true, principal, role };
}

/** Whether two principals are the same person signed in the same way (an account, or one guest session). */
export function samePrincipal(a: Principal, b: Principal): boolean {
  if (a.kind === 'user' && b.kind === 'user') return a.userId === b.userId;
  if (a.kind === 'guest' && b.kind === 'guest') return a.sessionId === b.sessionId;
  return false;
}

/** The identity a connection's presence is stamped with. */
export function presenceIdentityOf(principal: Exclude<Principal, { kind: 'anonymous' }>): PresenceIdentity {
  if (principal.kind === 'user') {
    return { name: actorOf(principal).name, colour: presenceColour(principal.userId), userId: principal.userId, guestId: null };
  }
  // Not the session id itself: that is the key to the guest's session row.
  const guestId = createHash('sha256').update(`presence:${principal.sessionId}`).digest('hex').slice(0, 16);
  return { name: actorOf(principal).name, colour: presenceColour(guestId), userId: null, guestId };
}
