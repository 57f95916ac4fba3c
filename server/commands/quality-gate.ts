/**
 * The quality gate (src/lib/domain/quality-gate.ts). Editors and owners set it per episode. The
 * analyzer hands it every take it completes, inside the episode lock and the same transaction, so
 * a crash never leaves a gate decision half made: a take below a threshold is put aside (it stays
 * as a version) and a new version of the shot with a new seed is queued in its place, while the
 * retries, the budget and the run's cap allow; only the take that passed, or the best try when
 * the retries are spent or the budget or the run's cap stops the gate, is put up for review.
 */
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import {
  bestTry,
  DEFAULT_QUALITY_GATE,
  type GateTry,
  type QualityGateSettings,
  shortfalls,
  type TakeGateRecord,
} from '../../src/lib/domain/quality-gate.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { findActiveRun } from '../db/queries/generation-run.queries.ts';
import { findQualityGate, setTakeGate, storeQualityGate } from '../db/queries/quality-gate.queries.ts';
import { clearCurrent, findSegment, insertNextVersion, listCurrentSegments, makeCurrent } from '../db/queries/segment.queries.ts';
import type { DB, Episode, GenerationRun, VideoSegment } from '../db/schema.ts';
import { isAppError, notFound } from '../errors.ts';
import { assertWithinBudget, spendingGuard } from './episode-budget.ts';
import { covers } from './generation-runs.ts';
import { queueSegmentGeneration } from './segment-queue.ts';
import type { Actor, Services } from './services.ts';

/** The episode's gate (off when never set). */
export async function readQualityGate(services: Services, episodeId: string): Promise<QualityGateSettings> {
  return (await findQualityGate(services.db, episodeId)) ?? DEFAULT_QUALITY_GATE;
}

/** Sets the episode's gate; it applies to every take analysed from now on. */
export async function setQualityGate(
  services: Services,
  episodeId: string,
  input: { enabled: boolean; min_quality?: number | null | undefined; min_consistency?: number | null | undefined; max_retries: number },
  actor: Actor,
): Promise<QualityGateSettings> {
  const gate: QualityGateSettings = { enabled: input.enabled, min_quality: input.min_quality ?? null, min_consistency: input.min_consistency ?? null, max_retries: input.max_retries };
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    if (!(await findEpisode(trx, episodeId))) throw notFound('Episode', episodeId);
    await storeQualityGate(trx, episodeId, gate);
    await auditEpisodeAction(trx, actor, episodeId, 'episode.quality_gate', { ...gate });
    return gate;
  });
}

const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function tryOf(take: VideoSegment): GateTry {
  return { segment_id: take.id, version: take.version, quality: numberOrNull(take.quality_score), consistency: numberOrNull(take.consistency_score) };
}

/**
 * Why one more take may not be made: the run's cap or the episode's budget would be passed (the
 * run's own guard when the take belongs to the active run, the budget alone otherwise).
 */
async function spendingStop(services: Services, trx: Transaction<DB>, episode: Episode, run: GenerationRun | undefined, take: VideoSegment): Promise<string | undefined> {
  if (run) return (await spendingGuard(services, trx, episode, run, await listCurrentSegments(trx, episode.id)))(take);
  try {
    await assertWithinBudget(services, trx, episode, [take]);
    return undefined;
  } catch (error) {
    if (isAppError(error) && error.code === 'budget_exceeded') return error.message;
    throw error;
  }
}

/**
 * Holds a freshly completed take to the episode's gate. Returns the take to put up for review (the
 * given one, or an earlier try the gate keeps instead), or undefined when another take was queued
 * in its place. Call inside `withEpisodeLock`, in the transaction that completed the take.
 */
export async function holdToQualityGate(services: Services, trx: Transaction<DB>, take: VideoSegment, options: { autoApprove: boolean }): Promise<VideoSegment | undefined> {
  const record = take.quality_gate;
  const gate = await findQualityGate(trx, take.episode_id);
  const self = tryOf(take);
  const earlier = record?.earlier ?? [];
  // Several takes to choose from are the team's to compare: the gate leaves them to the vote.
  if (!gate?.enabled || !take.is_current || take.choice_state === 'contending') {
    // Turned off while a retry was rendering: the retry is reviewed as it is.
    return record ? setTakeGate(trx, take.id, { ...record, outcome: 'passed', self }) : take;
  }
  const thresholds = { min_quality: gate.min_quality, min_consistency: gate.min_consistency };
  const base: Omit<TakeGateRecord, 'outcome'> = { earlier, self, ...thresholds };
  if (shortfalls(self, thresholds).length === 0) return setTakeGate(trx, take.id, { ...base, outcome: 'passed' });
  if (earlier.length >= gate.max_retries) return keepBest(trx, take, base, { outcome: 'gave_up' });

  const episode = await findEpisode(trx, take.episode_id);
  const active = await findActiveRun(trx, take.episode_id);
  const run = active && active.id === take.generation_run_id ? active : undefined;
  const stop = episode ? await spendingStop(services, trx, episode, run, take) : 'The episode is gone.';
  if (stop) return keepBest(trx, take, base, { outcome: 'stopped', reason: stop });

  const seed = randomInt(0, 2_147_483_647);
  const next = await insertNextVersion(trx, take, { seed, generation_params: { ...take.generation_params, seed } });
  const pending = await setTakeGate(trx, next.id, { earlier: [...earlier, self], ...thresholds, outcome: 'pending' });
  await setTakeGate(trx, take.id, { ...base, outcome: 'retried' });
  // Under a paused run the retry waits with the run's other shots; it starts when the run resumes.
  const held = active?.paused_at && covers(active, next);
  if (!held) {
    await queueSegmentGeneration(services, trx, pending, {
      autoApprove: options.autoApprove,
      runId: run?.id ?? null,
      requestedBy: take.requested_by,
      ...(take.queue_lane !== null && { lane: take.queue_lane }),
    });
  }
  services.log.info(`Segment ${take.id} is below the episode's quality gate; version ${next.version} is made in its place.`);
  return undefined;
}

/**
 * The gate stops (the retries are spent, or the budget or the run's cap allows no more): the best
 * try is kept for review, made current again when it is an earlier one.
 */
async function keepBest(
  trx: Transaction<DB>,
  take: VideoSegment,
  base: Omit<TakeGateRecord, 'outcome'>,
  end: { outcome: 'gave_up' | 'stopped'; reason?: string },
): Promise<VideoSegment> {
  const tries = [...base.earlier, base.self!];
  const best = bestTry(tries, base);
  const kept = best && best.segment_id !== take.id ? await findSegment(trx, best.segment_id) : undefined;
  if (!best || !kept || kept.status !== 'completed' || kept.purged_at) return setTakeGate(trx, take.id, { ...base, ...end });
  await setTakeGate(trx, take.id, { ...base, outcome: 'not_kept' });
  await clearCurrent(trx, take.shot_id);
  await makeCurrent(trx, kept.id);
  return setTakeGate(trx, kept.id, { ...base, earlier: tries.filter((tried) => tried.segment_id !== kept.id), self: best, ...end });
}
