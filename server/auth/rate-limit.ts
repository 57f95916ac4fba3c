/**
 * Rate limits that hold across server processes (counters live in Postgres). A limited request
 * gets 429 with Retry-After and changes nothing.
 *
 * Two ways to count. `consumeLimit` counts every request. `reserveAttempts` is for slow checks
 * that guard a secret (passwords): a place is taken atomically *before* the check, so a burst of
 * parallel requests cannot run more checks than the limit allows; a check that succeeds gives its
 * place back, so only wrong guesses use up the allowance.
 */
import type { Database } from '../db/database.ts';
import { deleteCountersBefore, hitCounter, refundCounter, reserveCounter } from '../db/queries/rate-limit.queries.ts';
import { AppError } from '../errors.ts';

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowSeconds: number;
}

/** The limits, by what they protect. */
export const LIMITS = {
  /** Password checks for one account from one address. */
  loginPerAccount: { max: 10, windowSeconds: 15 * 60 },
  /** Password checks for one account from browsers and addresses it has never logged in from. */
  loginUnknownClients: { max: 50, windowSeconds: 15 * 60 },
  /** Once those are spent: the slowdown, one such check a minute until the window ends. */
  loginUnknownClientsSlow: { max: 1, windowSeconds: 60 },
  /** Password checks from one address, whatever the account. */
  loginPerAddress: { max: 100, windowSeconds: 15 * 60 },
  signupPerAddress: { max: 20, windowSeconds: 3600 },
  /** Share-link password checks per link and address. */
  sharePasswordPerLink: { max: 10, windowSeconds: 15 * 60 },
  generationPerUser: { max: 30, windowSeconds: 60 },
} as const satisfies Record<string, Limit>;

/**
 * A counter every accepted request is charged to (after its rule and body pass); the request past
 * the limit gets 429 with Retry-After and changes nothing.
 */
export interface RateLimit {
  /** The counter's name; endpoints giving the same name share the allowance. */
  name: string;
  limit: Limit;
  /** Whose requests share one counter: the account's (other callers are not counted) or the client address's. */
  per: 'account' | 'address';
}

/** The limits endpoints declare (`endpoint({ rateLimit })`); each request they accept is counted. */
export const RATE_LIMITS = {
  /** Anything that makes a model work: new episodes and generation runs, per account. */
  generation: { name: 'generation', limit: LIMITS.generationPerUser, per: 'account' },
  signup: { name: 'signup', limit: LIMITS.signupPerAddress, per: 'address' },
} as const satisfies Record<string, RateLimit>;

/** One counter to charge: what it counts, and its limit. */
export interface Charge {
  key: string;
  limit: Limit;
}

/** Places taken by `reserveAttempts`; `refund` gives them back (once). */
export interface Reservation {
  refund(): Promise<void>;
}

/** Why a reservation was refused: the full counter, and when its window ends. */
export interface Refusal {
  key: string;
  retryAfterSeconds: number;
}

let lastSweep = 0;

function windowStartOf(limit: Limit, now: number): number {
  const windowMs = limit.windowSeconds * 1000;
  return Math.floor(now / windowMs) * windowMs;
}

function secondsLeft(limit: Limit, now: number): number {
  return Math.max(1, Math.ceil((windowStartOf(limit, now) + limit.windowSeconds * 1000 - now) / 1000));
}

/** 429 `rate_limited`, with Retry-After; `message` says what else the caller can do. */
export function rateLimited(retryAfterSeconds: number, message = `Too many attempts; try again in ${retryAfterSeconds} seconds.`, reason?: string) {
  return new AppError('rate_limited', message, {
    status: 429,
    details: { retry_after_seconds: retryAfterSeconds, ...(reason && { reason }) },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

async function sweep(db: Database, now: number): Promise<void> {
  if (now - lastSweep <= 10 * 60_000) return;
  lastSweep = now;
  await deleteCountersBefore(db, new Date(now - 24 * 3600_000));
}

/** Counts one request for `key`; throws 429 `rate_limited` once the window's allowance is spent. */
export async function consumeLimit(db: Database, key: string, limit: Limit, now = Date.now()): Promise<void> {
  const count = await hitCounter(db, key, new Date(windowStartOf(limit, now)));
  await sweep(db, now);
  if (count > limit.max) throw rateLimited(secondsLeft(limit, now));
}

class RefusedError extends Error {
  readonly refusal: Refusal;
  constructor(refusal: Refusal) {
    super(`rate limit ${refusal.key} reached`);
    this.refusal = refusal;
  }
}

/**
 * Takes one place on every counter in `charges`, or on none: in one transaction, each counter's
 * place is taken by a single conditional increment, so the N+1st of N+1 concurrent callers is
 * refused. Counters are locked in the order given; callers list shared counters first, in the
 * same order, so that two transactions never wait on each other in a circle.
 */
export async function tryReserve(db: Database, charges: readonly Charge[], now = Date.now()): Promise<{ reservation: Reservation } | { refused: Refusal }> {
  const taken = charges.map(({ key, limit }) => ({ key, limit, windowStart: new Date(windowStartOf(limit, now)) }));
  try {
    await db.transaction().execute(async (trx) => {
      for (const { key, limit, windowStart } of taken) {
        if ((await reserveCounter(trx, key, windowStart, limit.max)) === undefined) {
          throw new RefusedError({ key, retryAfterSeconds: secondsLeft(limit, now) });
        }
      }
    });
  } catch (error) {
    if (error instanceof RefusedError) return { refused: error.refusal };
    throw error;
  }
  await sweep(db, now);
  let refunded = false;
  return {
    reservation: {
      async refund() {
        if (refunded) return;
        refunded = true;
        for (const { key, windowStart } of taken) await refundCounter(db, key, windowStart);
      },
    },
  };
}

/** `tryReserve`, throwing 429 `rate_limited` (with the full counter's Retry-After) when refused. */
export async function reserveAttempts(db: Database, charges: readonly Charge[], now = Date.now()): Promise<Reservation> {
  const result = await tryReserve(db, charges, now);
  if ('refused' in result) throw rateLimited(result.refused.retryAfterSeconds);
  return result.reservation;
}

/**
 * Runs `check` holding one place on each counter: the place is given back when the check passes
 * or fails for a reason other than a wrong secret (`isWrongSecret` says which errors are guesses).
 */
export async function withReservedAttempt<T>(reservation: Reservation, check: () => Promise<T>, isWrongSecret: (error: unknown) => boolean): Promise<T> {
  let result: T;
  try {
    result = await check();
  } catch (error) {
    if (!isWrongSecret(error)) await reservation.refund();
    throw error;
  }
  await reservation.refund();
  return result;
}
