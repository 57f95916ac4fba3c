/**
 * A generation run as a producer steers it: pause and resume (renders running finish, nothing new
 * starts; a remote job already submitted is still followed), the order of the waiting shots, one
 * shot's render cancelled, failures grouped by what went wrong and retried a group at a time, and
 * the queue with each waiting shot's place and estimated start. Everything lives in the database,
 * so a paused run stays paused through restarts.
 */
import { findActiveRun, pauseRunRow, resumeRunRow, runSpend, setQueueOrder, setRunCap } from '../db/queries/generation-run.queries.ts';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { removeJob } from '../db/queries/job.queries.ts';
import { cancelTake, findSegment, listCurrentSegments, resetFailed, unqueue } from '../db/queries/segment.queries.ts';
import type { GenerationRun, VideoSegment } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { FAILURE_GROUPS, type FailureGroup, type RunQueueDto } from '../../src/lib/api/segments.schema.ts';
import { assertWithinBudget } from './episode-budget.ts';
import { refreshEpisodeStatus } from './episode-status.ts';
import { advanceRun, covers, inFlight, runWindow, waitingOrder } from './generation-runs.ts';
import { queueSegmentGeneration } from './segment-queue.ts';
import type { Actor, Services } from './services.ts';

const noActiveRun = () => conflict('No generation run is active on this episode.');

/** The failure group of a take's error kind: a provider that kept failing is "provider down". */
export function failureGroup(kind: string | null): FailureGroup {
  return (FAILURE_GROUPS as readonly string[]).includes(kind ?? '') ? (kind as FailureGroup) : 'provider_down';
}

export async function pauseGenerationRun(services: Services, episodeId: string, actor: Actor, reason?: string): Promise<GenerationRun> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const run = await findActiveRun(trx, episodeId);
    if (!run) throw noActiveRun();
    if (run.paused_at) return run;
    const paused = await pauseRunRow(trx, run.id, reason ?? `Paused by ${actor.name}.`, actor.userId);
    // Takes handed to a worker but not started go back to waiting; their jobs are withdrawn.
    for (const segment of await listCurrentSegments(trx, episodeId)) {
      if (segment.generation_run_id === run.id && segment.status === 'pending' && segment.queued_at !== null && !segment.provider_job) {
        await removeJob(trx, `generate:${segment.id}`);
        await unqueue(trx, segment.id);
      }
    }
    await refreshEpisodeStatus(trx, episodeId);
    return paused ?? run;
  });
}

/** Resumes a paused run; `costCapUsd` (the owner's) raises or clears its cap as it resumes. */
export async function resumeGenerationRun(services: Services, episodeId: string, costCapUsd?: number | null): Promise<GenerationRun> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const run = await findActiveRun(trx, episodeId);
    if (!run) throw noActiveRun();
    if (costCapUsd !== undefined) await setRunCap(trx, run.id, costCapUsd);
    const resumed = (await resumeRunRow(trx, run.id)) ?? run;
    await advanceRun(services, trx, episodeId);
    // Advancing may pause it again at once (the budget still does not cover the next take).
    return (await findActiveRun(trx, episodeId)) ?? resumed;
  });
}

/**
 * Moves waiting shots to the front of the run's queue, in the order given. A shot a worker already
 * has (queued or rendering) cannot move; neither can one the run does not wait for.
 */
export async function reorderRunQueue(services: Services, episodeId: string, order: number[]): Promise<RunQueueDto> {
  await withEpisodeLock(services.db, episodeId, async (trx) => {
    const run = await findActiveRun(trx, episodeId);
    if (!run) throw noActiveRun();
    const segments = await listCurrentSegments(trx, episodeId);
    const byNumber = new Map(segments.map((segment) => [segment.segment_number, segment]));
    const waitingNumbers = new Set(waitingOrder(run, segments.filter((s) => covers(run, s))).map((s) => s.segment_number));
    const rendering = order.filter((number) => byNumber.get(number) && inFlight(byNumber.get(number)!));
    if (rendering.length > 0) {
      throw conflict(`Shot ${rendering.join(', ')} is already with a worker and cannot move; only waiting shots can.`, { rendering });
    }
    const strangers = order.filter((number) => !waitingNumbers.has(number));
    if (strangers.length > 0) {
      throw new AppError('not_waiting', `Shot ${strangers.join(', ')} is not waiting in this run (it does not exist, is outside the run, is made already or failed).`, {
        status: 422,
        details: { not_waiting: strangers, waiting: [...waitingNumbers] },
      });
    }
    await setQueueOrder(trx, run.id, order);
  });
  return runQueue(services, episodeId);
}

/** Stops one shot's take: waiting or queued, it never starts; rendering, its result is not kept. */
export async function cancelShotRender(services: Services, segmentId: string, actor: Actor): Promise<VideoSegment> {
  const found = await findSegment(services.db, segmentId);
  if (!found) throw notFound('Segment', segmentId);
  return withEpisodeLock(services.db, found.episode_id, async (trx) => {
    const segment = await findSegment(trx, segmentId);
    if (!segment?.is_current) throw conflict('Only the current take of a shot can be cancelled.', { segment_id: segmentId });
    const cancelled = await cancelTake(trx, segmentId, `Cancelled by ${actor.name}.`);
    if (!cancelled) {
      throw conflict(`Shot ${segment.segment_number} is not waiting or rendering (it is ${segment.status}); there is nothing to cancel.`, { status: segment.status });
    }
    await removeJob(trx, `generate:${segmentId}`);
    await refreshEpisodeStatus(trx, segment.episode_id);
    // Its lane is free for the run's next waiting shot.
    await advanceRun(services, trx, segment.episode_id);
    return cancelled;
  });
}

/** Makes the failed takes of one group again: under the active run when there is one, else at once. */
export async function retryFailureGroup(services: Services, episodeId: string, kind: FailureGroup, actor: Actor): Promise<{ retried: number[] }> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const episode = await findEpisode(trx, episodeId);
    if (!episode) throw notFound('Episode', episodeId);
    const failed = (await listCurrentSegments(trx, episodeId)).filter((s) => s.status === 'failed' && failureGroup(s.error_kind) === kind);
    if (failed.length === 0) throw conflict(`No take failed as ${kind.replaceAll('_', ' ')}.`, { kind });
    await assertWithinBudget(services, trx, episode, failed);
    const run = await findActiveRun(trx, episodeId);
    const retried: number[] = [];
    for (const segment of failed) {
      const reset = await resetFailed(trx, segment.id);
      if (!reset) continue;
      retried.push(reset.segment_number);
      if (!run || !covers(run, reset)) {
        await queueSegmentGeneration(services, trx, reset, { autoApprove: false, runId: null, requestedBy: actor.userId });
      }
    }
    if (run) await advanceRun(services, trx, episodeId);
    return { retried };
  });
}

/** Seconds a render takes, from the episode's takes (their provider's latency), else a provider's guess. */
function renderSeconds(segments: VideoSegment[], remote: boolean): number {
  const latencies = segments.flatMap((s) => (s.provenance?.latency_ms ? [s.provenance.latency_ms / 1000] : []));
  if (latencies.length === 0) return remote ? 90 : 5;
  return Math.round((latencies.reduce((a, b) => a + b, 0) / latencies.length) * 10) / 10;
}

export async function runQueue(services: Services, episodeId: string): Promise<RunQueueDto> {
  const { db } = services;
  const [segments, run] = await Promise.all([listCurrentSegments(db, episodeId), findActiveRun(db, episodeId)]);
  const failures = FAILURE_GROUPS.map((kind) => ({
    kind,
    segments: segments
      .filter((s) => s.status === 'failed' && failureGroup(s.error_kind) === kind)
      .map((s) => ({ segment_id: s.id, segment_number: s.segment_number, message: s.error_message })),
  })).filter((group) => group.segments.length > 0);
  const provider = segments[0]?.provider;
  const seconds = renderSeconds(segments, provider ? Boolean(services.providers.video(provider).check) : false);
  if (!run) return { run: null, running: [], waiting: [], render_seconds: seconds, failures };
  const slots = segments.filter((s) => covers(run, s));
  const running = slots.filter(inFlight).sort((a, b) => a.segment_number - b.segment_number);
  const window = run.mode === 'parallel' ? runWindow(services, run, slots) : run.batch_size;
  const now = Date.now();
  const waiting = waitingOrder(run, slots).map((segment, index) => {
    // Each round of `window` renders takes about `seconds`; the ones running now finish the first.
    const rounds = Math.floor(index / window) + (running.length >= window ? 1 : 0);
    const start = run.paused_at || run.mode === 'sequential' ? null : new Date(now + rounds * seconds * 1000).toISOString();
    return { segment_id: segment.id, segment_number: segment.segment_number, position: index + 1, estimated_start_at: start };
  });
  return {
    run: {
      id: run.id,
      mode: run.mode,
      paused: run.paused_at !== null,
      pause_reason: run.pause_reason,
      paused_at: run.paused_at?.toISOString() ?? null,
      cost_cap_usd: run.cost_cap_usd,
      spent_usd: await runSpend(db, run.id),
    },
    running: running.map((s) => ({ segment_id: s.id, segment_number: s.segment_number, status: s.status, progress: s.progress })),
    waiting,
    render_seconds: seconds,
    failures,
  };
}
