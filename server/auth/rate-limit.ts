/**
 * Rate limits that hold across server processes (counters live in Postgres). A limited request
 * gets 429 with Retry-After and changes nothing.
 */
import type { Database } from '../db/database.ts';
import { deleteCountersBefore, hitCounter, readCounter } from '../db/queries/rate-limit.queries.ts';
import { AppError } from '../errors.ts';

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

/** The limits, by what they protect. */
export const LIMITS = {
  /** Failed logins for one account from one address. */
  loginPerAccount: { max: 10, windowSeconds: 15 * 60 },
  /** Failed logins for one account from anywhere (a distributed guess). */
  loginPerEmail: { max: 50, windowSeconds: 15 * 60 },
  loginPerAddress: { max: 100, windowSeconds: 15 * 60 },
  signupPerAddress: { max: 20, windowSeconds: 3600 },
  /** Wrong share-link passwords per link and address. */
  sharePasswordPerLink: { max: 10, windowSeconds: 15 * 60 },
  generationPerUser: { max: 30, windowSeconds: 60 },
} as const satisfies Record<string, Limit>;

let lastSweep = 0;

function windowOf(limit: Limit, now: number): { start: number; end: number } {
  const windowMs = limit.windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, end: start + windowMs };
}

function limited(retryAfter: number) {
  return new AppError('rate_limited', `Too many attempts; try again in ${retryAfter} seconds.`, {
    status: 429,
    details: { retry_after_seconds: retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/** Throws 429 when `key` has already spent its allowance, without counting this request. */
export async function assertUnderLimit(db: Database, key: string, limit: Limit, now = Date.now()): Promise<void> {
  const { start, end } = windowOf(limit, now);
  if ((await readCounter(db, key, new Date(start))) >= limit.max) throw limited(Math.max(1, Math.ceil((end - now) / 1000)));
}

/** Counts one request for `key`; throws 429 `rate_limited` once the window's allowance is spent. */
export async function consumeLimit(db: Database, key: string, limit: Limit, now = Date.now()): Promise<void> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const count = await hitCounter(db, key, new Date(windowStart));
  if (now - lastSweep > 10 * 60_000) {
    lastSweep = now;
    await deleteCountersBefore(db, new Date(now - 24 * 3600_000));
  }
  if (count > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    throw limited(retryAfter);
  }
}
