/**
 * The bookkeeping of remote video jobs that are followed by polling a status endpoint (the AI
 * SDK's video APIs, OpenAI's video API): jobs in memory by our id, one status call per poll
 * interval at most, passing failures of a poll waited out (Retry-After, else a doubling pause),
 * a time limit from submit to result, and the wait for the result.
 */
import { randomUUID } from 'node:crypto';
import { ProviderError, retryableError } from './errors.ts';
import type { VideoJobState, VideoJobStatus, VideoResult } from './video.types.ts';

/** What every polled job carries; a provider adds what its API needs. */
export interface PolledJob {
  id: string;
  workDir: string;
  submittedAt: number;
  state: VideoJobState;
  /** 0–100. */
  progress: number;
  lastPollAt: number;
  /** No poll before this time (a Retry-After, or a pause after a failed poll). */
  notBefore: number;
  transientFailures: number;
  error?: ProviderError;
  result?: Promise<VideoResult>;
}

export interface PolledJobSettings {
  pollMs: number;
  maxJobMs: number;
}

/** Status polls that fail for a passing reason (429, 5xx, no answer) before the job is given up. */
export const MAX_TRANSIENT_POLL_FAILURES = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pending = (job: PolledJob) => job.state === 'queued' || job.state === 'running';

type NewJob<J extends PolledJob> = Omit<J, keyof PolledJob> & Pick<PolledJob, 'workDir' | 'submittedAt'>;

export class PolledJobs<J extends PolledJob> {
  readonly #providerId: string;
  readonly #settings: PolledJobSettings;
  readonly #jobs = new Map<string, J>();

  constructor(providerId: string, settings: PolledJobSettings) {
    this.#providerId = providerId;
    this.#settings = settings;
  }

  /** Starts following a job; its first poll may go at once. */
  track(fields: NewJob<J>): J {
    const job = { ...fields, id: randomUUID(), state: 'queued', progress: 0, lastPollAt: 0, notBefore: Date.now(), transientFailures: 0 } as unknown as J;
    this.#jobs.set(job.id, job);
    return job;
  }

  /** The job; a job this process does not know (its worker restarted) is a retryable error. */
  get(jobId: string): J {
    const job = this.#jobs.get(jobId);
    if (!job) throw retryableError(this.#providerId, `The ${this.#providerId} job ${jobId} is unknown here (the worker restarted); it is submitted again.`);
    return job;
  }

  fail(job: J, error: ProviderError): void {
    job.state = 'failed';
    job.error = error;
  }

  /**
   * A poll failed: a passing failure is waited out (after `retryAfterMs` when the API gave one),
   * up to MAX_TRANSIENT_POLL_FAILURES in a row; anything else, or one too many, fails the job.
   */
  pollFailed(job: J, error: ProviderError, passing: boolean, retryAfterMs?: number): void {
    if (passing && job.transientFailures < MAX_TRANSIENT_POLL_FAILURES) {
      job.transientFailures += 1;
      job.notBefore = Date.now() + (retryAfterMs ?? this.#settings.pollMs * 2 ** job.transientFailures);
      return;
    }
    this.fail(job, error);
  }

  /** Polls the job when a poll is due; fails it (and calls `overrun`) once it has run too long. */
  async progress(jobId: string, poll: (job: J) => Promise<void>, overrun?: (job: J) => Promise<void>): Promise<VideoJobStatus> {
    const job = this.get(jobId);
    const now = Date.now();
    if (pending(job)) {
      if (now - job.submittedAt > this.#settings.maxJobMs) {
        this.fail(job, retryableError(this.#providerId, `The ${this.#providerId} job did not finish within ${Math.round(this.#settings.maxJobMs / 60_000)} min.`));
        await overrun?.(job).catch(() => undefined);
      } else if (now - job.lastPollAt >= this.#settings.pollMs && now >= job.notBefore) {
        job.lastPollAt = now;
        try {
          await poll(job);
        } finally {
          // The interval runs from the answer, so a slow answer never brings the next poll closer.
          job.lastPollAt = Date.now();
        }
      }
    }
    return { state: job.state, progress: job.progress, ...(job.error ? { error: job.error } : {}) };
  }

  /** Polls until the job ends; then downloads its video once, or rejects with its error. */
  async result(jobId: string, poll: (job: J) => Promise<void>, download: (job: J) => Promise<VideoResult>, overrun?: (job: J) => Promise<void>): Promise<VideoResult> {
    const job = this.get(jobId);
    while (pending(job)) {
      await this.progress(jobId, poll, overrun);
      if (pending(job)) await sleep(Math.max(50, Math.min(this.#settings.pollMs, job.notBefore - Date.now())));
    }
    if (job.state === 'cancelled' || job.state === 'failed') {
      this.#jobs.delete(job.id);
      throw job.state === 'failed' ? job.error! : retryableError(this.#providerId, `The ${this.#providerId} job was cancelled.`);
    }
    job.result ??= download(job).then((result) => {
      this.#jobs.delete(job.id);
      return result;
    });
    return job.result;
  }

  /**
   * Marks the job cancelled unless it has already failed; returns it so the provider can tell its
   * API, or undefined when there is nothing to stop (unknown, or finished).
   */
  cancel(jobId: string): J | undefined {
    const job = this.#jobs.get(jobId);
    if (!job || job.state === 'succeeded') return undefined;
    if (job.state !== 'failed') job.state = 'cancelled';
    return job;
  }
}
