/**
 * A take's provenance and cost, from its provider's result: what the provider reports, filled in
 * with what we sent, and the cost it reports or the configured price list gives.
 */
import type { CostSource } from '../../src/lib/domain/enums.ts';
import type { TakeProvenance } from '../db/schema.ts';
import { composeVideoPrompt } from '../providers/video-prompt.ts';
import type { VideoProvider, VideoRequest, VideoResult } from '../providers/video.types.ts';

export interface TakeCost {
  usd: number | null;
  source: CostSource | null;
}

export function takeProvenance(provider: VideoProvider, request: VideoRequest, result: VideoResult, latencyMs: number): TakeProvenance {
  const told = result.provenance;
  return {
    provider: provider.id,
    model: told?.model ?? provider.model ?? provider.id,
    seed: told ? told.seed : request.seed,
    // A provider that does not say what it sent was given the whole request: the composed prompt says it.
    prompt: told?.prompt ?? composeVideoPrompt(request),
    references: told?.references ?? [],
    job_id: told?.jobId ?? null,
    latency_ms: Math.max(0, Math.round(latencyMs)),
  };
}

/** Seconds of video a provider makes, and bills, for a shot of `seconds`. */
export function billedSeconds(provider: VideoProvider, seconds: number): number {
  return provider.clipSeconds?.(seconds) ?? seconds;
}

/** Local providers cost nothing; remote ones what they report, else seconds × their price. */
export function takeCost(provider: VideoProvider, result: VideoResult, seconds: number): TakeCost {
  if (result.provenance?.costUsd !== undefined) return { usd: result.provenance.costUsd, source: 'reported' };
  if (provider.pricePerSecondUsd !== undefined) return { usd: roundCents(provider.pricePerSecondUsd * seconds), source: 'price_list' };
  if (!provider.check) return { usd: 0, source: 'free' };
  return { usd: null, source: null };
}

/** Dollars to a hundredth of a cent. */
export function roundCents(usd: number): number {
  return Math.round(usd * 10_000) / 10_000;
}
