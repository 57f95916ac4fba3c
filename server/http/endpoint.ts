/**
 * Every API route declares itself through `endpoint(...)`: its authorization rule, its summary,
 * and the zod schema of its body. The middleware enforces the rule and validates the body; the
 * declaration stays attached to the router, so the OpenAPI document and the authorization matrix
 * test are generated from the routes themselves, and a route without a rule is caught.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { atLeast, authorizeEpisode, type Permission, unauthenticated } from '../auth/policies.ts';
import { actorOf } from '../auth/principal.ts';
import { type Charge, consumeLimit, type RateLimit, reserveAttempts } from '../auth/rate-limit.ts';
import type { Database } from '../db/database.ts';
import { findCompilation } from '../db/queries/compilation.queries.ts';
import { findInvitation } from '../db/queries/invitation.queries.ts';
import { findNote } from '../db/queries/note.queries.ts';
import { findSegment } from '../db/queries/segment.queries.ts';
import { findShareLink } from '../db/queries/share-link.queries.ts';
import { findShot } from '../db/queries/shot.queries.ts';
import { findWebhook } from '../db/queries/webhook.queries.ts';
import type { EpisodeRole } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { AppEnv } from './context.ts';
import { assertStorableUrl, parseWith, readJson } from './validate.ts';
import { z } from 'zod';

/** What the `:id` path parameter names, for rules about one episode. */
export type IdKind = 'episode' | 'segment' | 'shot' | 'share_link' | 'compilation' | 'note' | 'invitation' | 'webhook';

export type Rule =
  /** Anyone, signed in or not. */
  | { kind: 'public' }
  /** Anyone signed in, guests included. */
  | { kind: 'signed_in' }
  /** An account (not a guest); API tokens need at least `minScope`; with `admin`, a server admin's. */
  | { kind: 'account'; minScope?: EpisodeRole; admin?: boolean }
  /** A role on the episode that `:id` leads to. */
  | { kind: 'episode'; permission: Permission; id: IdKind };

/**
 * For a request that checks a secret (a password): one place on each counter is taken before the
 * handler runs, so a burst cannot check more than the limit allows, and given back unless the
 * handler ends with the wrong-secret error; only wrong guesses use up the allowance.
 */
export interface GuessLimit {
  /** The counters one guess takes a place on; undefined when this request checks no secret. */
  charges: (c: Context<AppEnv>) => Charge[] | undefined | Promise<Charge[] | undefined>;
  /** The error code a wrong guess ends with. */
  wrongSecret: string;
}

export interface EndpointSpec<B extends z.ZodType | undefined = z.ZodType | undefined> {
  rule: Rule;
  summary: string;
  body?: B;
  /** Charged after the rule and the body pass (see RATE_LIMITS). */
  rateLimit?: RateLimit;
  guesses?: GuessLimit;
  /** Status of a successful answer (for the OpenAPI document). */
  success?: number;
  /** Other successful answers, status → when it is given (for the OpenAPI document). */
  alsoSucceeds?: Record<number, string>;
}

export const ENDPOINT = Symbol('dailies.endpoint');

export type EndpointMiddleware = MiddlewareHandler<AppEnv> & { [ENDPOINT]: EndpointSpec };

const idParam = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

/** Finds the episode an id leads to; a missing resource is a 404 like a hidden one. */
async function episodeOf(db: Database, kind: IdKind, id: string): Promise<string> {
  if (kind === 'episode') return id;
  if (kind === 'webhook') {
    // A server-wide webhook belongs to no episode: it is reached under /admin/webhooks only.
    const webhook = await findWebhook(db, id);
    if (!webhook?.episode_id) throw notFound('Webhook', id);
    return webhook.episode_id;
  }
  const row =
    kind === 'segment'
      ? await findSegment(db, id)
      : kind === 'shot'
        ? await findShot(db, id)
        : kind === 'share_link'
          ? await findShareLink(db, id)
          : kind === 'note'
            ? await findNote(db, id)
            : kind === 'invitation'
              ? await findInvitation(db, id)
              : await findCompilation(db, id);
  const names: Record<Exclude<IdKind, 'episode' | 'webhook'>, string> = {
    segment: 'Segment',
    shot: 'Shot',
    share_link: 'Share link',
    compilation: 'Compilation job',
    note: 'Note',
    invitation: 'Invitation',
  };
  if (!row) throw notFound(names[kind], id);
  return row.episode_id;
}

async function charge(db: Database, c: Context<AppEnv>, { name, limit, per }: RateLimit): Promise<void> {
  const principal = c.get('principal');
  if (per === 'address') return consumeLimit(db, `${name}:${c.get('ip')}`, limit);
  if (principal.kind === 'user') return consumeLimit(db, `${name}:${principal.userId}`, limit);
}

export function endpoint<B extends z.ZodType | undefined = undefined>(db: Database, spec: EndpointSpec<B>): EndpointMiddleware {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    // Before anything reads them (the database included): text Postgres cannot store is a 400 here.
    assertStorableUrl(c.req.url, c.req.param() as Record<string, string>, c.req.queries());
    const principal = c.get('principal');
    c.set('actor', { ...actorOf(principal), ip: c.get('ip') });
    const rule = spec.rule;
    if (rule.kind !== 'public' && principal.kind === 'anonymous') {
      const problem = c.get('guestProblem');
      if (problem) {
        throw new AppError(problem, `The share link you opened this with ${problem === 'share_link_revoked' ? 'was revoked' : 'has expired'}. Ask the person who shared it for a new one.`, { status: 401 });
      }
      throw unauthenticated();
    }
    if (rule.kind === 'account') {
      if (principal.kind !== 'user') {
        throw new AppError('forbidden', 'Guests cannot do this; sign in with an account.', { status: 403 });
      }
      if (rule.minScope && principal.scope && !atLeast(principal.scope, rule.minScope)) {
        throw new AppError('forbidden', `This API token's scope (${principal.scope}) does not allow this; it needs ${rule.minScope}.`, {
          status: 403,
        });
      }
      if (rule.admin && !principal.isAdmin) {
        throw new AppError('forbidden', 'Only a server admin can do this; ask one, or use the episode’s own settings.', { status: 403 });
      }
    }
    if (rule.kind === 'episode') {
      const { id } = parseWith(idParam, c.req.param());
      const episodeId = await episodeOf(db, rule.id, id);
      c.set('episodeId', episodeId);
      c.set('role', await authorizeEpisode(db, principal, episodeId, rule.permission));
    }
    if (spec.body) c.set('body', await readJson(c, spec.body));
    if (spec.rateLimit) await charge(db, c, spec.rateLimit);
    const charges = await spec.guesses?.charges(c);
    if (!charges) return next();
    const reservation = await reserveAttempts(db, charges);
    try {
      await next();
    } finally {
      // A thrown handler has been answered by the app's error handler by now; its error stays in c.error.
      if ((c.error as { code?: string } | undefined)?.code !== spec.guesses!.wrongSecret) await reservation.refund();
    }
  };
  return Object.assign(middleware, { [ENDPOINT]: spec as EndpointSpec });
}

/** The validated body, typed by the endpoint's schema. */
export function bodyOf<T extends z.ZodType>(c: Context<AppEnv>, _schema: T): z.infer<T> {
  return c.get('body') as z.infer<T>;
}

/** The endpoint declarations of a router's routes, keyed by `METHOD path`. */
export function declaredEndpoints(routes: { method: string; path: string; handler: unknown }[]): Map<string, EndpointSpec> {
  const found = new Map<string, EndpointSpec>();
  for (const route of routes) {
    const spec = (route.handler as Partial<EndpointMiddleware>)[ENDPOINT];
    if (spec) found.set(`${route.method} ${route.path}`, spec);
  }
  return found;
}
