/**
 * Session cookies: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over HTTPS.
 */
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppEnv, HttpSettings } from './context.ts';

export function isHttps(c: Context<AppEnv>, settings: HttpSettings): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return settings.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
}

export function setSessionCookie(c: Context<AppEnv>, settings: HttpSettings, name: string, token: string, expiresAt: Date): void {
  setCookie(c, name, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, settings),
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>, settings: HttpSettings, name: string): void {
  deleteCookie(c, name, { path: '/', secure: isHttps(c, settings), httpOnly: true, sameSite: 'Lax' });
}

/** The long-lived cookie that makes this browser known to the accounts that logged in with it (sent only to /api/v1/auth). */
export function setDeviceCookie(c: Context<AppEnv>, settings: HttpSettings, name: string, token: string, expiresAt: Date): void {
  setCookie(c, name, token, { httpOnly: true, sameSite: 'Strict', secure: isHttps(c, settings), path: '/api/v1/auth', expires: expiresAt });
}
