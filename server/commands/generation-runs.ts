/**
 * Generation runs. `sequential` generates `batch_size` segments, then waits until each is approved
 * (or rejected, regenerated and approved) before the next batch; `parallel` keeps at most
 * `batch_size` takes queued or rendering at once, and never more than the provider renders at once
 * (the rest wait in the run's own queue, where they can be paused, reordered or cancelled; see
 * run-steering.ts). Approved segments are never regenerated. A run that auto-approves also
 * approves the takes in its range that were made before it and nobody has decided on. A paused run
 * queues nothing; a run the budget or its cap does not cover pauses before the take that would
 * pass it (episode-budget.ts).
 */
import type { Transaction } from 'kysely';
import { findActiveRun, findRun, finishRun, insertRun, pauseRunRow } from '../db/queries/generation-run.queries.ts';
import { findEpisode, transitionEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { listCurrentSegments, listOpenCandidates } from '../db/queries/segment.queries.ts';
import type { DB, GenerationMode, GenerationRun, VideoSegment } from '../db/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { assertAccountQuota } from './account-quotas.ts';
import { recordApproval } from './review-records.ts';
import { isDecidable } from './candidate-state.ts';
import { assertWithinBudget, spendingGuard } from './episode-budget.ts';
import { laneCount, queueSegmentGeneration } from './segment-queue.ts';
import { type Actor, type Services, SYSTEM_ACTOR } from './services.ts';

export interface StartRunInput {
  mode: GenerationMode;
  /** Takes at once; default 1 in sequential runs and every slot in range in parallel ones. */
  batchSize?: number;
  /** The first segment number covered; 0 and 1 both mean the first. */
  startFrom: number;
  autoApprove: boolean;
  /** US dollars the run may spend before it pauses (the owner's to set). */
  costCapUsd?: number;
}

const activeRunConflict = (run: GenerationRun) =>
  conflict('A generation run is already active on this episode; wait for it or cancel it.', {
    active_job: { job_id: run.id, mode: run.mode, status: run.status, created_at: run.created_at },
  });

/** Whether the run covers the take's slot: the shots it names, else every one from `start_from` on. */
export function covers(run: Pick<GenerationRun, 'start_from' | 'shot_ids'>, segment: Pick<VideoSegment, 'segment_number' | 'shot_id'>): boolean {
  return run.shot_ids ? run.shot_ids.includes(segment.shot_id) : segment.segment_number >= run.start_from;
}

/** The slots a run covers, by segment number. */
function slotsOf(run: GenerationRun, segments: VideoSegment[]): VideoSegment[] {
  return segments.filter((s) => covers(run, s)).sort((a, b) => a.segment_number - b.segment_number);
}

/**
 * A run that names its shots (one regenerating stale takes) makes the open candidates of those
 * shots: in its slots, each stands in for the approved take it would replace.
 */
export async function withOpenCandidates(trx: Transaction<DB>, run: GenerationRun, current: VideoSegment[]): Promise<VideoSegment[]> {
  if (!run.shot_ids) return current;
  const candidates = new Map((await listOpenCandidates(trx, run.episode_id, run.shot_ids)).map((take) => [take.shot_id, take]));
  return candidates.size === 0 ? current : current.map((take) => candidates.get(take.shot_id) ?? take);
}

/** Never queued: the current version is pending and no job was added for it. */
export const waiting = (segment: VideoSegment) => segment.status === 'pending' && segment.queued_at === null;

/** Queued or rendering: it holds one of the run's places (a rendered take being analysed no longer does). */
export const inFlight = (segment: VideoSegment) =>
  (segment.status === 'generating' && segment.source_key === null) || (segment.status === 'pending' && segment.queued_at !== null);

/**
 * The run's waiting shots in the order they start: those the team moved to the front
 * (`queue_order`), then the rest by number.
 */
export function waitingOrder(run: GenerationRun, segments: VideoSegment[]): VideoSegment[] {
  const rank = new Map(run.queue_order.map((number, index) => [number, index]));
  const at = (segment: VideoSegment) => rank.get(segment.segment_number) ?? run.queue_order.length + segment.segment_number;
  return segments.filter(waiting).sort((a, b) => at(a) - at(b));
}

/**
 * How many takes a parallel run hands to the workers at once: its batch size, and never more than
 * the provider renders at once, so that the rest wait where the team can pause and reorder them.
 */
export function runWindow(services: Services, run: GenerationRun, open: VideoSegment[]): number {
  const provider = open[0]?.provider;
  return Math.min(run.batch_size, provider ? laneCount(services, provider) : run.batch_size);
}

/** Made, and nobody has decided on it yet (a rejection or a request for another take is a decision). */
const undecided = (segment: VideoSegment) => segment.status === 'completed' && segment.approval_status === 'pending' && isDecidable(segment);

/** Queues what the run may generate now, or completes it. Call inside `withEpisodeLock`. */
export async function advanceRun(services: Services, trx: Transaction<DB>, episodeId: string): Promise<void> {
  const run = await findActiveRun(trx, episodeId);
  if (!run) return;
  const slots = slotsOf(run, await withOpenCandidates(trx, run, await listCurrentSegments(trx, episodeId)));
  const approved = new Set(slots.filter((s) => s.approval_status === 'approved').map((s) => s.id));
  if (run.auto_approve) {
    // Takes made before the run (or queued before it, without auto-approval) would otherwise wait forever.
    // The automatic approval is one decision: the episode's rule may want more before the take is approved.
    for (const take of slots.filter(undecided)) {
      if ((await recordApproval(services, trx, take, SYSTEM_ACTOR, {})).approval_status === 'approved') approved.add(take.id);
    }
  }
  const open = slots.filter((s) => !approved.has(s.id));
  if (open.length === 0) {
    await finishRun(trx, run.id, 'completed');
    return;
  }
  // Paused: what renders finishes, nothing new starts.
  if (run.paused_at) return;
  const flying = open.filter(inFlight);
  let next: VideoSegment[] = [];
  if (run.mode === 'parallel') next = waitingOrder(run, open).slice(0, Math.max(0, runWindow(services, run, open) - flying.length));
  else if (open.every(waiting)) next = waitingOrder(run, open).slice(0, run.batch_size);
  if (next.length === 0) return;
  const episode = await findEpisode(trx, episodeId);
  if (!episode) return;
  const admit = await spendingGuard(services, trx, episode, run, slots);
  // Each take gets a lane of its provider no other take of the run renders in.
  const busy = new Set(flying.map((s) => `${s.provider}:${s.queue_lane}`));
  for (const segment of next) {
    const stop = admit(segment);
    if (stop) {
      await pauseRunRow(trx, run.id, stop, null);
      return;
    }
    const lanes = laneCount(services, segment.provider);
    const lane = Array.from({ length: lanes }, (_, index) => index).find((index) => !busy.has(`${segment.provider}:${index}`)) ?? segment.segment_number % lanes;
    busy.add(`${segment.provider}:${lane}`);
    await queueSegmentGeneration(services, trx, segment, { autoApprove: run.auto_approve, runId: run.id, lane, requestedBy: run.created_by });
  }
}

export async function startGenerationRun(services: Services, episodeId: string, input: StartRunInput, actor: Actor): Promise<GenerationRun> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    await assertAccountQuota(services, trx, 'generationRuns', actor);
    const episode = await findEpisode(trx, episodeId);
    if (!episode) throw notFound('Episode', episodeId);
    if (['draft', 'planning', 'failed'].includes(episode.status)) {
      throw conflict(`The episode is ${episode.status}; segments can be generated once it is planned.`, { status: episode.status });
    }
    const active = await findActiveRun(trx, episodeId);
    if (active) throw activeRunConflict(active);
    const segments = await listCurrentSegments(trx, episodeId);
    // Segment numbers start at 1; the seed design's 0 means the same: from the first.
    const startFrom = Math.max(1, input.startFrom);
    const inRange = segments.filter((s) => s.segment_number >= startFrom);
    if (inRange.length === 0) {
      throw conflict(`No segment is numbered ${startFrom} or higher (the last is ${segments.length}).`, { segments: segments.length });
    }
    // The budget must cover every take the run would make (the approved ones are not made again).
    await assertWithinBudget(services, trx, episode, inRange.filter((s) => s.approval_status !== 'approved' && (s.status === 'pending' || s.status === 'failed') && !inFlight(s)));
    const run = await insertRun(trx, {
      episode_id: episodeId,
      mode: input.mode,
      batch_size: input.batchSize ?? (input.mode === 'parallel' ? inRange.length : 1),
      start_from: startFrom,
      auto_approve: input.autoApprove,
      total_segments: inRange.length,
      created_by: actor.userId,
      cost_cap_usd: input.costCapUsd ?? null,
    });
    if (!run) {
      const winner = await findActiveRun(trx, episodeId);
      throw winner ? activeRunConflict(winner) : conflict('Another run started at the same moment.');
    }
    await transitionEpisode(trx, episodeId, 'generating', undefined);
    await advanceRun(services, trx, episodeId);
    // Advancing may have completed it already (every take in range was approved).
    return (await findRun(trx, run.id)) ?? run;
  });
}

export async function cancelRun(services: Services, episodeId: string): Promise<GenerationRun> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const run = await findActiveRun(trx, episodeId);
    if (!run) throw conflict('No generation run is active on this episode.');
    await finishRun(trx, run.id, 'cancelled');
    return { ...run, status: 'cancelled' as const };
  });
}
