/**
 * Whether a live connection's credentials still open its episode: checked when it connects and
 * again whenever an `access_changed` notification names its account, share link or episode. The
 * same credentials and the same permission table as the API.
 */
import { roleOnEpisode } from '../auth/policies.ts';
import { resolvePrincipal, type Credentials } from '../auth/credentials.ts';
import type { Principal } from '../auth/principal.ts';
import type { Database } from '../db/database.ts';
import { findEpisode } from '../db/queries/episode.queries.ts';
import type { EpisodeRole } from '../db/schema.ts';
import type { LiveCloseReason } from '../../src/lib/live/close-reasons.ts';

/** What a live connection carries once authenticated. */
export interface CollabContext {
  principal: Exclude<Principal, { kind: 'anonymous' }>;
  episodeId: string;
  role: EpisodeRole;
  /** Kept to check the connection again when access changes; never sent anywhere. */
  credentials: Credentials;
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
