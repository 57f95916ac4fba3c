/**
 * Drives one provider job from submit to result: polls progress, reports it, cancels on abort.
 * The same loop serves every provider, local or remote.
 */
import { ProviderError } from './errors.ts';
import type { VideoProvider, VideoRequest, VideoResult } from './video.types.ts';

export interface RunVideoJobOptions {
  workDir: string;
  signal?: AbortSignal;
  /** 0–100; called at most every `pollMs`. */
  onProgress?: (progress: number) => void | Promise<void>;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Submits `request` and waits for its result; rejects with the provider's typed error. */
export async function runVideoJob(
  provider: VideoProvider,
  request: VideoRequest,
  options: RunVideoJobOptions,
): Promise<VideoResult> {
  const { jobId } = await provider.submit(request, { workDir: options.workDir });
  const pollMs = options.pollMs ?? 250;
  let lastProgress = -1;
  try {
    for (;;) {
      if (options.signal?.aborted) {
        await provider.cancel(jobId);
        throw new ProviderError('retryable', provider.id, 'The render was cancelled because the worker is stopping.');
      }
      const status = await provider.progress(jobId);
      if (status.progress !== lastProgress && status.state === 'running') {
        lastProgress = status.progress;
        await options.onProgress?.(status.progress);
      }
      if (status.state === 'succeeded') return await provider.result(jobId);
      if (status.state === 'failed' || status.state === 'cancelled') {
        // result() rejects with the job's typed error.
        return await provider.result(jobId);
      }
      await sleep(pollMs);
    }
  } catch (error) {
    if (error instanceof ProviderError) throw error;
    throw new ProviderError('retryable', provider.id, `The ${provider.id} provider failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
