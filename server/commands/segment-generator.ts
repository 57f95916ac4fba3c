/**
 * Generates one segment: claims it, renders through its provider, stores the file and poster,
 * and marks it completed (approved too when the run auto-approves). Idempotent and crash-safe:
 * files go to storage under temporary names and are renamed; status moves are guarded in SQL.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  claimForGeneration,
  completeGeneration,
  failGeneration,
  setGenerationProgress,
} from '../db/queries/segment.queries.ts';
import { extractPoster } from '../media/poster.ts';
import { probeMedia } from '../media/probe.ts';
import { ProviderError, isProviderError } from '../providers/errors.ts';
import { runVideoJob } from '../providers/run-video-job.ts';
import { mediaUrl } from '../storage/storage.ts';
import { approveSegmentInTransaction } from './segment-approver.ts';
import { SYSTEM_ACTOR, type Services } from './services.ts';
import { buildVideoRequest } from './video-request.builder.ts';
import { refreshEpisodeStatus } from './episode-status.ts';

export interface GenerateSegmentInput {
  segmentId: string;
  autoApprove: boolean;
}

export interface Attempt {
  number: number;
  max: number;
  signal?: AbortSignal;
}

export type GenerateOutcome = 'completed' | 'skipped' | 'failed';

/** Progress reaches the database at most this often. */
const PROGRESS_INTERVAL_MS = 300;

export async function generateSegment(
  services: Services,
  input: GenerateSegmentInput,
  attempt: Attempt,
): Promise<GenerateOutcome> {
  const { db, storage } = services;
  const segment = await claimForGeneration(db, input.segmentId);
  if (!segment) return 'skipped';
  const request = await buildVideoRequest(db, segment);
  if (!request) {
    await failGeneration(db, segment.id, 'invalid_input', 'The shot of this segment no longer exists.');
    return 'failed';
  }
  const provider = services.providers.video(segment.provider);
  await mkdir(services.scratchDir, { recursive: true });
  const workDir = await mkdtemp(join(services.scratchDir, `segment-${segment.id}-`));
  try {
    let lastWrite = 0;
    const result = await runVideoJob(provider, request, {
      workDir,
      ...(attempt.signal ? { signal: attempt.signal } : {}),
      onProgress: async (progress) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
        lastWrite = now;
        // Leave room for storing and probing: 100 is written only on completion.
        await setGenerationProgress(db, segment.id, Math.min(95, progress));
      },
    });
    if (result.kind !== 'file') {
      throw new ProviderError('invalid_input', provider.id, 'Downloading provider results by URL is not supported yet.');
    }
    const info = await probeMedia(result.path);
    if (!info.video) throw new ProviderError('retryable', provider.id, 'The provider returned a file without a video stream.');
    const posterPath = join(workDir, 'poster.jpg');
    await extractPoster(result.path, posterPath, Math.min(1, info.durationSeconds / 2));
    const base = `segments/${segment.episode_id}/${segment.id}`;
    const videoKey = `${base}/video.mp4`;
    const posterKey = `${base}/poster.jpg`;
    const stored = await storage.putFile(videoKey, result.path, { move: true });
    await storage.putFile(posterKey, posterPath, { move: true });
    const outcome = await db.transaction().execute(async (trx) => {
      const completed = await completeGeneration(trx, segment.id, {
        storage_key: videoKey,
        thumbnail_key: posterKey,
        video_url: mediaUrl(videoKey),
        thumbnail_url: mediaUrl(posterKey),
        duration: Number(info.durationSeconds.toFixed(3)),
        file_size: stored.size,
        resolution: `${info.video?.width}x${info.video?.height}`,
        format: 'mp4',
      });
      if (!completed) return 'skipped' as const;
      if (input.autoApprove) await approveSegmentInTransaction(trx, completed, SYSTEM_ACTOR, {});
      await refreshEpisodeStatus(trx, segment.episode_id);
      return 'completed' as const;
    });
    return outcome;
  } catch (error) {
    // A stopping worker's job runs again later, on this or another worker.
    if (attempt.signal?.aborted) throw error;
    const providerError = isProviderError(error) ? error : undefined;
    const finalAttempt = attempt.number >= attempt.max;
    if ((providerError && !providerError.retryable) || finalAttempt) {
      const kind = providerError?.kind ?? 'retryable';
      const message = (error as Error).message;
      services.log.warn(`Segment ${segment.id} failed (${kind}): ${message}`);
      await db.transaction().execute(async (trx) => {
        await failGeneration(trx, segment.id, kind, message);
        await refreshEpisodeStatus(trx, segment.episode_id);
      });
      return 'failed';
    }
    // Retryable: the job runner tries again with backoff; the segment stays `generating` meanwhile.
    throw error;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
