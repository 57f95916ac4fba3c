/**
 * A local stand-in for four remote video-generation APIs, each speaking its documented protocol
 * closely enough for the AI SDK provider packages to parse every answer:
 *
 *   - fal queue (https://queue.fal.run):  POST /fal-ai/{model…} → request_id, response_url…;
 *     GET …/requests/{id}/status, GET …/requests/{id} (the result), PUT …/requests/{id}/cancel
 *   - Replicate (/v1):  POST /v1/models/{owner}/{name}/predictions, POST /v1/predictions,
 *     GET /v1/predictions/{id}, POST /v1/predictions/{id}/cancel, GET /v1/account, GET /v1/models/{owner}/{name}
 *   - xAI (/v1):  POST /v1/videos/generations (also /edits, /extensions), GET /v1/videos/{id},
 *     POST /v1/images/generations (a picture, b64_json; `policy` outcome: respect_moderation false),
 *     GET /v1/api-key, GET /v1/models, GET /v1/models/{id}
 *   - Gemini API, Veo (/v1beta):  POST /v1beta/models/{model}:predictLongRunning,
 *     GET /v1beta/models/{model}/operations/{id}, GET /v1beta/models/{model}, GET /v1beta/files/{id}:download
 *
 * Finished videos are one real MP4 (made once per process with ffmpeg), served at /files/{id}.mp4;
 * Veo's download answers with a redirect there, as Google's does to its storage host.
 *
 * Jobs advance one step per status poll (and no faster than `stepMs` per step) until `steps` is
 * reached, then end as scripted. Faults are scripted per API: HTTP faults for the next request of a
 * kind (submit, poll, cancel, download, check), and outcomes for the next jobs submitted. Errors
 * are written in each API's own error format. Every request is recorded.
 *
 * fal's SDK always calls https://queue.fal.run, so callers rewrite that origin to this server;
 * the URLs fal hands back (response_url…) are therefore on `falPublicOrigin`, not on this server.
 *
 * Each API's error formats are in mock-video-api-formats.ts; what it says of a job, in
 * mock-video-api-answers.ts; this file keeps the jobs, the faults and the routes.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonObject } from './request-body.ts';
import { falResult, falStatus, falUrls, prediction, veoOperation, xaiStatus } from './mock-video-api-answers.ts';
import { apiError, authError, DEFAULT_INVALID, isJobFault, keyOf, validationError, type Answer } from './mock-video-api-formats.ts';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeScratchDir, testClipBytes } from './media-fixtures.ts';

export type VideoApi = 'fal' | 'replicate' | 'xai' | 'veo';

/** The kinds of request a fault can be aimed at. `check` is the read-only calls (account, models, api-key). */
export type MockCall = 'submit' | 'poll' | 'cancel' | 'download' | 'check';

/**
 * How a job ends:
 * - `success`: a video.
 * - `policy`: refused by content policy (fal: result 422 content_policy_violation; Replicate: failed,
 *   "NSFW content detected…"; xAI: done with `respect_moderation: false`; Veo: done, no samples,
 *   `raiMediaFilteredCount`/`raiMediaFilteredReasons`).
 * - `failure`: a plain failure ("CUDA out of memory…" unless `message`).
 * - `malformed`: reported complete, but without a video URL.
 * - `video-404`: complete, but the video URL answers 404.
 * - `expired`: xAI's `expired` status; elsewhere a plain failure saying so.
 * - `invalid-input`: the API's validation error. Replicate, xAI and Veo refuse the submit itself
 *   (no job is made); fal validates at run time, so its job's result answers 422.
 */
export type MockVideoOutcome = 'success' | 'policy' | 'failure' | 'malformed' | 'video-404' | 'expired' | 'invalid-input';

/** Applies to the next job submitted to the API. */
export interface MockJobFault {
  outcome: MockVideoOutcome;
  /** The failure's, refusal's or validation error's text. */
  message?: string;
  steps?: number;
  stepMs?: number;
}

/** Applies to the next request of kind `on` to the API. */
export type MockHttpFault =
  /**
   * An error answer in the API's error format (with `message` if given), with a Retry-After header
   * when `retryAfter` (seconds) is set. `body` replaces the whole body (sent as is, JSON unless a string).
   */
  | { on: MockCall; status: number; retryAfter?: number; message?: string; body?: unknown; headers?: Record<string, string> }
  /** Never answers, until the client gives up (or the server closes). */
  | { on: MockCall; hang: true };

export type MockVideoFault = MockJobFault | MockHttpFault;

export interface RecordedRequest {
  /** The API the route belongs to; `files` for /files/…; null when no route matched. */
  api: VideoApi | 'files' | null;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** The body parsed as JSON, or null (empty or not JSON). */
  body: Record<string, unknown> | null;
  at: number;
  /** When the answer started out to the network (unset while it is still being answered). */
  answeredAt?: number;
}

export type MockJobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled';

export interface MockVideoJob {
  api: VideoApi;
  /** The id the API hands out (fal request_id, Replicate prediction id, xAI request_id, Veo operation id). */
  id: string;
  model: string;
  /** The submitted body. */
  request: Record<string, unknown>;
  outcome: MockVideoOutcome;
  message: string | undefined;
  steps: number;
  stepMs: number;
  createdAt: number;
  /** Status polls answered so far (fal: status and result reads). */
  polls: number;
  /** Steps done, 0..steps. */
  step: number;
  state: MockJobState;
  /** 0..100, rising with the steps. */
  progress: number;
  /** The video URLs handed out once finished (Veo: several when sampleCount > 1). */
  videoUrls: string[];
}

export interface MockVideoApiServerOptions {
  /** The origin fal's answers name (response_url, status_url, cancel_url). Default https://queue.fal.run. */
  falPublicOrigin?: string;
  /** The key every API accepts; others are refused in the API's own way. Undefined: any key. */
  acceptKey?: string;
  /** How jobs progress unless a fault says otherwise. Default 3 steps, no minimum time per step. */
  defaultJob?: { steps: number; stepMs: number };
  /** Known models per API; an API without a list knows every model. */
  models?: Partial<Record<VideoApi, string[]>>;
}

export interface MockVideoApiServer {
  /** This server's origin, e.g. http://127.0.0.1:40123. */
  url: string;
  falPublicOrigin: string;
  /** Base URLs to give the SDK providers: Replicate and xAI `${url}/v1`, Veo `${url}/v1beta`. */
  replicateBase: string;
  xaiBase: string;
  veoBase: string;
  /** A fetch for the fal SDK: sends what it addresses to `falPublicOrigin` here instead. */
  falFetch: typeof fetch;
  requests: RecordedRequest[];
  /** Every job made, in order. */
  jobs: MockVideoJob[];
  job(id: string): MockVideoJob | undefined;
  acceptKey: string | undefined;
  defaultJob: { steps: number; stepMs: number };
  models: Partial<Record<VideoApi, string[]>>;
  /** The MP4 every finished job serves. */
  video: Buffer;
  /** Queues faults for the API: HTTP faults per request kind, outcomes for the next jobs, each in order. */
  script(api: VideoApi, ...faults: MockVideoFault[]): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  close(): Promise<void>;
}


/** A 256×256 PNG, made once per process: what the image endpoint hands out. */
let picture: Promise<Buffer> | undefined;
function testImage(): Promise<Buffer> {
  picture ??= (async () => {
    const scratch = await makeScratchDir('dailies-mock-image-');
    try {
      const path = join(scratch.dir, 'picture.png');
      await promisify(execFile)('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=teal:s=256x256', '-frames:v', '1', path]);
      return await readFile(path);
    } finally {
      await scratch.cleanup();
    }
  })();
  return picture;
}


export async function startMockVideoApiServer(options: MockVideoApiServerOptions = {}): Promise<MockVideoApiServer> {
  // 2 s of ffmpeg's test pattern, 320×180, H.264, silent.
  const video = await testClipBytes(false);
  const image = await testImage();
  const httpFaults = new Map<string, MockHttpFault[]>();
  const jobFaults = new Map<VideoApi, MockJobFault[]>();
  const jobsById = new Map<string, MockVideoJob>();
  /** Video id → the job it belongs to. */
  const files = new Map<string, MockVideoJob>();
  const hanging = new Set<ServerResponse>();

  const mock: MockVideoApiServer = {
    url: '',
    falPublicOrigin: (options.falPublicOrigin ?? 'https://queue.fal.run').replace(/\/$/, ''),
    replicateBase: '',
    xaiBase: '',
    veoBase: '',
    falFetch: fetch,
    requests: [],
    jobs: [],
    job: (id) => jobsById.get(id),
    acceptKey: options.acceptKey,
    defaultJob: { steps: 3, stepMs: 0, ...options.defaultJob },
    models: { ...options.models },
    video,
    script(api, ...faults) {
      for (const fault of faults) {
        if (isJobFault(fault)) {
          const queue = jobFaults.get(api) ?? [];
          queue.push(fault);
          jobFaults.set(api, queue);
        } else {
          const key = `${api}:${fault.on}`;
          const queue = httpFaults.get(key) ?? [];
          queue.push(fault);
          httpFaults.set(key, queue);
        }
      }
    },
    clearFaults() {
      httpFaults.clear();
      jobFaults.clear();
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      hanging.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  const knowsModel = (api: VideoApi, model: string) => mock.models[api] === undefined || mock.models[api]!.includes(model);

  const newJob = (api: VideoApi, model: string, request: Record<string, unknown>, fault: MockJobFault | undefined, id: string = randomUUID()): MockVideoJob => {
    const job: MockVideoJob = {
      api,
      id,
      model,
      request,
      outcome: fault?.outcome ?? 'success',
      message: fault?.message,
      steps: Math.max(0, fault?.steps ?? mock.defaultJob.steps),
      stepMs: Math.max(0, fault?.stepMs ?? mock.defaultJob.stepMs),
      createdAt: Date.now(),
      polls: 0,
      step: 0,
      state: 'queued',
      progress: 0,
      videoUrls: [],
    };
    mock.jobs.push(job);
    jobsById.set(id, job);
    return job;
  };

  /** One status poll: counts it, moves the job on, and on reaching the end settles its outcome. */
  const advance = (job: MockVideoJob, count = true) => {
    if (job.state === 'succeeded' || job.state === 'failed' || job.state === 'canceled') return;
    if (count) job.polls += 1;
    const byTime = job.stepMs > 0 ? Math.floor((Date.now() - job.createdAt) / job.stepMs) : Number.POSITIVE_INFINITY;
    const step = Math.min(job.steps, job.polls, byTime);
    job.step = step;
    job.progress = job.steps === 0 ? 100 : Math.round((100 * step) / job.steps);
    if (step < job.steps) {
      job.state = step === 0 ? 'queued' : 'running';
      return;
    }
    const gives = job.outcome === 'success' || job.outcome === 'video-404' || (job.outcome === 'policy' && job.api === 'xai');
    job.state = gives || job.outcome === 'malformed' ? 'succeeded' : 'failed';
    if (gives) {
      const samples = job.api === 'veo' ? Math.max(1, Math.min(4, Number((job.request.parameters as { sampleCount?: number } | undefined)?.sampleCount ?? 1))) : 1;
      for (let i = 0; i < samples; i++) {
        const videoId = randomUUID().replaceAll('-', '');
        if (job.outcome !== 'video-404') files.set(videoId, job);
        job.videoUrls.push(job.api === 'veo' ? `${mock.veoBase}/files/${videoId}:download?alt=media` : `${mock.url}/files/${videoId}.mp4`);
      }
    }
  };

  // Routing --------------------------------------------------------------------------------------

  interface Route {
    api: VideoApi | 'files';
    call: MockCall;
    handle: () => Answer | 'video' | Promise<Answer | 'video'>;
  }

  const route = (method: string, path: string, body: Record<string, unknown> | null, query: Record<string, string>): Route | undefined => {
    // Served videos: no credentials, like a CDN's or a signed URL.
    const file = /^\/files\/([0-9a-f]+)\.mp4$/.exec(path);
    if (file && (method === 'GET' || method === 'HEAD')) {
      return { api: 'files', call: 'download', handle: () => (files.has(file[1]!) ? 'video' : { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } }) };
    }

    // fal queue.
    if (path.startsWith('/fal-ai/')) {
      const request = /^\/(fal-ai\/[^/]+)(?:\/.*)?\/requests\/([^/]+)(\/status|\/cancel)?$/.exec(path);
      if (request) {
        const [, app, id, tail] = request;
        const job = jobsById.get(id!);
        const missing: Answer = { status: 404, body: { detail: `Request ${id} not found` } };
        if (tail === '/cancel' && method === 'PUT') {
          return {
            api: 'fal',
            call: 'cancel',
            handle: () => {
              if (!job || job.api !== 'fal') return missing;
              if (job.state === 'succeeded' || job.state === 'failed') return { status: 400, body: { status: 'ALREADY_COMPLETED' } };
              job.state = 'canceled';
              return { status: 202, body: { status: 'CANCELLATION_REQUESTED' } };
            },
          };
        }
        if (method !== 'GET') return undefined;
        return {
          api: 'fal',
          call: 'poll',
          handle: () => {
            if (!job || job.api !== 'fal') return missing;
            advance(job);
            return tail === '/status' ? falStatus(mock, job, app!) : falResult(mock, job);
          },
        };
      }
      if (method === 'POST') {
        const model = path.slice(1);
        return {
          api: 'fal',
          call: 'submit',
          handle: () => {
            if (!knowsModel('fal', model)) return { status: 404, body: { detail: `Application '${model.split('/')[1]}' not found` } };
            const job = newJob('fal', model, body ?? {}, jobFaults.get('fal')?.shift());
            const app = model.split('/').slice(0, 2).join('/');
            return { status: 200, body: { status: 'IN_QUEUE', request_id: job.id, ...falUrls(mock, app, job.id), queue_position: 0 } };
          },
        };
      }
      return undefined;
    }

    // Replicate.
    const modelPredictions = /^\/v1\/models\/([^/]+)\/([^/]+)\/predictions$/.exec(path);
    if ((modelPredictions && method === 'POST') || (path === '/v1/predictions' && method === 'POST')) {
      return {
        api: 'replicate',
        call: 'submit',
        handle: () => {
          const model = modelPredictions ? `${modelPredictions[1]}/${modelPredictions[2]}` : String(body?.version ?? '');
          if (!model) return validationError('replicate', 'version is required', 'version');
          if (modelPredictions && !knowsModel('replicate', model)) return apiError('replicate', 404, 'The requested resource could not be found.');
          if (!body || typeof body.input !== 'object' || body.input === null) return validationError('replicate', 'input is required', 'input');
          const fault = jobFaults.get('replicate')?.shift();
          if (fault?.outcome === 'invalid-input') return validationError('replicate', fault.message ?? DEFAULT_INVALID.replicate, 'duration');
          const job = newJob('replicate', model, body, fault, randomUUID().replaceAll('-', '').slice(0, 26));
          return { status: 201, body: prediction(mock, job) };
        },
      };
    }
    const predictionPath = /^\/v1\/predictions\/([^/]+)(\/cancel)?$/.exec(path);
    if (predictionPath) {
      const [, id, cancel] = predictionPath;
      const job = jobsById.get(id!);
      const missing = apiError('replicate', 404, 'Not found.');
      if (cancel && method === 'POST') {
        return {
          api: 'replicate',
          call: 'cancel',
          handle: () => {
            if (!job || job.api !== 'replicate') return missing;
            if (job.state === 'queued' || job.state === 'running') job.state = 'canceled';
            return { status: 200, body: prediction(mock, job) };
          },
        };
      }
      if (!cancel && method === 'GET') {
        return {
          api: 'replicate',
          call: 'poll',
          handle: () => {
            if (!job || job.api !== 'replicate') return missing;
            advance(job);
            return { status: 200, body: prediction(mock, job) };
          },
        };
      }
      return undefined;
    }
    if (path === '/v1/account' && method === 'GET') {
      return { api: 'replicate', call: 'check', handle: () => ({ status: 200, body: { type: 'user', username: 'dailies-test', name: 'Dailies Test', github_url: null } }) };
    }
    const replicateModel = /^\/v1\/models\/([^/]+)\/([^/]+)$/.exec(path);
    if (replicateModel && method === 'GET') {
      const model = `${replicateModel[1]}/${replicateModel[2]}`;
      return {
        api: 'replicate',
        call: 'check',
        handle: () =>
          knowsModel('replicate', model)
            ? {
                status: 200,
                body: {
                  url: `https://replicate.com/${model}`,
                  owner: replicateModel[1],
                  name: replicateModel[2],
                  description: 'A video model',
                  visibility: 'public',
                  run_count: 1000,
                  latest_version: { id: '5f0f2e3c8b1a', created_at: '2025-01-01T00:00:00Z' },
                },
              }
            : apiError('replicate', 404, 'The requested resource could not be found.'),
      };
    }

    // xAI images (POST /v1/images/generations), for characters' reference pictures.
    if (path === '/v1/images/generations' && method === 'POST') {
      return {
        api: 'xai',
        call: 'submit',
        handle: () => {
          if (!body || typeof body.prompt !== 'string') return apiError('xai', 400, 'prompt: field is required');
          const fault = jobFaults.get('xai')?.shift();
          const count = Number(body.n ?? 1);
          const data = Array.from({ length: count }, () => ({
            b64_json: image.toString('base64'),
            revised_prompt: body.prompt,
            ...(fault?.outcome === 'policy' ? { respect_moderation: false } : {}),
          }));
          return { status: 200, body: { data, usage: { cost_in_usd_ticks: 200_000_000 } } };
        },
      };
    }

    // xAI.
    const xaiSubmit = /^\/v1\/videos\/(generations|edits|extensions)$/.exec(path);
    if (xaiSubmit && method === 'POST') {
      return {
        api: 'xai',
        call: 'submit',
        handle: () => {
          const model = String(body?.model ?? '');
          if (!body || typeof body.prompt !== 'string') return apiError('xai', 400, 'prompt: field is required');
          if (!knowsModel('xai', model)) return apiError('xai', 404, `The model ${model} does not exist or your team does not have access to it.`);
          const fault = jobFaults.get('xai')?.shift();
          if (fault?.outcome === 'invalid-input') return validationError('xai', fault.message ?? DEFAULT_INVALID.xai, 'duration');
          const job = newJob('xai', model, body, fault);
          return { status: 200, body: { request_id: job.id } };
        },
      };
    }
    const xaiVideo = /^\/v1\/videos\/([^/]+)$/.exec(path);
    if (xaiVideo && method === 'GET') {
      return {
        api: 'xai',
        call: 'poll',
        handle: () => {
          const job = jobsById.get(xaiVideo[1]!);
          if (!job || job.api !== 'xai') return apiError('xai', 404, `Video request ${xaiVideo[1]} not found.`);
          advance(job);
          return xaiStatus(job);
        },
      };
    }
    if (path === '/v1/api-key' && method === 'GET') {
      return {
        api: 'xai',
        call: 'check',
        handle: () => ({
          status: 200,
          body: {
            redacted_api_key: 'xai-…test',
            user_id: 'user-0001',
            name: 'dailies test key',
            create_time: '2025-01-01T00:00:00Z',
            modify_time: '2025-01-01T00:00:00Z',
            modified_by: 'user-0001',
            team_id: 'team-0001',
            acls: ['api-key:model:*', 'api-key:endpoint:*'],
            api_key_id: 'key-0001',
            team_blocked: false,
            api_key_blocked: false,
            api_key_disabled: false,
          },
        }),
      };
    }
    if (path === '/v1/models' && method === 'GET') {
      const ids = mock.models.xai ?? ['grok-imagine-video'];
      return { api: 'xai', call: 'check', handle: () => ({ status: 200, body: { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 1735689600, owned_by: 'xai' })) } }) };
    }
    const xaiModel = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (xaiModel && method === 'GET') {
      const id = xaiModel[1]!;
      return {
        api: 'xai',
        call: 'check',
        handle: () =>
          knowsModel('xai', id)
            ? { status: 200, body: { id, object: 'model', created: 1735689600, owned_by: 'xai' } }
            : apiError('xai', 404, `The model ${id} does not exist or your team does not have access to it.`),
      };
    }

    // Veo, Gemini API.
    const veoSubmit = /^\/v1beta\/models\/([^/:]+):predictLongRunning$/.exec(path);
    if (veoSubmit && method === 'POST') {
      const model = veoSubmit[1]!;
      return {
        api: 'veo',
        call: 'submit',
        handle: () => {
          if (!knowsModel('veo', model)) return apiError('veo', 404, `models/${model} is not found for API version v1beta, or is not supported for predictLongRunning. Call ListModels to see the list of available models and their supported methods.`);
          const instances = body?.instances;
          if (!Array.isArray(instances) || instances.length === 0) return apiError('veo', 400, '* PredictLongRunningRequest.instances: at least one instance is required');
          const fault = jobFaults.get('veo')?.shift();
          if (fault?.outcome === 'invalid-input') return validationError('veo', fault.message ?? DEFAULT_INVALID.veo, 'durationSeconds');
          const job = newJob('veo', model, body!, fault, randomUUID().replaceAll('-', '').slice(0, 12));
          return { status: 200, body: { name: `models/${model}/operations/${job.id}` } };
        },
      };
    }
    const veoOperationPath = /^\/v1beta\/models\/([^/:]+)\/operations\/([^/:]+)$/.exec(path);
    if (veoOperationPath && method === 'GET') {
      return {
        api: 'veo',
        call: 'poll',
        handle: () => {
          const job = jobsById.get(veoOperationPath[2]!);
          if (!job || job.api !== 'veo') return apiError('veo', 404, `Operation not found: models/${veoOperationPath[1]}/operations/${veoOperationPath[2]}`);
          advance(job);
          return veoOperation(job);
        },
      };
    }
    const veoModel = /^\/v1beta\/models\/([^/:]+)$/.exec(path);
    if (veoModel && method === 'GET') {
      const model = veoModel[1]!;
      return {
        api: 'veo',
        call: 'check',
        handle: () =>
          knowsModel('veo', model)
            ? {
                status: 200,
                body: {
                  name: `models/${model}`,
                  version: '3.0',
                  displayName: model,
                  description: 'Video generation model',
                  inputTokenLimit: 1024,
                  outputTokenLimit: 1,
                  supportedGenerationMethods: ['predictLongRunning'],
                },
              }
            : apiError('veo', 404, `models/${model} is not found for API version v1beta, or is not supported for GET. Call ListModels to see the list of available models and their supported methods.`),
      };
    }
    const veoFile = /^\/v1beta\/files\/([0-9a-f]+):download$/.exec(path);
    if (veoFile && (method === 'GET' || method === 'HEAD')) {
      const id = veoFile[1]!;
      return {
        api: 'veo',
        call: 'download',
        handle: () => {
          if (query.alt !== 'media') return apiError('veo', 400, 'Download requires alt=media.');
          // Google answers with a redirect to its storage host; a missing file only shows there.
          return { status: 302, headers: { location: `${mock.url}/files/${id}.mp4` }, body: '' };
        },
      };
    }
    return undefined;
  };

  const send = (res: ServerResponse, answer: Answer) => {
    const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const json = answer.body !== undefined && typeof answer.body !== 'string';
    res.writeHead(answer.status, { ...(json ? { 'content-type': 'application/json' } : {}), 'content-length': String(Buffer.byteLength(text)), ...answer.headers });
    res.end(text);
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readJsonObject(req);
    const parsedUrl = new URL(req.url ?? '/', 'http://mock.local');
    const path = parsedUrl.pathname;
    const query = Object.fromEntries(parsedUrl.searchParams);
    const method = req.method ?? 'GET';
    const matched = route(method, path, body, query);
    const recorded: RecordedRequest = { api: matched?.api ?? null, method, path, query, headers: req.headers, body, at: Date.now() };
    mock.requests.push(recorded);
    // Stamped as the answer starts out, never later: the client cannot have it before this moment
    // (a 'finish' callback may run after the client has already read the answer on a busy machine).
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      recorded.answeredAt ??= Date.now();
      return end(...args);
    }) as typeof res.end;

    if (!matched) {
      send(res, { status: 404, body: { error: `No route for ${method} ${path}` } });
      return;
    }
    const faultApi: VideoApi | undefined = matched.api === 'files' ? files.get(/([0-9a-f]+)\.mp4$/.exec(path)?.[1] ?? '')?.api : matched.api;
    const fault = faultApi ? httpFaults.get(`${faultApi}:${matched.call}`)?.shift() : undefined;
    if (fault && 'hang' in fault) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault && faultApi) {
      const answer = fault.body !== undefined ? { status: fault.status, body: fault.body } : apiError(faultApi, fault.status, fault.message, fault.retryAfter);
      send(res, {
        ...answer,
        headers: { ...answer.headers, ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}), ...fault.headers },
      });
      return;
    }

    if (matched.api !== 'files') {
      const key = keyOf(matched.api, req, query);
      if (key === undefined || key === '' || (mock.acceptKey !== undefined && key !== mock.acceptKey)) {
        send(res, authError(matched.api, key !== undefined && key !== ''));
        return;
      }
    }

    const answer = await matched.handle();
    if (answer === 'video') {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.length), 'accept-ranges': 'bytes' });
      res.end(method === 'HEAD' ? undefined : video);
      return;
    }
    send(res, answer);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  mock.url = `http://127.0.0.1:${port}`;
  mock.replicateBase = `${mock.url}/v1`;
  mock.xaiBase = `${mock.url}/v1`;
  mock.veoBase = `${mock.url}/v1beta`;
  mock.falFetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(mock.falPublicOrigin)) return fetch(input, init);
    const target = mock.url + url.slice(mock.falPublicOrigin.length);
    return input instanceof Request ? fetch(new Request(target, input), init) : fetch(target, init);
  }) as typeof fetch;
  return mock;
}
