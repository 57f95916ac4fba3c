/**
 * Video through OpenAI's video API (`POST /videos`, `GET /videos/{id}`, `GET /videos/{id}/content`)
 * with the `openai` SDK. OpenAI's own Sora API closed on 24 September 2026; the same protocol is
 * served by gateways and hosts reached through `base_url`, which is what this provider is for.
 *
 * The API takes a prompt, a length (`seconds`, from a fixed set), a frame size (from a fixed set)
 * and one optional first frame (`input_reference`, which must have the frame's size). It takes no
 * seed and has no cancel: a cancelled job is forgotten here and its result never fetched. Status
 * answers carry `progress`. The SDK is asked never to retry: retries are the workflow engine's.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import OpenAI, { toFile } from 'openai';
import { coverPng } from '../../media/still.ts';
import { invalidInputError, retryableError } from '../errors.ts';
import { saveResult } from '../download.ts';
import { PolledJobs, type PolledJob } from '../polled-jobs.ts';
import type { ProviderCheck } from '../planner.types.ts';
import { hostOf, probe } from '../provider-check.ts';
import type { OpenAiVideoSettings } from '../provider-settings.ts';
import { composeVideoPrompt, nearestDuration } from '../video-prompt.ts';
import type { VideoJobStatus, VideoProvider, VideoRequest, VideoResult } from '../video.types.ts';
import { openAiCallFailure, openAiJobFailure } from './openai-video-errors.ts';

export const OPENAI_API_BASE = 'https://api.openai.com/v1';
export const OPENAI_VIDEO_DURATIONS = [4, 8, 12];
export const OPENAI_VIDEO_SIZES = ['1280x720', '720x1280', '1792x1024', '1024x1792'];

/** What another process needs to follow a job. */
interface ResumeToken {
  videoId: string;
  prompt: string;
  references: string[];
  submittedAt: number;
}

interface Job extends PolledJob, ResumeToken {
  model?: string;
}

/** The allowed size closest in shape to `width`×`height`, then in pixel count. */
export function nearestSize(width: number, height: number, allowed: string[]): { width: number; height: number } {
  const sizes = allowed.map((size) => size.split('x').map(Number) as [number, number]);
  const shape = (w: number, h: number) => Math.abs(Math.log(w / h / (width / height)));
  const area = (w: number, h: number) => Math.abs(Math.log((w * h) / (width * height)));
  const [w, h] = sizes.sort((a, b) => shape(...a) - shape(...b) || area(...a) - area(...b))[0]!;
  return { width: w, height: h };
}

export class OpenAiVideoProvider implements VideoProvider {
  readonly id: string;
  readonly limits;
  readonly model: string;
  readonly description: string;
  /** One first frame; no subject references. */
  readonly imageInput = { firstFrame: true, references: false };
  readonly makesSound: boolean;
  readonly pricePerSecondUsd: number | undefined;
  readonly #settings: OpenAiVideoSettings;
  readonly #client: OpenAI;
  readonly #jobs: PolledJobs<Job>;

  constructor(settings: OpenAiVideoSettings) {
    this.#settings = settings;
    this.#jobs = new PolledJobs(settings.id, settings);
    this.id = settings.id;
    this.model = settings.model;
    this.limits = { maxConcurrent: settings.maxConcurrent, ...(settings.requestsPerMinute ? { requestsPerMinute: settings.requestsPerMinute } : {}) };
    this.pricePerSecondUsd = settings.pricePerSecondUsd;
    this.makesSound = settings.sound ?? true;
    this.description = `OpenAI video API model ${settings.model} at ${hostOf(this.#base())}`;
    this.#client = new OpenAI({ apiKey: settings.apiKey, baseURL: this.#base(), maxRetries: 0, timeout: settings.timeoutMs });
  }

  #base(): string {
    return (this.#settings.baseUrl ?? OPENAI_API_BASE).replace(/\/$/, '');
  }

  clipSeconds(seconds: number): number {
    return nearestDuration(seconds, this.#settings.durations ?? OPENAI_VIDEO_DURATIONS);
  }

  async submit(request: VideoRequest, context: { workDir: string }): Promise<{ jobId: string; resumeToken: ResumeToken }> {
    const prompt = composeVideoPrompt(request);
    const seconds = this.clipSeconds(request.shot.duration);
    const size = nearestSize(request.width, request.height, this.#settings.sizes ?? OPENAI_VIDEO_SIZES);
    const previous = request.references?.previousFrame;
    const references: string[] = [];
    let inputReference: Awaited<ReturnType<typeof toFile>> | undefined;
    if (previous) {
      // The API wants the first frame at the size of the video it makes.
      const fitted = join(context.workDir, `${this.id}-first-frame-${randomUUID()}.png`);
      await coverPng(previous.path, size.width, size.height, fitted);
      inputReference = await toFile(createReadStream(fitted), 'first-frame.png', { type: 'image/png' });
      references.push(previous.source);
    }
    let video: OpenAI.Videos.Video;
    try {
      video = await this.#client.videos.create({
        model: this.model,
        prompt,
        seconds: String(seconds) as OpenAI.Videos.VideoSeconds,
        size: `${size.width}x${size.height}` as OpenAI.Videos.VideoSize,
        ...(inputReference ? { input_reference: inputReference } : {}),
      });
    } catch (error) {
      throw openAiCallFailure(this.id, this.#settings.keySetting, error, 'submit');
    }
    if (typeof video?.id !== 'string' || video.id === '') throw retryableError(this.id, `${this.id} accepted the job but named no video id.`);
    const token: ResumeToken = { videoId: video.id, prompt, references, submittedAt: Date.now() };
    return { jobId: this.#track(token, context.workDir), resumeToken: token };
  }

  async resume(resumeToken: unknown, context: { workDir: string }): Promise<{ jobId: string }> {
    const token = resumeToken as Partial<ResumeToken> | null;
    if (!token || typeof token.videoId !== 'string' || typeof token.prompt !== 'string' || typeof token.submittedAt !== 'number') {
      throw invalidInputError(this.id, 'That job cannot be followed: its token is not one of ours.');
    }
    return { jobId: this.#track({ references: [], ...token } as ResumeToken, context.workDir) };
  }

  #track(token: ResumeToken, workDir: string): string {
    return this.#jobs.track({ ...token, workDir }).id;
  }

  progress(jobId: string): Promise<VideoJobStatus> {
    return this.#jobs.progress(jobId, this.#poll);
  }

  readonly #poll = async (job: Job): Promise<void> => {
    let video: OpenAI.Videos.Video;
    try {
      video = await this.#client.videos.retrieve(job.videoId);
    } catch (error) {
      if (job.state === 'cancelled') return;
      const failure = openAiCallFailure(this.id, this.#settings.keySetting, error, 'poll');
      // 429, 5xx and no answer are waited out; anything else ends the job.
      this.#jobs.pollFailed(job, failure, failure.retryable, failure.retryAfterMs);
      return;
    }
    if (job.state === 'cancelled') return;
    job.transientFailures = 0;
    if (typeof video.model === 'string') job.model = video.model;
    if (typeof video.progress === 'number' && Number.isFinite(video.progress)) job.progress = Math.max(job.progress, Math.min(99, Math.max(0, video.progress)));
    switch (video.status) {
      case 'queued':
        return;
      case 'in_progress':
        job.state = 'running';
        return;
      case 'completed':
        job.progress = 100;
        job.state = 'succeeded';
        return;
      case 'failed':
        this.#jobs.fail(job, openAiJobFailure(this.id, video.error));
        return;
      default:
        this.#jobs.fail(job, retryableError(this.id, `${this.id} answered with a status it does not document: ${JSON.stringify(String(video.status)).slice(0, 40)}.`));
    }
  };

  result(jobId: string): Promise<VideoResult> {
    return this.#jobs.result(jobId, this.#poll, this.#download);
  }

  readonly #download = async (job: Job): Promise<VideoResult> => {
    const path = join(job.workDir, `${this.id}-${job.id}.mp4`);
    let response: Response;
    try {
      response = await this.#client.videos.downloadContent(job.videoId, { timeout: Math.max(this.#settings.timeoutMs, 300_000) });
    } catch (error) {
      // A result that cannot be fetched (gone, refused, cut off) is worth a new render, not a wrong request.
      const failure = openAiCallFailure(this.id, this.#settings.keySetting, error, 'download');
      throw failure.kind === 'invalid_input' && !/credentials/.test(failure.message) ? retryableError(this.id, `The result of the ${this.id} job could not be downloaded: ${failure.message}`, error) : failure;
    }
    const { mimeType } = await saveResult(response, path, this.id);
    return {
      kind: 'file',
      path,
      mimeType,
      provenance: { model: job.model ?? this.model, seed: null, prompt: job.prompt, references: job.references, jobId: job.videoId },
    };
  };

  /** The API has no cancel: the job is dropped here, and whatever it makes is never fetched. */
  async cancel(jobId: string): Promise<void> {
    this.#jobs.cancel(jobId);
  }

  /** Reachability, the key and the model, with one read-only call (`GET /models/{model}`). */
  async check(): Promise<ProviderCheck> {
    const { apiKey, keySetting } = this.#settings;
    const response = await probe(`${this.#base()}/models/${encodeURIComponent(this.model)}`, { authorization: `Bearer ${apiKey}` }, hostOf(this.#base()));
    if (!(response instanceof Response)) return response;
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403) return { ok: false, verdict: `credentials refused (HTTP ${response.status}); check ${keySetting}` };
    if (response.status === 404) return { ok: false, verdict: `reachable, but the model "${this.model}" is unknown there` };
    if (!response.ok) return { ok: false, verdict: `reachable, but it answered HTTP ${response.status}` };
    return { ok: true, verdict: `reachable, credentials accepted, model ${this.model}` };
  }
}

export function createOpenAiVideoProvider(settings: OpenAiVideoSettings): VideoProvider {
  return new OpenAiVideoProvider(settings);
}
