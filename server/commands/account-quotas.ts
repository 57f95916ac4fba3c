/**
 * Per-account quotas on work in progress: compiles, character picture requests and generation
 * runs. Each is heavy for the machine (ffmpeg, a paid model, a queue of renders), so one account
 * may only have so many going at once (`DAILIES_MAX_ACTIVE_*`); the next start is a 429 with
 * Retry-After until one ends. Counted inside the transaction that starts the work, under a lock
 * per account, so that simultaneous starts cannot all slip under the quota.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { countActiveCompiles, countActivePictureRequests, countActiveRuns, lockAccountWork } from '../db/queries/quota.queries.ts';
import { AppError } from '../errors.ts';
import type { AccountQuotas, Actor, Services } from './services.ts';

export type QuotaKind = keyof AccountQuotas;

const RULES: Record<QuotaKind, { count: (db: Database, userId: string) => Promise<number>; retryAfterSeconds: number; what: (n: number) => string; next: string }> = {
  compiles: {
    count: countActiveCompiles,
    retryAfterSeconds: 30,
    what: (n) => `${n} ${n === 1 ? 'compile' : 'compiles'} queued or running`,
    next: 'wait for one to finish and try again',
  },
  pictureRequests: {
    count: countActivePictureRequests,
    retryAfterSeconds: 15,
    what: (n) => `${n} picture ${n === 1 ? 'request' : 'requests'} queued or running`,
    next: 'wait for one to finish and try again',
  },
  generationRuns: {
    count: countActiveRuns,
    retryAfterSeconds: 60,
    what: (n) => `${n} generation ${n === 1 ? 'run' : 'runs'} active`,
    next: 'let one finish, or cancel one, and try again',
  },
};

/**
 * Throws 429 `quota_exceeded` when the acting account already has its quota of `kind` going.
 * Call inside the transaction that inserts the work, after any episode lock. Work started by the
 * system (auto-approval, jobs) is not an account's and is not counted.
 */
export async function assertAccountQuota(services: Services, trx: Transaction<DB>, kind: QuotaKind, actor: Actor): Promise<void> {
  if (!actor.userId) return;
  await lockAccountWork(trx, actor.userId);
  const rule = RULES[kind];
  const limit = services.engine.quotas[kind];
  const active = await rule.count(trx, actor.userId);
  if (active < limit) return;
  throw new AppError('quota_exceeded', `You already have ${rule.what(active)}, the most one account may have at once (${limit}): ${rule.next}.`, {
    status: 429,
    details: { quota: kind, limit, active, retry_after_seconds: rule.retryAfterSeconds },
    headers: { 'Retry-After': String(rule.retryAfterSeconds) },
  });
}
