/**
 * Refuses requests that name another host (DNS rebinding) where it matters: every request that
 * writes — logins and sign-ups set cookies — and every `/collab` connection. Reads stay open:
 * a rebinding page gets no cookies of ours, so it can read only what anyone may.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../errors.ts';
import type { AppEnv } from '../context.ts';
import type { HostPolicy } from '../hosts.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

const wrongHost = (policy: HostPolicy, host: string | undefined) =>
  new AppError(
    'wrong_host',
    `This server answers to ${policy.origin}, not to "${(host ?? '').slice(0, 100)}": use that address, or set DAILIES_PUBLIC_URL to the address people reach it by.`,
    { status: 421, details: { expected_origin: policy.origin } },
  );

export function hostCheck(policy: HostPolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const path = c.req.path;
    const collab = path === '/collab' || path.startsWith('/collab/');
    // An API token carries no ambient credentials, and `authenticate` refuses any Authorization
    // header that is not a valid token before a handler runs: scripts may use any name.
    const tokenCall = c.req.header('authorization') !== undefined && (path.startsWith('/api/') || path.startsWith('/media/'));
    if ((collab || (!SAFE.has(c.req.method) && !tokenCall)) && !policy.allows(c.req.header('host'))) {
      throw wrongHost(policy, c.req.header('host'));
    }
    return next();
  };
}
