/**
 * Works out who is calling: an API token (`Authorization: Bearer`), a session cookie, or a guest
 * cookie from a share link; otherwise anonymous. A session past half its life is extended and its
 * cookie sent again.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { resolvePrincipal } from '../../auth/credentials.ts';
import { GUEST_COOKIE, SESSION_COOKIE } from '../../auth/sessions.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { AppEnv, HttpSettings } from '../context.ts';
import { clearSessionCookie, setSessionCookie } from '../cookies.ts';

export function clientIp(c: Parameters<MiddlewareHandler<AppEnv>>[0], settings: HttpSettings): string | null {
  if (settings.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return c.env?.incoming?.socket?.remoteAddress ?? null;
}

export function authenticate(db: Database, settings: HttpSettings): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('ip', clientIp(c, settings));
    const authorization = c.req.header('authorization');
    let bearer: string | undefined;
    if (authorization !== undefined) bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? '';
    const sessionToken = getCookie(c, SESSION_COOKIE);
    const resolved = await resolvePrincipal(db, { bearer, sessionToken, guestToken: getCookie(c, GUEST_COOKIE) });
    // A wrong token is an error, not a silent fall-back to anonymous.
    if (!resolved.ok) throw new AppError('invalid_token', 'The API token is not valid (revoked, expired or mistyped).', { status: 401 });
    if (resolved.renewedUntil && sessionToken) setSessionCookie(c, settings, SESSION_COOKIE, sessionToken, resolved.renewedUntil);
    c.set('principal', resolved.principal);
    c.set('guestProblem', resolved.guestProblem);
    if (resolved.guestProblem) clearSessionCookie(c, settings, GUEST_COOKIE);
    await next();
  };
}
