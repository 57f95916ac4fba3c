/**
 * An episode's budget and a run's cost cap, in US dollars. Spent is what the takes cost (as the
 * providers report, else seconds × price); committed is what the takes queued or rendering will
 * cost by the same estimate. A run is refused before it starts when its estimate does not fit
 * what is left of the budget (422 with the figures); a run that reaches the budget or its cap
 * pauses before the take that would pass it, and says why.
 */
import type { Transaction } from 'kysely';
import { findEpisode, setBudget, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { runSpend } from '../db/queries/generation-run.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { listCurrentSegments, sumEpisodeSpend } from '../db/queries/segment.queries.ts';
import type { DB, Episode, GenerationRun, VideoSegment } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { Database } from '../db/database.ts';
import type { Services } from './services.ts';
import { billedSeconds, roundCents } from './take-provenance.ts';
import { resolveParams } from './video-request.builder.ts';

const money = (usd: number) => `$${roundCents(usd).toFixed(2)}`;

/** Queued or rendering, and not billed yet. */
const committed = (segment: VideoSegment) =>
  segment.cost_usd === null && (segment.status === 'generating' || (segment.status === 'pending' && segment.queued_at !== null));

export interface Spending {
  budgetUsd: number | null;
  spentUsd: number;
  committedUsd: number;
}

/** What one take of a segment should cost with its provider: price × the seconds it bills (0 when free or unpriced). */
export function takeEstimator(services: Services, episode: Episode, shots: Map<string, Parameters<typeof resolveParams>[1]>) {
  return (segment: VideoSegment): number => {
    const shot = shots.get(segment.shot_id);
    const provider = services.providers.video(segment.provider);
    const price = provider.pricePerSecondUsd ?? 0;
    if (!shot || price === 0) return 0;
    return price * billedSeconds(provider, resolveParams(episode, shot, segment).duration);
  };
}

async function estimatorFor(services: Services, db: Database, episode: Episode) {
  const plan = await findPlanRows(db, episode.id);
  return takeEstimator(services, episode, new Map(plan.shots.map((shot) => [shot.id, shot])));
}

export async function episodeSpending(services: Services, db: Database, episode: Episode, segments?: VideoSegment[]): Promise<Spending> {
  const [rows, current] = await Promise.all([sumEpisodeSpend(db, episode.id), segments ?? listCurrentSegments(db, episode.id)]);
  const estimate = await estimatorFor(services, db, episode);
  return {
    budgetUsd: episode.budget_usd,
    spentUsd: rows.reduce((total, row) => total + Number(row.cost_usd ?? 0), 0),
    committedUsd: current.filter(committed).reduce((total, segment) => total + estimate(segment), 0),
  };
}

/** The figures a refusal or a pause gives. */
function figures(spending: Spending, estimateUsd: number) {
  return {
    budget_usd: spending.budgetUsd,
    spent_usd: roundCents(spending.spentUsd),
    committed_usd: roundCents(spending.committedUsd),
    remaining_usd: spending.budgetUsd === null ? null : roundCents(spending.budgetUsd - spending.spentUsd - spending.committedUsd),
    estimate_usd: roundCents(estimateUsd),
  };
}

/** Refuses a run (or a take) whose estimate does not fit what is left of the budget. */
export async function assertWithinBudget(services: Services, trx: Database, episode: Episode, toMake: VideoSegment[]): Promise<void> {
  if (episode.budget_usd === null) return;
  const estimate = await estimatorFor(services, trx, episode);
  const wanted = toMake.reduce((total, segment) => total + estimate(segment), 0);
  const spending = await episodeSpending(services, trx, episode);
  if (spending.spentUsd + spending.committedUsd + wanted > spending.budgetUsd! + 1e-9) {
    throw new AppError(
      'budget_exceeded',
      `These takes would cost about ${money(wanted)}, and ${money(spending.budgetUsd! - spending.spentUsd - spending.committedUsd)} of the episode's ${money(spending.budgetUsd!)} budget is left. The owner can raise the budget.`,
      { status: 422, details: figures(spending, wanted) },
    );
  }
}

/**
 * Admits a run's takes one by one while the budget and the run's cap cover them; the first that
 * does not fit gets the reason the run pauses with.
 */
export async function spendingGuard(services: Services, trx: Transaction<DB>, episode: Episode, run: GenerationRun, segments: VideoSegment[]) {
  if (episode.budget_usd === null && run.cost_cap_usd === null) return () => undefined;
  const estimate = await estimatorFor(services, trx, episode);
  const spending = await episodeSpending(services, trx, episode, segments);
  let episodeUsed = spending.spentUsd + spending.committedUsd;
  let runUsed = (await runSpend(trx, run.id)) + segments.filter((s) => s.generation_run_id === run.id && committed(s)).reduce((total, s) => total + estimate(s), 0);
  return (segment: VideoSegment): string | undefined => {
    const cost = estimate(segment);
    if (episode.budget_usd !== null && episodeUsed + cost > episode.budget_usd + 1e-9) {
      return `Budget reached: ${money(episodeUsed)} of the episode's ${money(episode.budget_usd)} is spent or committed, and shot ${segment.segment_number} would cost about ${money(cost)}.`;
    }
    if (run.cost_cap_usd !== null && runUsed + cost > run.cost_cap_usd + 1e-9) {
      return `Run cap reached: this run has spent or committed ${money(runUsed)} of its ${money(run.cost_cap_usd)} cap, and shot ${segment.segment_number} would cost about ${money(cost)}.`;
    }
    episodeUsed += cost;
    runUsed += cost;
    return undefined;
  };
}

/** Sets (or clears) the episode's budget; never below what is already spent. */
export async function setEpisodeBudget(services: Services, episodeId: string, budgetUsd: number | null): Promise<Spending> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const episode = await findEpisode(trx, episodeId);
    if (!episode) throw notFound('Episode', episodeId);
    const spending = await episodeSpending(services, trx, episode);
    if (budgetUsd !== null && budgetUsd + 1e-9 < spending.spentUsd) {
      throw new AppError('budget_below_spend', `The episode has already spent ${money(spending.spentUsd)}; a budget of ${money(budgetUsd)} is below that.`, {
        status: 422,
        details: figures({ ...spending, budgetUsd }, 0),
      });
    }
    await setBudget(trx, episodeId, budgetUsd);
    return { ...spending, budgetUsd };
  });
}
