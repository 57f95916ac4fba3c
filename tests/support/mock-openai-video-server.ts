/**
 * A local stand-in for OpenAI's video API (/v1), as its reference documents it:
 *
 *   POST   /v1/videos                 multipart/form-data: model, prompt, seconds, size, input_reference (file)
 *   GET    /v1/videos/{id}            the Video object: status queued | in_progress | completed | failed, progress
 *   GET    /v1/videos/{id}/content    the MP4 (variant=video, the default)
 *   DELETE /v1/videos/{id}            { id, object: "video.deleted", deleted: true }
 *   GET    /v1/models/{id}            the model, or 404 model_not_found
 *
 * Errors use OpenAI's envelope `{ error: { message, type, param, code } }`. `seconds` must be one of
 * 4, 8, 12 and `size` one of the four Sora sizes; an `input_reference` picture must have the
 * requested size, as the API insists. Jobs advance one step per status read; outcomes and HTTP
 * faults are scripted as for the other stand-ins (mock-video-api-server.ts). Every request is
 * recorded with its form fields.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testClipBytes } from './media-fixtures.ts';
import type { MockCall, MockHttpFault, MockJobFault, MockVideoFault, MockVideoOutcome } from './mock-video-api-server.ts';
import { readRaw } from './request-body.ts';

export const SORA_SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'];

export interface OpenAiRecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Text fields of a multipart body, or the JSON body's fields. */
  fields: Record<string, string>;
  /** Files of a multipart body: field → { name, type, bytes, width, height (PNG) }. */
  files: Record<string, { name: string; type: string; bytes: number; width?: number; height?: number }>;
  at: number;
  /** When the answer started out to the network (unset while it is still being answered). */
  answeredAt?: number;
}

export interface MockOpenAiVideo {
  id: string;
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  outcome: MockVideoOutcome;
  message: string | undefined;
  steps: number;
  polls: number;
  status: 'queued' | 'in_progress' | 'completed' | 'failed';
  progress: number;
  createdAt: number;
  deleted: boolean;
}

export interface MockOpenAiVideoServer {
  url: string;
  /** The base URL a client is given: `${url}/v1`. */
  base: string;
  requests: OpenAiRecordedRequest[];
  videos: MockOpenAiVideo[];
  acceptKey: string | undefined;
  /** Models the server knows; undefined: any. */
  models: string[] | undefined;
  defaultSteps: number;
  script(...faults: MockVideoFault[]): void;
  clearFaults(): void;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const DEFAULT_MESSAGES: Partial<Record<number, string>> = {
  429: 'Rate limit reached for videos per minute. Please try again later.',
  500: 'The server had an error while processing your request. Sorry about that!',
  503: 'The engine is currently overloaded, please try again later.',
};

function apiError(status: number, message: string, type: string, code: string | null = null, param: string | null = null): Answer {
  return { status, body: { error: { message, type, param, code } } };
}

function faultAnswer(fault: Extract<MockHttpFault, { status: number }>): Answer {
  if (fault.body !== undefined) return { status: fault.status, body: fault.body };
  const type = fault.status === 429 ? 'requests' : fault.status >= 500 ? 'server_error' : 'invalid_request_error';
  const code = fault.status === 429 ? 'rate_limit_exceeded' : null;
  return apiError(fault.status, fault.message ?? DEFAULT_MESSAGES[fault.status] ?? `HTTP ${fault.status}`, type, code);
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length < 24 || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}


export async function startMockOpenAiVideoServer(options: { acceptKey?: string; models?: string[]; defaultSteps?: number } = {}): Promise<MockOpenAiVideoServer> {
  const video = await testClipBytes(true);
  const httpFaults = new Map<MockCall, MockHttpFault[]>();
  const jobFaults: MockJobFault[] = [];
  const hanging = new Set<ServerResponse>();

  const mock: MockOpenAiVideoServer = {
    url: '',
    base: '',
    requests: [],
    videos: [],
    acceptKey: options.acceptKey,
    models: options.models,
    defaultSteps: options.defaultSteps ?? 3,
    script(...faults) {
      for (const fault of faults) {
        if ('outcome' in fault) jobFaults.push(fault);
        else httpFaults.set(fault.on, [...(httpFaults.get(fault.on) ?? []), fault]);
      }
    },
    clearFaults() {
      httpFaults.clear();
      jobFaults.length = 0;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  const videoObject = (job: MockOpenAiVideo) => ({
    id: job.id,
    object: 'video',
    model: job.model,
    status: job.status,
    progress: job.progress,
    created_at: Math.floor(job.createdAt / 1000),
    completed_at: job.status === 'completed' ? Math.floor(Date.now() / 1000) : null,
    expires_at: job.status === 'completed' ? Math.floor(Date.now() / 1000) + 3600 : null,
    prompt: job.prompt,
    remixed_from_video_id: null,
    seconds: job.seconds,
    size: job.size,
    error:
      job.status !== 'failed'
        ? null
        : job.outcome === 'policy'
          ? { code: 'moderation_blocked', message: job.message ?? 'Your request was blocked by our moderation system.' }
          : { code: 'internal_error', message: job.message ?? 'Video generation failed. Please try again.' },
  });

  const advance = (job: MockOpenAiVideo) => {
    if (job.status === 'completed' || job.status === 'failed') return;
    job.polls += 1;
    const step = Math.min(job.steps, job.polls);
    job.progress = job.steps === 0 ? 100 : Math.round((100 * step) / job.steps);
    if (step < job.steps) {
      job.status = step === 0 ? 'queued' : 'in_progress';
      return;
    }
    job.status = job.outcome === 'policy' || job.outcome === 'failure' || job.outcome === 'expired' ? 'failed' : 'completed';
    if (job.status === 'failed') job.progress = 0;
  };

  const submit = (fields: Record<string, string>, files: OpenAiRecordedRequest['files']): Answer => {
    if (!fields.prompt) return apiError(400, "Missing required parameter: 'prompt'.", 'invalid_request_error', 'missing_required_parameter', 'prompt');
    const model = fields.model ?? 'sora-2';
    if (mock.models && !mock.models.includes(model)) {
      return apiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found', 'model');
    }
    const seconds = fields.seconds ?? '4';
    if (!['4', '8', '12'].includes(seconds)) {
      return apiError(400, `Invalid value: '${seconds}'. Supported values are: '4', '8', and '12'.`, 'invalid_request_error', 'invalid_value', 'seconds');
    }
    const size = fields.size ?? '720x1280';
    if (!SORA_SIZES.includes(size)) {
      return apiError(400, `Invalid value: '${size}'. Supported values are: ${SORA_SIZES.map((s) => `'${s}'`).join(', ')}.`, 'invalid_request_error', 'invalid_value', 'size');
    }
    const reference = files.input_reference;
    if (reference && `${reference.width}x${reference.height}` !== size) {
      return apiError(400, 'Inpaint image must match the requested width and height', 'invalid_request_error', 'invalid_value', 'input_reference');
    }
    const fault = jobFaults.shift();
    if (fault?.outcome === 'invalid-input') return apiError(400, fault.message ?? 'Invalid request.', 'invalid_request_error', 'invalid_value', null);
    const job: MockOpenAiVideo = {
      id: `video_${randomUUID().replace(/-/g, '')}`,
      model,
      prompt: fields.prompt,
      seconds,
      size,
      outcome: fault?.outcome ?? 'success',
      message: fault?.message,
      steps: fault?.steps ?? mock.defaultSteps,
      polls: 0,
      status: 'queued',
      progress: 0,
      createdAt: Date.now(),
      deleted: false,
    };
    mock.videos.push(job);
    return { status: 200, body: videoObject(job) };
  };

  const route = (method: string, path: string, fields: Record<string, string>, files: OpenAiRecordedRequest['files']): { call: MockCall; handle: () => Answer | 'video' } | undefined => {
    if (method === 'POST' && path === '/v1/videos') return { call: 'submit', handle: () => submit(fields, files) };
    const one = /^\/v1\/videos\/([^/]+)(\/content)?$/.exec(path);
    if (one) {
      const job = mock.videos.find((entry) => entry.id === one[1] && !entry.deleted);
      const missing = () => apiError(404, `Video with id '${one[1]}' not found.`, 'invalid_request_error', 'not_found', 'id');
      if (one[2] && method === 'GET') {
        return {
          call: 'download',
          handle: () => {
            if (!job) return missing();
            if (job.status !== 'completed') return apiError(400, 'Video is not ready yet, use GET /v1/videos/{video_id} to check status.', 'invalid_request_error', 'video_not_ready');
            if (job.outcome === 'video-404') return missing();
            if (job.outcome === 'malformed') return { status: 200, body: { object: 'video', id: job.id } };
            return 'video';
          },
        };
      }
      if (method === 'GET') return { call: 'poll', handle: () => (job ? (advance(job), { status: 200, body: videoObject(job) }) : missing()) };
      if (method === 'DELETE') {
        return {
          call: 'cancel',
          handle: () => {
            if (!job) return missing();
            if (job.status === 'queued' || job.status === 'in_progress') return apiError(400, 'Only completed or failed videos can be deleted.', 'invalid_request_error', 'invalid_state');
            job.deleted = true;
            return { status: 200, body: { id: job.id, object: 'video.deleted', deleted: true } };
          },
        };
      }
    }
    const model = /^\/v1\/models\/([^/]+)$/.exec(path);
    if (model && method === 'GET') {
      const id = decodeURIComponent(model[1]!);
      return {
        call: 'check',
        handle: () =>
          !mock.models || mock.models.includes(id)
            ? { status: 200, body: { id, object: 'model', created: 1727740800, owned_by: 'system' } }
            : apiError(404, `The model '${id}' does not exist`, 'invalid_request_error', 'model_not_found', 'model'),
      };
    }
    return undefined;
  };

  const send = (res: ServerResponse, answer: Answer) => {
    const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    res.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...answer.headers });
    res.end(text);
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readRaw(req);
    const url = new URL(req.url ?? '/', 'http://mock.local');
    const method = req.method ?? 'GET';
    const fields: Record<string, string> = {};
    const files: OpenAiRecordedRequest['files'] = {};
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://mock.local', { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(raw) }).formData();
      for (const [name, value] of form) {
        if (typeof value === 'string') fields[name] = value;
        else {
          const bytes = Buffer.from(await value.arrayBuffer());
          files[name] = { name: value.name, type: value.type, bytes: bytes.length, ...pngSize(bytes) };
        }
      }
    } else if (type.includes('json') && raw.length > 0) {
      for (const [name, value] of Object.entries(JSON.parse(raw.toString('utf8')) as Record<string, unknown>)) fields[name] = String(value);
    }
    const recorded: OpenAiRecordedRequest = { method, path: url.pathname, headers: req.headers, fields, files, at: Date.now() };
    mock.requests.push(recorded);
    // Stamped as the answer starts out, never later: the client cannot have it before this moment
    // (a 'finish' callback may run after the client has already read the answer on a busy machine).
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      recorded.answeredAt ??= Date.now();
      return end(...args);
    }) as typeof res.end;

    const matched = route(method, url.pathname, fields, files);
    if (!matched) {
      send(res, apiError(404, `Invalid URL (${method} ${url.pathname})`, 'invalid_request_error'));
      return;
    }
    const fault = httpFaults.get(matched.call)?.shift();
    if (fault && 'hang' in fault) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault) {
      const answer = faultAnswer(fault);
      send(res, { ...answer, headers: { ...(fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {}), ...fault.headers } });
      return;
    }
    const auth = req.headers.authorization ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    if (key === '') {
      send(res, apiError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", 'invalid_request_error'));
      return;
    }
    if (mock.acceptKey !== undefined && key !== mock.acceptKey) {
      send(res, apiError(401, `Incorrect API key provided: ${key.slice(0, 3)}***${key.slice(-2)}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_request_error', 'invalid_api_key'));
      return;
    }
    const answer = matched.handle();
    if (answer === 'video') {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(video.length) });
      res.end(video);
      return;
    }
    send(res, answer);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mock.base = `${mock.url}/v1`;
  return mock;
}
