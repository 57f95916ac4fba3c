/**
 * Turns the credentials a request carries into a principal, the same way for HTTP and for the
 * live-document WebSocket: an API token first, then the session cookie, then the guest cookie.
 */
import type { Database } from '../db/database.ts';
import { ANONYMOUS, type Principal } from './principal.ts';
import { validateApiToken, validateGuestSession, validateUserSession } from './sessions.ts';

export interface Credentials {
  bearer?: string | undefined;
  sessionToken?: string | undefined;
  guestToken?: string | undefined;
}

export type Resolved =
  | { ok: true; principal: Principal; renewedUntil?: Date }
  | { ok: false; reason: 'invalid_token' };

export async function resolvePrincipal(db: Database, credentials: Credentials): Promise<Resolved> {
  if (credentials.bearer !== undefined) {
    const principal = await validateApiToken(db, credentials.bearer);
    return principal ? { ok: true, principal } : { ok: false, reason: 'invalid_token' };
  }
  if (credentials.sessionToken) {
    const session = await validateUserSession(db, credentials.sessionToken);
    if (session) return { ok: true, principal: session.principal, ...(session.renewedUntil && { renewedUntil: session.renewedUntil }) };
  }
  if (credentials.guestToken) {
    const guest = await validateGuestSession(db, credentials.guestToken);
    if (guest) return { ok: true, principal: guest };
  }
  return { ok: true, principal: ANONYMOUS };
}
