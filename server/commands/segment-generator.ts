/**
 * Generates one segment: claims it, renders it through its provider, stores the provider's file
 * and queues its analysis (segment-analyzer.ts), which completes the segment.
 * Idempotent and crash-safe: files reach storage under temporary names and are renamed; status
 * moves are guarded in SQL. Retryable provider errors are retried here with exponential backoff
 * and jitter; the others fail the segment at once with the provider's message.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { hitCounter } from '../db/queries/rate-limit.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { findRun } from '../db/queries/generation-run.queries.ts';
import {
  claimForGeneration,
  failGeneration,
  findSegment,
  unqueue,
  noteRetry,
  setGenerationParams,
  setGenerationProgress,
  setProvenance,
  setProviderJob,
  setSourceKey,
} from '../db/queries/segment.queries.ts';
import { downloadResult } from '../providers/download.ts';
import { ProviderError, isProviderError } from '../providers/errors.ts';
import { runVideoJob } from '../providers/run-video-job.ts';
import { refreshEpisodeStatus } from './episode-status.ts';
import { advanceRun } from './generation-runs.ts';
import { providerLimits, queueSegmentGeneration, retryDelayMs } from './segment-queue.ts';
import { publicMessage } from './public-message.ts';
import type { Services } from './services.ts';
import { billedSeconds, takeCost, takeProvenance } from './take-provenance.ts';
import { buildVideoRequest } from './video-request.builder.ts';
import { referencesFor } from './video-references.ts';
import { withSentPictures } from './continuity.ts';
import { isContending, isOpenCandidate } from './candidate-state.ts';
import { replaceTakeInputs } from '../db/queries/continuity.queries.ts';
import { originalKey } from './segment-analyzer.ts';
import { noticeVoteReady } from './take-choices.ts';

/** graphile-worker runs lower numbers first; renders and the rest are queued at 0. */
const ANALYSIS_PRIORITY = -10;

export interface GenerateSegmentInput {
  segmentId: string;
  autoApprove: boolean;
  /** 1 for the first try; provider retries count up. */
  attempt?: number;
}

export interface Attempt {
  signal?: AbortSignal;
}

export type GenerateOutcome = 'analyzing' | 'skipped' | 'failed' | 'retrying' | 'deferred';

/** Progress reaches the database (and every open page) at most twice a second per take. */
const PROGRESS_INTERVAL_MS = 500;

/** Counts one provider request; when the provider's requests-per-minute are spent, says when to come back. */
async function rateSlot(services: Services, providerId: string): Promise<Date | undefined> {
  const perMinute = providerLimits(services, providerId).requestsPerMinute;
  if (!perMinute) return undefined;
  const minute = Math.floor(Date.now() / 60_000) * 60_000;
  const count = await hitCounter(services.db, `provider-rpm:${providerId}`, new Date(minute));
  return count > perMinute ? new Date(minute + 60_000 + Math.random() * 1000) : undefined;
}

export async function generateSegment(services: Services, input: GenerateSegmentInput, context: Attempt = {}): Promise<GenerateOutcome> {
  const { db, storage } = services;
  const attempt = input.attempt ?? 1;
  const pending = await findSegment(db, input.segmentId);
  if (!pending || !(pending.is_current || isOpenCandidate(pending) || isContending(pending)) || !['pending', 'generating'].includes(pending.status)) return 'skipped';
  const notBefore = await rateSlot(services, pending.provider);
  if (notBefore) {
    await queueSegmentGeneration(services, db, pending, { autoApprove: input.autoApprove, runId: pending.generation_run_id, attempt, runAt: notBefore });
    return 'deferred';
  }
  // A run paused before this take started: the take goes back to the run's waiting queue (a remote
  // job already submitted for it is still followed).
  if (pending.status === 'pending' && pending.generation_run_id && !pending.provider_job) {
    const held = await withEpisodeLock(db, pending.episode_id, async (trx) => {
      const run = await findRun(trx, pending.generation_run_id!);
      return run?.status === 'active' && run.paused_at !== null ? unqueue(trx, pending.id) : false;
    });
    if (held) return 'deferred';
  }
  const segment = await claimForGeneration(db, input.segmentId);
  if (!segment) return 'skipped';
  const built = await buildVideoRequest(db, segment);
  if (!built) {
    await failGeneration(db, segment.id, 'invalid_input', 'The shot of this segment no longer exists.');
    return 'failed';
  }
  await setGenerationParams(db, segment.id, built.params);
  const provider = services.providers.video(segment.provider);
  await mkdir(services.scratchDir, { recursive: true });
  // A worker killed mid-render left its scratch folder behind: this attempt replaces it.
  for (const entry of await readdir(services.scratchDir)) {
    if (entry.startsWith(`segment-${segment.id}-`)) await rm(join(services.scratchDir, entry), { recursive: true, force: true });
  }
  const workDir = await mkdtemp(join(services.scratchDir, `segment-${segment.id}-`));
  try {
    const taken = await referencesFor(services, segment, built.request, provider, workDir);
    const request = taken.references ? { ...built.request, references: taken.references } : built.request;
    // What the take is made from, by version: a later change to any of it marks the take stale.
    await replaceTakeInputs(db, segment.id, withSentPictures(built.inputs, built.characters, taken));
    let lastWrite = 0;
    const submittedAt = Date.now();
    // A job a stopped worker left running is followed, not paid for twice.
    const earlier = segment.provider_job?.provider === provider.id ? segment.provider_job.token : undefined;
    const result = await runVideoJob(provider, request, {
      workDir,
      ...(context.signal ? { signal: context.signal } : {}),
      ...(earlier !== undefined ? { resumeToken: earlier } : {}),
      onSubmitted: (token) => setProviderJob(db, segment.id, { provider: provider.id, token }),
      onProgress: async (progress) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
        lastWrite = now;
        // Leave room for storing and probing: 100 is written only on completion.
        await setGenerationProgress(db, segment.id, Math.min(95, progress));
      },
    });
    let path: string;
    if (result.kind === 'file') {
      path = result.path;
    } else {
      path = join(workDir, 'result.mp4');
      await downloadResult(result.url, path, { providerId: provider.id, timeoutMs: 300_000, ...(result.headers ? { headers: result.headers } : {}), ...(context.signal ? { signal: context.signal } : {}) });
    }
    const provenance = takeProvenance(provider, request, result, Date.now() - submittedAt);
    const cost = takeCost(provider, result, billedSeconds(provider, built.request.shot.duration));
    // The provider's file waits in storage for the analyze_segment job (normalize, poster, sprite,
    // quality): a crash from here on does not lose the render.
    const sourceKey = originalKey(segment);
    await storage.putFile(sourceKey, path, { move: true });
    const kept = await withEpisodeLock(db, segment.episode_id, async (trx) => {
      // Cancelled while it rendered: the render is not kept (what the provider bills is still recorded).
      if ((await findSegment(trx, segment.id))?.status !== 'generating') {
        await setProvenance(trx, segment.id, provenance, cost);
        await setProviderJob(trx, segment.id, null);
        return false;
      }
      await setSourceKey(trx, segment.id, sourceKey);
      await setProvenance(trx, segment.id, provenance, cost);
      await setProviderJob(trx, segment.id, null);
      // Ahead of every waiting render: a take made is worth more reviewable now than another started.
      await addJob(trx, 'analyze_segment', { segmentId: segment.id, autoApprove: input.autoApprove }, { jobKey: `analyze:${segment.id}`, maxAttempts: 5, priority: ANALYSIS_PRIORITY });
      // The render's lane is free: the run's next waiting take starts now, while this one is analysed.
      await advanceRun(services, trx, segment.episode_id);
      return true;
    });
    if (!kept) {
      await storage.delete(sourceKey);
      return 'skipped';
    }
    return 'analyzing';
  } catch (error) {
    // A stopping worker's job runs again later, on this or another worker.
    if (context.signal?.aborted) throw error;
    // Anything that is not the provider's doing (the database went away) is the job runner's to retry.
    if (!isProviderError(error) && !isMediaFailure(error)) throw error;
    const providerError = isProviderError(error) ? error : new ProviderError('retryable', provider.id, (error as Error).message, { cause: error });
    // The job itself failed: the next attempt starts a new one.
    await setProviderJob(db, segment.id, null);
    const delay = retryDelayMs(services, providerError, attempt);
    if (delay !== undefined) {
      services.log.info(`Segment ${segment.id}: ${providerError.message}; attempt ${attempt + 1} in ${Math.round(delay / 1000)} s.`);
      await db.transaction().execute(async (trx) => {
        await noteRetry(trx, segment.id, providerError.kind, publicMessage(services, `Attempt ${attempt} failed (${providerError.message}); retrying.`));
        await queueSegmentGeneration(services, trx, segment, {
          autoApprove: input.autoApprove,
          runId: segment.generation_run_id,
          attempt: attempt + 1,
          runAt: new Date(Date.now() + delay),
        });
      });
      return 'retrying';
    }
    services.log.warn(`Segment ${segment.id} failed (${providerError.kind}): ${providerError.message}`);
    await withEpisodeLock(services.db, segment.episode_id, async (trx) => {
      const failed = await failGeneration(trx, segment.id, providerError.kind, publicMessage(services, providerError.message));
      // The last take of a vote to fail leaves the others to vote on.
      if (failed) await noticeVoteReady(services, trx, failed);
      await refreshEpisodeStatus(trx, segment.episode_id);
      // Its place in a parallel run is free for the next take.
      await advanceRun(services, trx, segment.episode_id);
    });
    return 'failed';
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** ffmpeg failing on a provider's file is the provider's output at fault, not our infrastructure. */
function isMediaFailure(error: unknown): boolean {
  const name = (error as Error | undefined)?.name;
  return name === 'FfmpegError' || name === 'MediaProbeError' || name === 'MediaInputError';
}
