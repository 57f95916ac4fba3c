/**
 * An episode's money: what its takes cost so far, and what generating the shots still without a
 * take would cost with its provider (and with each other provider configured here, to compare).
 * Costs are what providers report, else seconds of video × the configured price per second.
 */
import { findEpisode } from '../db/queries/episode.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import { listCurrentSegments, listMadeTakes, sumEpisodeSpend } from '../db/queries/segment.queries.ts';
import { episodeSpending } from './episode-budget.ts';
import { notFound } from '../errors.ts';
import { billedSeconds, roundCents } from './take-provenance.ts';
import type { Services } from './services.ts';
import { resolveParams } from './video-request.builder.ts';
import type { EpisodeCostsDto as EpisodeCosts, ProviderQuoteDto as ProviderQuote } from '../../src/lib/api/episodes.schema.ts';

/** What the shots of these lengths would cost with one provider, at the lengths it makes. */
function quote(services: Services, providerId: string, shotSeconds: number[]): ProviderQuote {
  const provider = services.providers.video(providerId);
  const price = provider.pricePerSecondUsd ?? (provider.check ? null : 0);
  const seconds = shotSeconds.reduce((total, each) => total + billedSeconds(provider, each), 0);
  return { provider: providerId, seconds: Math.round(seconds * 1000) / 1000, price_per_second_usd: price, cost_usd: price === null ? null : roundCents(price * seconds) };
}

export async function episodeCosts(services: Services, episodeId: string): Promise<EpisodeCosts> {
  const { db } = services;
  const episode = await findEpisode(db, episodeId);
  if (!episode) throw notFound('episode');
  const [segments, plan, spend] = await Promise.all([listCurrentSegments(db, episodeId), findPlanRows(db, episodeId), sumEpisodeSpend(db, episodeId)]);
  const shots = new Map(plan.shots.map((shot) => [shot.id, shot]));
  const waiting = segments.filter((segment) => segment.status === 'pending' || segment.status === 'failed');
  const lengths = waiting.flatMap((segment) => {
    const shot = shots.get(segment.shot_id);
    return shot ? [resolveParams(episode, shot, segment).duration] : [];
  });
  const seconds = lengths.reduce((total, each) => total + each, 0);
  const byProvider = spend.map((row) => ({
    provider: row.provider,
    takes: Number(row.takes),
    cost_usd: roundCents(Number(row.cost_usd ?? 0)),
    unpriced_takes: Number(row.takes) - Number(row.priced),
  }));
  const quotes = services.providers.videoIds().map((id) => quote(services, id, lengths));
  const own = quotes.find((entry) => entry.provider === episode.video_provider);
  const [spending, made] = await Promise.all([episodeSpending(services, db, episode, segments), listMadeTakes(db, episodeId)]);
  const spentUsd = roundCents(byProvider.reduce((total, row) => total + row.cost_usd, 0));
  const approvedSeconds = segments.filter((s) => s.approval_status === 'approved').reduce((total, s) => total + (s.duration ?? 0), 0);
  const requesters = new Map<string, { user_id: string | null; name: string; takes: number; cost_usd: number }>();
  for (const take of made) {
    const key = take.requested_by ?? '';
    const entry = requesters.get(key) ?? { user_id: take.requested_by, name: take.display_name ?? 'Not recorded', takes: 0, cost_usd: 0 };
    entry.takes += 1;
    entry.cost_usd = roundCents(entry.cost_usd + Number(take.cost_usd ?? 0));
    requesters.set(key, entry);
  }
  const thrownAway = made.filter((take) => take.approval_status === 'rejected' || take.approval_status === 'needs_revision').length;
  return {
    currency: 'USD',
    planning: episode.planning_usage ?? null,
    spent: {
      cost_usd: spentUsd,
      unpriced_takes: byProvider.reduce((total, row) => total + row.unpriced_takes, 0),
      by_provider: byProvider,
    },
    estimate: {
      shots: waiting.length,
      seconds: Math.round(seconds * 1000) / 1000,
      provider: episode.video_provider,
      cost_usd: own?.cost_usd ?? null,
      by_provider: quotes,
    },
    budget: {
      budget_usd: episode.budget_usd,
      spent_usd: spentUsd,
      committed_usd: roundCents(spending.committedUsd),
      remaining_usd: episode.budget_usd === null ? null : roundCents(episode.budget_usd - spending.spentUsd - spending.committedUsd),
    },
    cost_per_approved_second_usd: approvedSeconds > 0 ? roundCents(spentUsd / approvedSeconds) : null,
    takes_made: made.length,
    rejected_share: made.length > 0 ? Math.round((thrownAway / made.length) * 1000) / 1000 : null,
    by_requester: [...requesters.values()].sort((a, b) => b.cost_usd - a.cost_usd || b.takes - a.takes),
  };
}
