/**
 * Video models reached through the AI SDK's asynchronous video generation
 * (`experimental_startVideo` to submit, `experimental_getVideoStatus` to poll) and its provider
 * packages: fal, Replicate, xAI and Google (Veo). The SDK's start/status pair maps onto our
 * submit/progress/result lifecycle; what it does not cover (cancel, progress, the HTTP status of a
 * failed poll) is read through the `fetch` we hand it, per job.
 *
 * The SDK is asked never to retry: retries are the workflow engine's, which honours Retry-After and
 * counts attempts across worker restarts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFal } from '@ai-sdk/fal';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createReplicate } from '@ai-sdk/replicate';
import { createXai } from '@ai-sdk/xai';
import { experimental_getVideoStatus as getVideoStatus, experimental_startVideo as startVideo, type JSONValue } from 'ai';
import { retryAfterMs } from '../llm/model-errors.ts';
import { downloadResult } from '../download.ts';
import { PolledJobs, type PolledJob } from '../polled-jobs.ts';
import { hostOf } from '../provider-check.ts';
import type { RemoteVideoKind, RemoteVideoSettings } from '../provider-settings.ts';
import { invalidInputError, retryableError } from '../errors.ts';
import type { ProviderCheck } from '../planner.types.ts';
import { composeVideoPrompt, nearestDuration } from '../video-prompt.ts';
import { checkVideoApi } from './video-api-check.ts';
import { callFailure, jobFailure, type ErrorContext, type HttpObservation } from './video-api-errors.ts';
import type { VideoImageInput, VideoJobStatus, VideoProvider, VideoReferenceImage, VideoRequest, VideoResult } from '../video.types.ts';

/** Settings of one video model reached through the AI SDK (see provider-config.ts for each field). */
export type AiVideoSettings = RemoteVideoSettings;
export type AiVideoKind = RemoteVideoKind;

export const API_ORIGINS: Record<AiVideoKind, string> = {
  fal: 'https://queue.fal.run',
  replicate: 'https://api.replicate.com/v1',
  xai: 'https://api.x.ai/v1',
  google: 'https://generativelanguage.googleapis.com/v1beta',
};

const KIND_NAMES: Record<AiVideoKind, string> = { fal: 'fal', replicate: 'Replicate', xai: 'xAI', google: 'Google Veo' };

/** What each API takes by default; fal and Replicate models differ, so they are told in the settings. */
export const DEFAULT_IMAGE_INPUT: Record<AiVideoKind, VideoImageInput> = {
  fal: { firstFrame: false, references: false },
  replicate: { firstFrame: false, references: false },
  xai: { firstFrame: true, references: true },
  google: { firstFrame: true, references: true },
};

/** Clip lengths each API's default model takes when the settings name none (Veo 3.1: 4, 6 or 8 s). */
const DEFAULT_DURATIONS: Record<AiVideoKind, number[] | undefined> = { fal: undefined, replicate: undefined, xai: undefined, google: [4, 6, 8] };

/** The SDK's fal and Replicate models send a start image only; reference images would be dropped. */
const SDK_TAKES_REFERENCES: Record<AiVideoKind, boolean> = { fal: false, replicate: false, xai: true, google: true };

/** What another process needs to follow a job: the SDK's operation and what provenance records. */
interface ResumeToken {
  operation: JSONValue;
  prompt: string;
  seed: number;
  references: string[];
  submittedAt: number;
}

interface Job extends PolledJob {
  operation: JSONValue;
  prompt: string;
  seed: number;
  references: string[];
  video?: { url: string; mediaType?: string };
  reportedSeed?: number;
  costUsd?: number;
}

type SdkVideoModel = Parameters<typeof startVideo>[0]['model'];

function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers.entries());
}

/** Reduces 1280×720 to "16:9". */
function aspectRatio(width: number, height: number): `${number}:${number}` {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const divisor = gcd(width, height);
  return `${width / divisor}:${height / divisor}`;
}


/** Progress a poll's body tells, when the API reports it (xAI `progress`, Replicate's tqdm lines in `logs`). */
function reportedProgress(body: unknown): number | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { progress?: unknown; logs?: unknown };
  if (typeof record.progress === 'number' && Number.isFinite(record.progress)) return Math.max(0, Math.min(100, record.progress));
  if (typeof record.logs === 'string') {
    const matches = [...record.logs.matchAll(/(\d{1,3})%\|/g)];
    const last = matches.at(-1);
    if (last) return Math.min(100, Number(last[1]));
  }
  return undefined;
}

export class AiSdkVideoProvider implements VideoProvider {
  readonly id: string;
  readonly limits;
  readonly makesSound: boolean;
  readonly model: string;
  readonly description: string;
  readonly imageInput: VideoImageInput;
  readonly pricePerSecondUsd: number | undefined;
  readonly #settings: AiVideoSettings;
  readonly #errors: ErrorContext;
  readonly #jobs: PolledJobs<Job>;
  readonly #calls = new AsyncLocalStorage<{ observed?: HttpObservation }>();
  readonly #videoModel: SdkVideoModel;
  readonly #fetch: typeof fetch;

  constructor(settings: AiVideoSettings) {
    this.#settings = settings;
    this.#jobs = new PolledJobs(settings.id, settings);
    this.#errors = { id: settings.id, apiName: KIND_NAMES[settings.kind], keySetting: settings.keySetting };
    this.id = settings.id;
    this.model = settings.model;
    this.limits = { maxConcurrent: settings.maxConcurrent, ...(settings.requestsPerMinute ? { requestsPerMinute: settings.requestsPerMinute } : {}) };
    this.makesSound = settings.sound ?? false;
    const imageInput = settings.imageInput ?? DEFAULT_IMAGE_INPUT[settings.kind];
    this.imageInput = { firstFrame: imageInput.firstFrame, references: imageInput.references && SDK_TAKES_REFERENCES[settings.kind] };
    this.pricePerSecondUsd = settings.pricePerSecondUsd;
    this.description = `${KIND_NAMES[settings.kind]} video model ${settings.model} at ${hostOf(this.#apiBase())}`;
    this.#fetch = this.#observingFetch();
    this.#videoModel = this.#createModel();
  }

  #apiBase(): string {
    return (this.#settings.baseUrl ?? API_ORIGINS[this.#settings.kind]).replace(/\/$/, '');
  }

  /** Passes every call through, noting its status, headers and (for JSON) body for the job that made it. */
  #observingFetch(): typeof fetch {
    const { kind, baseUrl } = this.#settings;
    // fal's video model always calls https://queue.fal.run: a configured base URL takes its place.
    const rewrite = kind === 'fal' && baseUrl ? (url: string) => url.replace(API_ORIGINS.fal, baseUrl.replace(/\/$/, '')) : (url: string) => url;
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = rewrite(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      const response = await fetch(url, init);
      const call = this.#calls.getStore();
      if (call) {
        call.observed = { status: response.status, headers: headersOf(response) };
        if ((response.headers.get('content-type') ?? '').includes('json')) {
          call.observed.body = await response
            .clone()
            .json()
            .catch(() => undefined);
        }
      }
      return response;
    }) as typeof fetch;
  }

  #createModel(): SdkVideoModel {
    const { kind, apiKey, baseUrl, model } = this.#settings;
    const fetch = this.#fetch;
    // The provider packages may pin another minor version of the model interface than `ai`.
    switch (kind) {
      case 'fal':
        return createFal({ apiKey, fetch }).video(model) as unknown as SdkVideoModel;
      case 'replicate':
        return createReplicate({ apiToken: apiKey, fetch, ...(baseUrl ? { baseURL: baseUrl } : {}) }).video(model) as unknown as SdkVideoModel;
      case 'xai':
        return createXai({ apiKey, fetch, ...(baseUrl ? { baseURL: baseUrl } : {}) }).video(model);
      case 'google':
        return createGoogleGenerativeAI({ apiKey, fetch, ...(baseUrl ? { baseURL: baseUrl } : {}) }).video(model);
    }
  }

  clipSeconds(seconds: number): number {
    return nearestDuration(seconds, this.#settings.durations ?? DEFAULT_DURATIONS[this.#settings.kind]);
  }

  /** Runs one SDK call with a timeout, noting what HTTP said. */
  async #call<T>(run: (signal: AbortSignal) => Promise<T>): Promise<{ value?: T; error?: unknown; observed?: HttpObservation }> {
    const store: { observed?: HttpObservation } = {};
    return this.#calls.run(store, async () => {
      try {
        const value = await run(AbortSignal.timeout(this.#settings.timeoutMs));
        return { value, ...(store.observed ? { observed: store.observed } : {}) };
      } catch (error) {
        return { error, ...(store.observed ? { observed: store.observed } : {}) };
      }
    });
  }

  async submit(request: VideoRequest, context: { workDir: string }): Promise<{ jobId: string; resumeToken: ResumeToken }> {
    const settings = this.#settings;
    const prompt = composeVideoPrompt(request);
    const duration = this.clipSeconds(request.shot.duration);
    const { frameImages, inputReferences, sources } = await this.#images(request);
    const started = await this.#call((abortSignal) =>
      startVideo({
        model: this.#videoModel,
        prompt,
        aspectRatio: aspectRatio(request.width, request.height),
        resolution: `${request.width}x${request.height}`,
        duration,
        fps: request.fps,
        seed: request.seed,
        ...(frameImages.length > 0 ? { frameImages } : {}),
        ...(inputReferences.length > 0 ? { inputReferences } : {}),
        ...(settings.sound !== undefined ? { generateAudio: settings.sound } : {}),
        ...(settings.options ? { providerOptions: { [settings.kind]: settings.options } } : {}),
        maxRetries: 0,
        abortSignal,
      }),
    );
    if (started.error !== undefined || !started.value) throw callFailure(this.#errors, started.error, started.observed, 'submit');
    const token: ResumeToken = { operation: started.value.operation, prompt, seed: request.seed, references: sources, submittedAt: Date.now() };
    return { jobId: this.#track(token, context.workDir), resumeToken: token };
  }

  /** Follows a job submitted by another process, from the token its submit handed out. */
  async resume(resumeToken: unknown, context: { workDir: string }): Promise<{ jobId: string }> {
    const token = resumeToken as Partial<ResumeToken> | null;
    if (!token || token.operation === undefined || typeof token.prompt !== 'string' || typeof token.seed !== 'number' || typeof token.submittedAt !== 'number') {
      throw invalidInputError(this.id, 'That job cannot be followed: its token is not one of ours.');
    }
    return { jobId: this.#track({ references: [], ...token } as ResumeToken, context.workDir) };
  }

  #track(token: ResumeToken, workDir: string): string {
    const { operation, prompt, seed, references, submittedAt } = token;
    return this.#jobs.track({ operation, workDir, prompt, seed, references, submittedAt }).id;
  }

  /** The images to send, by what the model takes: the previous take's last frame first, else the characters' references. */
  async #images(request: VideoRequest) {
    const frameImages: { image: Uint8Array; frameType: 'first_frame' }[] = [];
    const inputReferences: { data: Uint8Array; mediaType: string }[] = [];
    const sources: string[] = [];
    const previous = request.references?.previousFrame;
    const characters = request.references?.characters ?? [];
    const read = async (image: VideoReferenceImage) => new Uint8Array(await readFile(image.path));
    if (previous && this.imageInput.firstFrame) {
      frameImages.push({ image: await read(previous), frameType: 'first_frame' });
      sources.push(previous.source);
    } else if (characters.length > 0 && this.imageInput.references) {
      // The SDK cannot combine a first frame with references; a continuing shot keeps its frame.
      for (const image of characters.slice(0, 3)) {
        inputReferences.push({ data: await read(image), mediaType: image.mimeType });
        sources.push(image.source);
      }
    }
    return { frameImages, inputReferences, sources };
  }

  progress(jobId: string): Promise<VideoJobStatus> {
    return this.#jobs.progress(jobId, this.#poll, this.#overrun);
  }

  /** A job past its time limit is stopped at the provider where the API can. */
  readonly #overrun = (job: Job) => this.cancel(job.id);

  readonly #poll = async (job: Job): Promise<void> => {
    const polled = await this.#call((abortSignal) => getVideoStatus(this.#videoModel, { operation: job.operation, abortSignal, maxRetries: 0 }));
    if (job.state === 'cancelled') return;
    const status = polled.value;
    const http = polled.observed?.status;
    const passing = http === 429 || (http !== undefined && http >= 500) || (http === undefined && polled.error !== undefined);
    if (polled.error !== undefined || status?.status === 'error') {
      const failure = status?.status === 'error' && !passing ? jobFailure(this.#errors, status.error, polled.observed) : callFailure(this.#errors, polled.error ?? status?.status, polled.observed, 'poll');
      this.#jobs.pollFailed(job, failure, passing, http === 429 ? (retryAfterMs(polled.observed?.headers) ?? this.#settings.pollMs) : undefined);
      return;
    }
    job.transientFailures = 0;
    if (!status) return;
    if (status.status === 'pending') {
      const told = reportedProgress(polled.observed?.body);
      job.state = told !== undefined || job.state === 'running' || /IN_PROGRESS|processing|running/i.test(JSON.stringify(polled.observed?.body ?? '')) ? 'running' : job.state;
      if (told !== undefined) job.progress = Math.max(job.progress, Math.min(99, told));
      return;
    }
    const video = status.videos[0];
    if (!video || video.type !== 'url') {
      this.#jobs.fail(job, retryableError(this.id, `The ${this.id} job finished without a video to download.`));
      return;
    }
    job.video = { url: video.url, ...(video.mediaType ? { mediaType: video.mediaType } : {}) };
    const metadata = (status.providerMetadata ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const ticks = metadata.xai?.costInUsdTicks;
    if (typeof ticks === 'number') job.costUsd = ticks / 1e10;
    const seed = metadata.fal?.seed;
    if (typeof seed === 'number') job.reportedSeed = seed;
    job.progress = 100;
    job.state = 'succeeded';
  };

  result(jobId: string): Promise<VideoResult> {
    return this.#jobs.result(jobId, this.#poll, this.#download, this.#overrun);
  }

  readonly #download = async (job: Job): Promise<VideoResult> => {
    const video = job.video!;
    const path = join(job.workDir, `${this.id}-${job.id}.mp4`);
    const { mimeType } = await downloadResult(video.url, path, { providerId: this.id, timeoutMs: Math.max(this.#settings.timeoutMs, 300_000), fetch: this.#fetch });
    return {
      kind: 'file',
      path,
      mimeType: video.mediaType ?? mimeType,
      provenance: {
        model: this.model,
        seed: job.reportedSeed ?? job.seed,
        prompt: job.prompt,
        references: job.references,
        jobId: this.#providerJobId(job.operation),
        ...(job.costUsd !== undefined ? { costUsd: job.costUsd } : {}),
      },
    };
  };

  /** The provider's own id of the job, from the SDK's operation. */
  #providerJobId(operation: JSONValue): string {
    const record = (operation ?? {}) as Record<string, string | undefined>;
    const reference = record.requestId ?? record.operationName ?? record.getUrl ?? record.responseUrl ?? '';
    return reference.split('/').filter(Boolean).at(-1) ?? reference;
  }

  /** Asks the provider to stop where its API can (fal, Replicate); the job is cancelled here either way. */
  async cancel(jobId: string): Promise<void> {
    const job = this.#jobs.cancel(jobId);
    if (!job) return;
    const record = job.operation as Record<string, string | undefined>;
    const { kind, apiKey } = this.#settings;
    let request: { url: string; method: string; headers: Record<string, string> } | undefined;
    if (kind === 'fal' && record.responseUrl) request = { url: `${record.responseUrl}/cancel`, method: 'PUT', headers: { authorization: `Key ${apiKey}` } };
    if (kind === 'replicate' && record.getUrl) request = { url: `${record.getUrl}/cancel`, method: 'POST', headers: { authorization: `Bearer ${apiKey}` } };
    if (request) {
      await this.#fetch(request.url, { method: request.method, headers: request.headers, signal: AbortSignal.timeout(this.#settings.timeoutMs) }).catch(() => undefined);
    }
  }

  /** Reachability, credentials and the model, with one read-only call per API. */
  check(): Promise<ProviderCheck> {
    return checkVideoApi(this.#settings, this.#apiBase());
  }
}

export function createAiSdkVideoProvider(settings: AiVideoSettings): VideoProvider {
  return new AiSdkVideoProvider(settings);
}
