/**
 * The built-in video provider: renders a previsualization animatic of the shot with ffmpeg, on
 * this machine, with no network. It follows the same submit → progress → result lifecycle as a
 * remote API so the job code does not care which provider it drives. Jobs live in memory: after
 * a restart their ids are unknown and the shot must be submitted again.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { renderAnimatic } from '../../media/animatic.ts';
import { animaticRequestProblems } from '../../media/animatic-request.ts';
import { FfmpegError, isAbortError, MediaInputError } from '../../media/errors.ts';
import { invalidInputError, ProviderError, retryableError } from '../errors.ts';
import { ANIMATIC_SLATES, ANIMATIC_SUBTITLES, ANIMATIC_VOICES, type AnimaticSlate, type AnimaticSubtitles, type AnimaticVoice } from '../provider-settings.ts';
import type {
  VideoJobState,
  VideoJobStatus,
  VideoOutputRange,
  VideoProvider,
  VideoProviderLimits,
  VideoProviderOption,
  VideoRequest,
  VideoResult,
} from '../video.types.ts';

const PROVIDER_ID = 'builtin';
/** Finished jobs are forgotten after this long; their files stay where they were written. */
const FINISHED_JOB_RETENTION_MS = 60 * 60 * 1000;

interface BuiltinJob {
  id: string;
  request: VideoRequest;
  workDir: string;
  outputPath: string;
  state: VideoJobState;
  progress: number;
  error?: ProviderError;
  controller: AbortController;
  finishedAt?: number;
  done: Promise<VideoResult>;
  settle: { resolve: (result: VideoResult) => void; reject: (error: ProviderError) => void };
}

export class BuiltinVideoProvider implements VideoProvider {
  readonly id = PROVIDER_ID;
  readonly limits: VideoProviderLimits = { maxConcurrent: 2 };
  readonly model = 'animatic';
  readonly description = 'Built-in animatic renderer: ffmpeg on this machine, offline and free';
  /** Every animatic has a quiet sound bed under its subtitles. */
  readonly makesSound = true;
  /**
   * A previz animatic: flat backdrops, figures and subtitles gain nothing past Full HD, while the
   * render time grows with pixels and frames (a 5-s 720p shot takes about a second, 1080p about
   * two; 4096×4096 at 60 fps took 230 s per second of video). 30 fps shows every camera move smoothly.
   */
  readonly outputRange: VideoOutputRange = { maxLongSide: 1920, maxShortSide: 1080, maxFps: 30 };
  /** A take may change what the server's settings choose for every take. */
  readonly options: Readonly<Record<string, VideoProviderOption>> = {
    slate: { type: 'string', values: ANIMATIC_SLATES, description: 'A thin slate line at the top of the picture, or none' },
    subtitles: { type: 'string', values: ANIMATIC_SUBTITLES, description: 'Dialogue as a caption track only, or burned onto the picture too' },
    voice: { type: 'string', values: ANIMATIC_VOICES, description: 'Whether the dialogue is spoken by the temp voice' },
  };
  readonly #jobs = new Map<string, BuiltinJob>();
  readonly #queue: BuiltinJob[] = [];
  #running = 0;
  /** Shot information is in the file's metadata; a thin slate on the picture only when asked for. */
  readonly #slate: AnimaticSlate;
  /** The dialogue is a caption track; burned onto the picture as well only when asked for. */
  readonly #subtitles: AnimaticSubtitles;
  /** The dialogue is spoken (temp voice) unless turned off. */
  readonly #voice: AnimaticVoice;

  constructor(options: { slate?: AnimaticSlate; subtitles?: AnimaticSubtitles; voice?: AnimaticVoice } = {}) {
    this.#slate = options.slate ?? 'none';
    this.#subtitles = options.subtitles ?? 'track';
    this.#voice = options.voice ?? 'on';
  }

  /** Validates the request, then queues the render. Rejects with `invalid_input` at once for a bad request. */
  async submit(request: VideoRequest, context: { workDir: string }): Promise<{ jobId: string }> {
    const problems = animaticRequestProblems(request);
    if (problems.length > 0) {
      throw invalidInputError(PROVIDER_ID, `The built-in renderer cannot render this shot: ${problems.join('; ')}.`);
    }
    this.#forgetOldJobs();
    const id = randomUUID();
    const { promise, resolve, reject } = Promise.withResolvers<VideoResult>();
    // result() may never be called (a cancelled job); the rejection must not crash the process.
    promise.catch(() => undefined);
    const job: BuiltinJob = {
      id,
      request,
      workDir: context.workDir,
      outputPath: join(context.workDir, `builtin-${id}.mp4`),
      state: 'queued',
      progress: 0,
      controller: new AbortController(),
      done: promise,
      settle: { resolve, reject },
    };
    this.#jobs.set(id, job);
    this.#queue.push(job);
    this.#startQueued();
    return { jobId: id };
  }

  async progress(jobId: string): Promise<VideoJobStatus> {
    const job = this.#job(jobId);
    return { state: job.state, progress: job.progress, ...(job.error ? { error: job.error } : {}) };
  }

  /** Waits for the render; resolves with the MP4 file or rejects with the job's ProviderError. */
  async result(jobId: string): Promise<VideoResult> {
    return this.#job(jobId).done;
  }

  /** Stops the render (ffmpeg is killed); a finished job is left as it is. */
  async cancel(jobId: string): Promise<void> {
    const job = this.#job(jobId);
    if (job.state === 'queued') {
      this.#queue.splice(this.#queue.indexOf(job), 1);
      this.#finish(job, 'cancelled', cancelledError(job));
    } else if (job.state === 'running') {
      job.controller.abort(new Error(`job ${jobId} was cancelled`));
    }
  }

  #job(jobId: string): BuiltinJob {
    const job = this.#jobs.get(jobId);
    if (!job) {
      throw invalidInputError(
        PROVIDER_ID,
        `Unknown built-in render job ${jobId}: jobs are kept in memory only, so submit the shot again.`,
      );
    }
    return job;
  }

  #startQueued(): void {
    while (this.#running < this.limits.maxConcurrent) {
      const job = this.#queue.shift();
      if (!job) return;
      this.#running++;
      void this.#run(job).finally(() => {
        this.#running--;
        this.#startQueued();
      });
    }
  }

  async #run(job: BuiltinJob): Promise<void> {
    job.state = 'running';
    try {
      await mkdir(job.workDir, { recursive: true });
      await renderAnimatic(job.request, job.outputPath, {
        workDir: job.workDir,
        slate: chosen(job.request, 'slate', ANIMATIC_SLATES) ?? this.#slate,
        subtitles: chosen(job.request, 'subtitles', ANIMATIC_SUBTITLES) ?? this.#subtitles,
        voice: chosen(job.request, 'voice', ANIMATIC_VOICES) ?? this.#voice,
        // Analysing a finished take (someone waits to review it) goes before rendering the next.
        priority: 'background',
        signal: job.controller.signal,
        onProgress: (fraction) => {
          // 100 is kept for "done", so a finished ffmpeg that still has to rename reads 99.
          job.progress = Math.min(99, Math.round(fraction * 100));
        },
      });
      job.progress = 100;
      this.#finish(job, 'succeeded');
      job.settle.resolve({ kind: 'file', path: job.outputPath, mimeType: 'video/mp4' });
    } catch (error) {
      if (isAbortError(error)) {
        this.#finish(job, 'cancelled', cancelledError(job, error));
      } else {
        this.#finish(job, 'failed', crashError(error));
      }
    }
  }

  #finish(job: BuiltinJob, state: VideoJobState, error?: ProviderError): void {
    job.state = state;
    job.finishedAt = Date.now();
    if (error) {
      if (state === 'failed') job.error = error;
      job.settle.reject(error);
    }
  }

  #forgetOldJobs(): void {
    const cutoff = Date.now() - FINISHED_JOB_RETENTION_MS;
    for (const [id, job] of this.#jobs) {
      if (job.finishedAt !== undefined && job.finishedAt < cutoff) this.#jobs.delete(id);
    }
  }
}

/** A take's own choice of one option, when it made a valid one. */
function chosen<T extends string>(request: VideoRequest, name: string, values: readonly T[]): T | undefined {
  const value = request.providerOptions?.[name];
  return values.includes(value as T) ? (value as T) : undefined;
}

function cancelledError(job: BuiltinJob, cause?: unknown): ProviderError {
  // There is no "cancelled" kind: a cancelled render is not wrong input, and may be submitted again.
  return retryableError(PROVIDER_ID, `Built-in render job ${job.id} was cancelled before it finished.`, cause);
}

function crashError(error: unknown): ProviderError {
  if (error instanceof MediaInputError) return invalidInputError(PROVIDER_ID, error.message, error);
  if (error instanceof FfmpegError) {
    return retryableError(PROVIDER_ID, `The built-in renderer failed (${error.message}); try again.`, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return retryableError(PROVIDER_ID, `The built-in renderer failed: ${message}`, error);
}

/** The built-in provider, ready to use. */
export function createBuiltinVideoProvider(options: { slate?: AnimaticSlate; subtitles?: AnimaticSubtitles; voice?: AnimaticVoice } = {}): BuiltinVideoProvider {
  return new BuiltinVideoProvider(options);
}
