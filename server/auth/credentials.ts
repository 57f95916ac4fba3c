/**
 * Turns the credentials a request carries into a principal, the same way for HTTP and for the
 * live-document WebSocket: an API token first, then the session cookie, then the guest cookie.
 */
import type { Database } from '../db/database.ts';
import { ANONYMOUS, type Principal } from './principal.ts';
import { guestSessionProblem, validateApiToken, validateGuestSession, validateUserSession } from './sessions.ts';

export interface Credentials {
  bearer?: string | undefined;
  sessionToken?: string | undefined;
  guestToken?: string | undefined;
}

export type Resolved =
  | { ok: true; principal: Principal; renewedUntil?: Date; guestProblem?: GuestProblem }
  | { ok: false; reason: 'invalid_token' };

/** Why a guest cookie no longer opens anything, so the guest can be told rather than sent to log in. */
export type GuestProblem = 'share_link_revoked' | 'share_link_expired';

export async function resolvePrincipal(db: Database, credentials: Credentials): Promise<Resolved> {
  if (credentials.bearer !== undefined) {
    const principal = await validateApiToken(db, credentials.bearer);
    return principal ? { ok: true, principal } : { ok: false, reason: 'invalid_token' };
  }
  const guest = credentials.guestToken ? await validateGuestSession(db, credentials.guestToken) : undefined;
  if (credentials.sessionToken) {
    const session = await validateUserSession(db, credentials.sessionToken);
    if (session) {
      // Signed in and holding a share link: the account keeps its identity and gains the link's access.
      const principal =
        guest?.kind === 'guest'
          ? { ...session.principal, guestGrant: { shareLinkId: guest.shareLinkId, episodeId: guest.episodeId, role: guest.role, sessionId: guest.sessionId } }
          : session.principal;
      return { ok: true, principal, ...(session.renewedUntil && { renewedUntil: session.renewedUntil }) };
    }
  }
  if (guest) return { ok: true, principal: guest };
  if (credentials.guestToken) {
    const problem = await guestSessionProblem(db, credentials.guestToken);
    if (problem) return { ok: true, principal: ANONYMOUS, guestProblem: problem };
  }
  return { ok: true, principal: ANONYMOUS };
}
