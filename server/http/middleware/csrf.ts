/**
 * CSRF defence for browser writes: an unsafe request that a browser marks as coming from another
 * site (Origin of another host, or Sec-Fetch-Site cross-site/same-site) is refused. Requests with
 * an API token carry no ambient credentials and are exempt; clients that send neither header
 * (scripts) are not browsers and pass.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.ts';
import type { AppEnv } from '../context.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method) || c.req.header('authorization')) return next();
    const host = c.req.header('host');
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    let crossSite = site === 'cross-site' || site === 'same-site';
    if (origin !== undefined) {
      let originHost: string | undefined;
      try {
        originHost = origin === 'null' ? undefined : new URL(origin).host;
      } catch {
        originHost = undefined;
      }
      crossSite = originHost !== host;
    }
    if (crossSite) {
      throw new AppError('csrf_rejected', 'This request came from another site and was refused.', { status: 403 });
    }
    return next();
  };
}
