/**
 * Queues the generation of one segment. Per-provider concurrency holds across every worker
 * process: a provider allowed N renders at once gets N named job queues, and graphile-worker runs
 * the jobs of one queue one at a time, wherever they are picked up.
 */
import type { Database } from '../db/database.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { markQueued } from '../db/queries/segment.queries.ts';
import type { VideoSegment } from '../db/schema.ts';
import type { VideoProviderLimits } from '../providers/video.types.ts';
import type { ProviderError } from '../providers/errors.ts';
import type { Services } from './services.ts';

/** The provider's limits, with any configured override. */
export function providerLimits(services: Services, providerId: string): VideoProviderLimits {
  const own = services.providers.video(providerId).limits;
  return { ...own, ...services.engine.providerLimits[providerId] };
}

export interface QueueOptions {
  autoApprove: boolean;
  runId: string | null;
  attempt?: number;
  runAt?: Date;
  /** The provider lane to render in (default: the lane the take had, else one by segment number). */
  lane?: number;
  /** Who asked for the take (kept from its first queueing). */
  requestedBy?: string | null;
}

export async function queueSegmentGeneration(services: Services, trx: Database, segment: VideoSegment, options: QueueOptions): Promise<void> {
  const lanes = laneCount(services, segment.provider);
  const lane = (options.lane ?? segment.queue_lane ?? segment.segment_number) % lanes;
  await addJob(
    trx,
    'generate_segment',
    { segmentId: segment.id, autoApprove: options.autoApprove, attempt: options.attempt ?? 1 },
    {
      jobKey: `generate:${segment.id}`,
      queueName: `video:${segment.provider}:${lane}`,
      // These attempts are for infrastructure failures (database gone); provider retries are ours.
      maxAttempts: 25,
      ...(options.runAt ? { runAt: options.runAt } : {}),
    },
  );
  if ((options.attempt ?? 1) === 1) await markQueued(trx, segment.id, options.runId, lane, options.requestedBy ?? null);
}

/** How many renders a provider takes at once: its job lanes. */
export function laneCount(services: Services, providerId: string): number {
  return Math.max(1, providerLimits(services, providerId).maxConcurrent);
}

/**
 * The wait before trying a failed provider call again: its Retry-After, else the backoff; undefined
 * when it is not worth another try (refused, wrong input) or the attempts are spent.
 */
export function retryDelayMs(services: Services, failure: ProviderError, attempt: number): number | undefined {
  if (!failure.retryable || attempt >= services.engine.maxAttempts) return undefined;
  return failure.retryAfterMs ?? backoffMs(services, attempt);
}

/** Exponential backoff with jitter: base·2^(attempt−1), capped, then scaled by 0.5–1. */
export function backoffMs(services: Services, attempt: number, random = Math.random): number {
  const { retryBaseMs, retryMaxMs } = services.engine;
  const ceiling = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
