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
  /** A job this request was submitted as before: followed instead of submitting again, when the provider can. */
  resumeToken?: unknown;
  /** Called once the provider has the job, with what would let another process follow it. */
  onSubmitted?: (resumeToken: unknown) => void | Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Submits `request` and waits for its result; rejects with the provider's typed error. */
export async function runVideoJob(
  provider: VideoProvider,
  request: VideoRequest,
  options: RunVideoJobOptions,
): Promise<VideoResult> {
  const jobId = await startOrResume(provider, request, options);
  const resumable = provider.resume !== undefined;
  const pollMs = options.pollMs ?? 250;
  let lastProgress = -1;
  try {
    for (;;) {
      if (options.signal?.aborted) {
        // A job another worker can follow keeps running (it is paid for); the others are cancelled.
        if (!resumable) await provider.cancel(jobId);
        throw new ProviderError('retryable', provider.id, resumable ? 'The worker is stopping; the render goes on and is followed again later.' : 'The render was cancelled because the worker is stopping.');
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

async function startOrResume(provider: VideoProvider, request: VideoRequest, options: RunVideoJobOptions): Promise<string> {
  if (options.resumeToken !== undefined && provider.resume) {
    try {
      return (await provider.resume(options.resumeToken, { workDir: options.workDir })).jobId;
    } catch {
      // The job cannot be followed (expired, unknown): render it again.
    }
  }
  const { jobId, resumeToken } = await provider.submit(request, { workDir: options.workDir });
  if (resumeToken !== undefined) await options.onSubmitted?.(resumeToken);
  return jobId;
}
