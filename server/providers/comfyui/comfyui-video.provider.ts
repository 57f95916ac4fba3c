/**
 * Video from a ComfyUI server (on this machine, a rented GPU, or behind an authenticating proxy)
 * running an API-format workflow whose nodes carry Dailies markers (see workflow.ts). It speaks
 * ComfyUI's own protocol: reference images go up with POST /upload/image, the filled-in workflow is
 * queued with POST /prompt, progress and the outcome arrive on the /ws WebSocket of this provider's
 * client id, the output is named by the `executed` event (or GET /history/{id}) and fetched from
 * GET /view. While the socket is closed or silent, GET /history and GET /queue are polled instead,
 * so a dropped socket costs latency, never a job. Jobs live in memory, keyed by ComfyUI's prompt id;
 * another process follows a job from its prompt id (`resume`), by polling.
 * The HTTP calls and the reading of ComfyUI's errors are comfyui-client.ts; the output file's,
 * comfyui-output.ts.
 */
import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { downloadResult } from '../download.ts';
import { invalidInputError, isProviderError, ProviderError, retryableError } from '../errors.ts';
import type { ProviderCheck } from '../planner.types.ts';
import { composeVideoPrompt } from '../video-prompt.ts';
import type { VideoImageInput, VideoJobState, VideoJobStatus, VideoProvider, VideoRequest, VideoResult } from '../video.types.ts';
import { ComfyUiClient, type Payload } from './comfyui-client.ts';
import { videoFileOf, videoTypeOf } from './comfyui-output.ts';
import { fillComfyWorkflow, frameCountFor, parseComfyWorkflow, type ComfyWorkflow, type MarkedWorkflow } from './workflow.ts';

export interface ComfyUiSettings {
  id: string;
  /** The server, e.g. http://127.0.0.1:8188 (a path prefix is kept). */
  baseUrl: string;
  /** The parsed API-format workflow. */
  workflow: ComfyWorkflow;
  /** Its file name, for messages and provenance ("text-to-video.json"). */
  workflowName: string;
  /** Sent as `Authorization: Bearer …` for servers behind an authenticating proxy; never logged. */
  apiKey?: string;
  maxConcurrent: number;
  requestsPerMinute?: number;
  pricePerSecondUsd?: number;
  /** Longest wait for one HTTP call (and for the output file's download). */
  timeoutMs: number;
}

/** What another process needs to follow a job: ComfyUI's prompt id and what provenance records. */
interface ResumeToken {
  promptId: string;
  prompt: string;
  seed: number;
  references: string[];
}

interface Job {
  id: string;
  workDir: string;
  prompt: string;
  seed: number;
  references: string[];
  state: VideoJobState;
  progress: number;
  error?: ProviderError;
  cancelRequested: boolean;
  interruptSent: boolean;
  /** The output node's entry from `executed` or the history. */
  output?: unknown;
  stepNodesSeen: string[];
  lastEventAt: number;
  lastPollAt: number;
  pollFailures: number;
  unseenPolls: number;
  finishedAt?: number;
  result?: Promise<VideoResult>;
}


/** Without socket events for this long, a job's state is polled (a long sampling step is silent too, so polls are cheap reads). */
const SILENCE_BEFORE_POLL_MS = 15_000;
/** Between polls: with no socket, and with a socket that has gone quiet. */
const POLL_MS = 1_000;
const SILENT_POLL_MS = 5_000;
/** Failed polls in a row (network, 5xx) before the job is given up as retryable. */
const MAX_POLL_FAILURES = 5;
/** Polls finding the job neither queued, running nor in the history before it is taken for lost. */
const MAX_UNSEEN_POLLS = 3;
const FINISHED_JOB_RETENTION_MS = 60 * 60 * 1000;

/** Node's WebSocket (undici) takes request headers in its init object, which the DOM typings do not list. */
const NodeWebSocket = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const active = (job: Job) => job.state === 'queued' || job.state === 'running';

export class ComfyUiVideoProvider implements VideoProvider {
  readonly id: string;
  readonly limits;
  readonly description: string;
  readonly model: string;
  readonly imageInput: VideoImageInput;
  readonly pricePerSecondUsd: number | undefined;
  readonly makesSound = false;
  readonly #settings: ComfyUiSettings;
  readonly #marked: MarkedWorkflow;
  readonly #client: ComfyUiClient;
  /** One client id per provider: ComfyUI sends a prompt's events to the socket of the client that queued it. */
  readonly #clientId = randomUUID();
  readonly #jobs = new Map<string, Job>();
  /** Events that arrived before the POST /prompt that queued their job had answered. */
  readonly #early = new Map<string, [string, Payload][]>();
  #socket: WebSocket | undefined;
  #connecting: Promise<boolean> | undefined;
  #submitting = 0;

  constructor(settings: ComfyUiSettings) {
    this.#settings = settings;
    this.#marked = parseComfyWorkflow(settings.workflow, settings.workflowName);
    this.#client = new ComfyUiClient({
      providerId: settings.id,
      baseUrl: settings.baseUrl,
      workflowName: settings.workflowName,
      ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
      timeoutMs: settings.timeoutMs,
    });
    this.id = settings.id;
    this.model = settings.workflowName;
    this.limits = { maxConcurrent: settings.maxConcurrent, ...(settings.requestsPerMinute ? { requestsPerMinute: settings.requestsPerMinute } : {}) };
    this.pricePerSecondUsd = settings.pricePerSecondUsd;
    this.description = `ComfyUI at ${this.#client.host}, workflow ${settings.workflowName}`;
    this.imageInput = { firstFrame: this.#marked.nodes.first_frame.length > 0, references: this.#marked.nodes.reference.length > 0 };
  }

  /** Uploads the reference images the workflow has nodes for, fills in the workflow and queues it. */
  async submit(request: VideoRequest, context: { workDir: string }): Promise<{ jobId: string; resumeToken: ResumeToken }> {
    this.#forgetOldJobs();
    this.#submitting++;
    try {
      const prompt = composeVideoPrompt(request);
      const { firstFrame, references, sources } = await this.#uploadReferences(request);
      const workflow = fillComfyWorkflow(this.#marked, {
        prompt,
        seed: request.seed,
        width: request.width,
        height: request.height,
        frameCount: frameCountFor(request.shot.duration, request.fps),
        fps: request.fps,
        ...(firstFrame !== undefined ? { firstFrame } : {}),
        references,
      });
      // Connected before queueing, so no event of the job is missed; without a socket, polling carries the job.
      await this.#connect();
      const answer = await this.#client.send('POST', '/prompt', { json: { prompt: workflow, client_id: this.#clientId } });
      if (answer.status === 400) throw invalidInputError(this.id, this.#client.rejection(answer.text));
      const body = this.#client.parse(answer, 'POST /prompt') as { prompt_id?: unknown; node_errors?: Record<string, unknown> } | null;
      const promptId = body?.prompt_id;
      if (typeof promptId !== 'string' || promptId === '') throw retryableError(this.id, `ComfyUI at ${this.#client.host} answered POST /prompt without a prompt_id.`);
      if (body?.node_errors && Object.keys(body.node_errors).length > 0) {
        // Queued with some outputs dropped: what runs would not be the workflow as written.
        await this.#client.send('POST', '/queue', { json: { delete: [promptId] } }).catch(() => undefined);
        throw invalidInputError(this.id, this.#client.rejection(JSON.stringify({ error: { message: 'Some outputs failed validation' }, node_errors: body.node_errors })));
      }
      const token: ResumeToken = { promptId, prompt, seed: request.seed, references: sources };
      const job = this.#track(token, context.workDir, Date.now());
      for (const [type, data] of this.#early.get(promptId) ?? []) this.#apply(job, type, data);
      this.#early.delete(promptId);
      return { jobId: promptId, resumeToken: token };
    } finally {
      this.#submitting--;
      this.#closeWhenIdle();
    }
  }

  /**
   * Follows a job another process queued (a worker that stopped): its events went to that
   * process's socket, so this one reads the job's state from the history and the queue. A server
   * that has forgotten the job (restarted) makes it fail as retryable, and the shot is queued anew.
   */
  async resume(resumeToken: unknown, context: { workDir: string }): Promise<{ jobId: string }> {
    const token = resumeToken as Partial<ResumeToken> | null;
    if (!token || typeof token.promptId !== 'string' || token.promptId === '' || typeof token.prompt !== 'string' || typeof token.seed !== 'number') {
      throw invalidInputError(this.id, 'That job cannot be followed: its token is not one of ours.');
    }
    this.#forgetOldJobs();
    const known = this.#jobs.get(token.promptId);
    if (!known || !active(known)) this.#track({ references: [], ...token } as ResumeToken, context.workDir, 0);
    return { jobId: token.promptId };
  }

  /** `heardAt` 0: nothing heard of the job yet, so it is polled at once. */
  #track(token: ResumeToken, workDir: string, heardAt: number): Job {
    const job: Job = {
      id: token.promptId,
      workDir,
      prompt: token.prompt,
      seed: token.seed,
      references: token.references,
      state: 'queued',
      progress: 0,
      cancelRequested: false,
      interruptSent: false,
      stepNodesSeen: [],
      lastEventAt: heardAt,
      lastPollAt: heardAt,
      pollFailures: 0,
      unseenPolls: 0,
    };
    this.#jobs.set(token.promptId, job);
    return job;
  }

  async progress(jobId: string): Promise<VideoJobStatus> {
    const job = this.#job(jobId);
    const now = Date.now();
    const listening = this.#socket?.readyState === WebSocket.OPEN;
    const due = listening ? now - job.lastEventAt >= SILENCE_BEFORE_POLL_MS && now - job.lastPollAt >= SILENT_POLL_MS : now - job.lastPollAt >= POLL_MS;
    if (active(job) && due) await this.#poll(job);
    return { state: job.state, progress: job.progress, ...(job.error ? { error: job.error } : {}) };
  }

  /** Waits for the job; downloads its video into the work folder, or rejects with the job's ProviderError. */
  async result(jobId: string): Promise<VideoResult> {
    const job = this.#job(jobId);
    while (active(job)) {
      await this.progress(jobId);
      if (active(job)) await sleep(200);
    }
    if (job.state === 'cancelled') throw retryableError(this.id, `ComfyUI job ${job.id} was cancelled.`);
    if (job.state === 'failed') throw job.error!;
    job.result ??= this.#download(job);
    return job.result;
  }

  /** A queued job is deleted from ComfyUI's queue; a running one is interrupted. It is cancelled here whatever the server answers. */
  async cancel(jobId: string): Promise<void> {
    const job = this.#jobs.get(jobId);
    if (!job || !active(job)) return;
    const running = job.state === 'running';
    job.cancelRequested = true;
    this.#finish(job, 'cancelled');
    if (running) await this.#interrupt(job);
    else await this.#client.send('POST', '/queue', { json: { delete: [job.id] } }).catch(() => undefined);
  }

  /** Reachability, credentials, the server and its GPU, and whether it has every node the workflow uses. */
  check(): Promise<ProviderCheck> {
    return this.#client.check([...new Set(Object.values(this.#marked.workflow).map((node) => node.class_type))]);
  }

  #job(jobId: string): Job {
    const job = this.#jobs.get(jobId);
    if (!job) throw retryableError(this.id, `ComfyUI job ${jobId} is unknown here (the worker restarted); the shot is submitted again.`);
    return job;
  }

  async #uploadReferences(request: VideoRequest): Promise<{ firstFrame?: string; references: string[]; sources: string[] }> {
    const previous = request.references?.previousFrame;
    const characters = request.references?.characters ?? [];
    const sources: string[] = [];
    let firstFrame: string | undefined;
    if (previous && this.imageInput.firstFrame) {
      firstFrame = await this.#client.upload(previous);
      sources.push(previous.source);
    }
    const references: string[] = [];
    for (const image of characters.slice(0, this.#marked.nodes.reference.length)) {
      references.push(await this.#client.upload(image));
      sources.push(image.source);
    }
    return { ...(firstFrame !== undefined ? { firstFrame } : {}), references, sources };
  }

  /** Opens the socket if it is not open; resolves false when it cannot be (polling takes over). */
  #connect(): Promise<boolean> {
    if (this.#socket?.readyState === WebSocket.OPEN) return Promise.resolve(true);
    this.#connecting ??= new Promise<boolean>((resolve) => {
      const url = `${this.#client.base.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(this.#clientId)}`;
      let socket: WebSocket;
      try {
        socket = new NodeWebSocket(url, { headers: this.#client.headers() });
      } catch {
        resolve(false);
        return;
      }
      socket.binaryType = 'arraybuffer';
      const timer = setTimeout(() => {
        socket.close();
        resolve(false);
      }, Math.min(this.#settings.timeoutMs, 10_000));
      socket.addEventListener('open', () => {
        clearTimeout(timer);
        this.#socket = socket;
        resolve(true);
      });
      socket.addEventListener('close', () => {
        clearTimeout(timer);
        if (this.#socket === socket) this.#socket = undefined;
        resolve(false);
      });
      socket.addEventListener('message', (event) => this.#onMessage(event.data));
    }).finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  /** The socket is closed once no job needs it; the next submit opens it again. */
  #closeWhenIdle(): void {
    if (this.#submitting > 0 || [...this.#jobs.values()].some(active)) return;
    this.#socket?.close();
    this.#socket = undefined;
  }

  #onMessage(raw: unknown): void {
    // Binary messages are sampler previews.
    if (typeof raw !== 'string') return;
    let message: { type?: unknown; data?: Payload };
    try {
      message = JSON.parse(raw);
    } catch {
      return;
    }
    const promptId = message.data?.prompt_id;
    if (typeof message.type !== 'string' || typeof promptId !== 'string') return;
    const job = this.#jobs.get(promptId);
    if (job) {
      this.#apply(job, message.type, message.data!);
      return;
    }
    if (!this.#early.has(promptId) && this.#early.size >= 100) this.#early.delete(this.#early.keys().next().value!);
    this.#early.set(promptId, [...(this.#early.get(promptId) ?? []), [message.type, message.data!]]);
  }

  /** One event of ComfyUI's execution protocol for this job. */
  #apply(job: Job, type: string, data: Payload): void {
    job.lastEventAt = Date.now();
    if (!active(job)) {
      // Deleted from the queue just as it started: it is interrupted instead.
      if (job.cancelRequested && (type === 'execution_start' || type === 'progress')) void this.#interrupt(job);
      return;
    }
    switch (type) {
      case 'execution_start':
        job.state = 'running';
        break;
      case 'executing':
        // `node: null` ends the prompt; servers from before `execution_success` send only this.
        if (data.node === null) this.#finish(job, 'succeeded');
        else job.state = 'running';
        break;
      case 'progress':
        job.state = 'running';
        this.#advance(job, String(data.node), Number(data.value), Number(data.max));
        break;
      case 'executed':
        if (String(data.display_node ?? data.node) === this.#marked.outputNode || String(data.node) === this.#marked.outputNode) job.output = data.output;
        break;
      case 'execution_success':
        this.#finish(job, 'succeeded');
        break;
      case 'execution_error':
        this.#finish(job, 'failed', this.#client.executionError(data));
        break;
      case 'execution_interrupted':
        this.#finish(job, 'failed', retryableError(this.id, `ComfyUI job ${job.id} was interrupted on the server (cancelled there, or the server is stopping).`));
        break;
    }
  }

  /**
   * Sampling is the long part of a render: progress is 5–95 % across the workflow's sampler nodes,
   * each taking an equal share, from their `progress` events; it never goes back. Progress of other
   * nodes (decoders, savers) is ignored when the workflow has samplers we know.
   */
  #advance(job: Job, node: string, value: number, max: number): void {
    const steps = this.#marked.stepNodes;
    if ((steps.length > 0 && !steps.includes(node)) || !(max > 0)) return;
    if (!job.stepNodesSeen.includes(node)) job.stepNodesSeen.push(node);
    const total = Math.max(steps.length, job.stepNodesSeen.length);
    const done = job.stepNodesSeen.indexOf(node) + Math.min(1, Math.max(0, value / max));
    job.progress = Math.max(job.progress, Math.min(95, Math.round(5 + (90 * done) / total)));
  }

  #finish(job: Job, state: 'succeeded' | 'failed' | 'cancelled', error?: ProviderError): void {
    if (state === 'failed' && job.cancelRequested) state = 'cancelled';
    job.state = state;
    if (state === 'succeeded') job.progress = 100;
    if (state === 'failed') job.error = error;
    job.finishedAt = Date.now();
    this.#closeWhenIdle();
  }

  async #interrupt(job: Job): Promise<void> {
    if (job.interruptSent) return;
    job.interruptSent = true;
    // Servers since 2025 interrupt only the prompt named; older ones interrupt whatever runs, which is this job.
    await this.#client.send('POST', '/interrupt', { json: { prompt_id: job.id } }).catch(() => undefined);
  }

  /** Reads the job's state from the history, else from the queue. */
  async #poll(job: Job): Promise<void> {
    job.lastPollAt = Date.now();
    try {
      const history = this.#client.parse(await this.#client.send('GET', `/history/${encodeURIComponent(job.id)}`), 'GET /history') as Record<string, unknown> | null;
      const entry = history?.[job.id] as { outputs?: Record<string, unknown>; status?: { status_str?: string; completed?: boolean; messages?: unknown[] } } | undefined;
      if (!active(job)) return;
      job.pollFailures = 0;
      if (entry) {
        const output = entry.outputs?.[this.#marked.outputNode];
        if (output !== undefined) job.output = output;
        const messages = (entry.status?.messages ?? []).filter((m): m is [string, Payload] => Array.isArray(m) && typeof m[0] === 'string');
        const event = (type: string) => messages.find(([name]) => name === type)?.[1];
        if (event('execution_error')) this.#apply(job, 'execution_error', event('execution_error')!);
        else if (event('execution_interrupted') || entry.status?.status_str === 'error') this.#apply(job, 'execution_interrupted', { prompt_id: job.id });
        else if (!entry.status || entry.status.completed || entry.status.status_str === 'success') this.#finish(job, 'succeeded');
        return;
      }
      const queue = this.#client.parse(await this.#client.send('GET', '/queue'), 'GET /queue') as { queue_running?: unknown[]; queue_pending?: unknown[] } | null;
      if (!active(job)) return;
      const holds = (list: unknown[] | undefined) => (list ?? []).some((item) => Array.isArray(item) && item[1] === job.id);
      if (holds(queue?.queue_running)) {
        job.state = 'running';
        job.unseenPolls = 0;
      } else if (holds(queue?.queue_pending)) {
        job.unseenPolls = 0;
      } else if (++job.unseenPolls >= MAX_UNSEEN_POLLS) {
        this.#finish(job, 'failed', retryableError(this.id, `ComfyUI at ${this.#client.host} no longer knows job ${job.id} (the server may have restarted); the shot is submitted again.`));
      }
    } catch (error) {
      if (!isProviderError(error)) throw error;
      if (active(job) && (error.kind === 'invalid_input' || ++job.pollFailures > MAX_POLL_FAILURES)) this.#finish(job, 'failed', error);
    }
  }

  async #download(job: Job): Promise<VideoResult> {
    const { outputNode } = this.#marked;
    const workflow = this.#settings.workflowName;
    const file = videoFileOf(job.output ?? (await this.#outputFromHistory(job)));
    if (!file) {
      throw retryableError(this.id, `ComfyUI job ${job.id} finished without a video from node ${outputNode} (${this.#marked.workflow[outputNode]!.class_type}) of ${workflow}; check that node saves the video.`);
    }
    const query = new URLSearchParams({ filename: file.filename, subfolder: file.subfolder ?? '', type: file.type ?? 'output' });
    const path = join(job.workDir, `comfyui-${job.id}${extname(file.filename).toLowerCase()}`);
    try {
      await downloadResult(`${this.#client.base}/view?${query}`, path, { providerId: this.id, headers: this.#client.headers(), timeoutMs: this.#settings.timeoutMs });
    } catch (error) {
      if (!isProviderError(error)) throw error;
      throw new ProviderError(error.kind, this.id, `ComfyUI job ${job.id}, output ${file.filename}: ${error.message}`, { cause: error });
    }
    const mimeType = await videoTypeOf(path);
    if (!mimeType) {
      await unlink(path).catch(() => undefined);
      throw retryableError(this.id, `The file ComfyUI made for job ${job.id} (${file.filename}) is not a video; check node ${outputNode} of ${workflow}.`);
    }
    return {
      kind: 'file',
      path,
      mimeType,
      provenance: { model: this.model, seed: job.seed, prompt: job.prompt, references: job.references, jobId: job.id },
    };
  }

  /** The output node's entry in the history; the history is written just after the success event, so a missing entry is asked for again. */
  async #outputFromHistory(job: Job): Promise<unknown> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const history = this.#client.parse(await this.#client.send('GET', `/history/${encodeURIComponent(job.id)}`), 'GET /history') as Record<string, { outputs?: Record<string, unknown> }> | null;
      const entry = history?.[job.id];
      if (entry) return entry.outputs?.[this.#marked.outputNode];
      await sleep(300);
    }
    return undefined;
  }

  #forgetOldJobs(): void {
    const cutoff = Date.now() - FINISHED_JOB_RETENTION_MS;
    for (const [id, job] of this.#jobs) if (job.finishedAt !== undefined && job.finishedAt < cutoff) this.#jobs.delete(id);
  }
}

/** A provider rendering through the ComfyUI server and workflow of `settings`; throws an Error for a workflow it cannot use. */
export function createComfyUiVideoProvider(settings: ComfyUiSettings): VideoProvider {
  return new ComfyUiVideoProvider(settings);
}
