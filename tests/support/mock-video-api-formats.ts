/**
 * How the four stand-in video APIs answer in their own formats: error bodies (fal's `detail`,
 * Replicate's problem details, xAI's `code`/`error`, Google's `error.status`), validation errors,
 * refused keys, where each takes its key, and Replicate's tqdm progress lines.
 */
import type { IncomingMessage } from 'node:http';
import type { MockJobFault, MockVideoFault, VideoApi } from './mock-video-api-server.ts';

export const DEFAULT_FAILURE = 'CUDA out of memory. Tried to allocate 2.50 GiB (GPU 0; 79.35 GiB total capacity)';
export const DEFAULT_INVALID: Record<VideoApi, string> = {
  fal: 'Input should be 5 or 10',
  replicate: 'duration must be one of the following: 5, 10',
  xai: 'Invalid duration: must be between 1 and 15 seconds',
  veo: 'The value of durationSeconds is out of range: it must be 4, 6 or 8.',
};
export const POLICY_MESSAGE: Record<VideoApi, string> = {
  fal: 'The content could not be processed because it contained material flagged by a content checker.',
  replicate: 'NSFW content detected. Try running it again, or try a different prompt.',
  xai: 'Video generation was blocked by moderation.',
  veo: "The video could not be generated because it may violate Google's Generative AI Prohibited Use policy (sexual content).",
};

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const REPLICATE_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthenticated',
  402: 'Insufficient credit',
  403: 'Forbidden',
  404: 'Not found',
  422: 'Input validation failed',
  429: 'Request was throttled',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};
const XAI_CODES: Record<number, string> = {
  400: 'Client specified an invalid argument',
  401: 'Unauthenticated',
  403: 'The caller does not have permission to execute the specified operation',
  404: 'Some requested entity was not found',
  429: 'Some resource has been exhausted',
  500: 'Internal error',
  503: 'The service is currently unavailable',
};
const GOOGLE_STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function defaultMessage(api: VideoApi, status: number, retryAfter?: number): string {
  if (status === 429) {
    if (api === 'replicate') return `Request was throttled. Expected available in ${retryAfter ?? 1} second${retryAfter === 1 ? '' : 's'}.`;
    if (api === 'veo') return 'Resource has been exhausted (e.g. check quota).';
    if (api === 'xai') return 'Too many requests: your team has exceeded its rate limit for this model.';
    return 'Too many requests. Please slow down and retry later.';
  }
  if (status === 503) return api === 'veo' ? 'The model is overloaded. Please try again later.' : 'Service temporarily unavailable.';
  if (status >= 500) return api === 'veo' ? 'Internal error encountered.' : 'Internal Server Error';
  if (status === 404) return 'Not found.';
  return 'The request was rejected.';
}

/** An error answer in the API's own format. */
export function apiError(api: VideoApi, status: number, message?: string, retryAfter?: number): Answer {
  const text = message ?? defaultMessage(api, status, retryAfter);
  const headers: Record<string, string> = retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {};
  switch (api) {
    case 'fal':
      return { status, headers, body: { detail: text } };
    case 'replicate':
      return { status, headers, body: { title: REPLICATE_TITLES[status] ?? 'Error', detail: text, status } };
    case 'xai':
      return { status, headers, body: { code: XAI_CODES[status] ?? 'Unknown error', error: text } };
    case 'veo': {
      const details: unknown[] = [];
      if (retryAfter !== undefined) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` });
      return { status, headers, body: { error: { code: status, message: text, status: GOOGLE_STATUSES[status] ?? 'UNKNOWN', ...(details.length ? { details } : {}) } } };
    }
  }
}

/** Each API's validation error for a bad input field. */
export function validationError(api: VideoApi, message: string, field: string): Answer {
  switch (api) {
    case 'fal':
      return { status: 422, body: { detail: [{ loc: ['body', field], msg: message, type: 'value_error', url: 'https://docs.fal.ai/errors#value_error' }] } };
    case 'replicate':
      return {
        status: 422,
        body: { title: 'Input validation failed', detail: `- input.${field}: ${message}\n`, status: 422, invalid_fields: [{ type: 'enum', field: `input.${field}`, description: message }] },
      };
    case 'xai':
      return apiError('xai', 400, message);
    case 'veo':
      return apiError('veo', 400, message);
  }
}

/** How each API refuses a missing or unknown key. xAI and the Gemini API answer a wrong key with 400, as they do. */
export function authError(api: VideoApi, present: boolean): Answer {
  switch (api) {
    case 'fal':
      return { status: 401, body: { detail: present ? 'No user found for Key ID and Secret' : 'Authentication is required to perform this action' } };
    case 'replicate':
      return { status: 401, body: { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 } };
    case 'xai':
      return present
        ? apiError('xai', 400, 'Incorrect API key provided: xa***ey. You can obtain an API key from https://console.x.ai.')
        : apiError('xai', 401, 'No API key provided. Pass it in the Authorization header as Bearer <key>.');
    case 'veo':
      if (!present) {
        return apiError(
          'veo',
          403,
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        );
      }
      return {
        status: 400,
        body: {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            status: 'INVALID_ARGUMENT',
            details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } }],
          },
        },
      };
  }
}

export function keyOf(api: VideoApi, req: IncomingMessage, query: Record<string, string>): string | undefined {
  const auth = req.headers.authorization;
  if (api === 'fal') return auth?.startsWith('Key ') ? auth.slice(4) : undefined;
  if (api === 'veo') return (req.headers['x-goog-api-key'] as string | undefined) ?? query.key;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

export function isJobFault(fault: MockVideoFault): fault is MockJobFault {
  return 'outcome' in fault;
}

export function tqdmLine(percent: number, total: number, elapsed: number): string {
  const done = Math.round((percent / 100) * total);
  const bar = '█'.repeat(Math.floor(percent / 10)).padEnd(10, ' ');
  if (percent === 0) return `  0%|          | 0/${total} [00:00<?, ?it/s]`;
  const remaining = Math.round((elapsed * (100 - percent)) / percent);
  const clock = (s: number) => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return `${String(percent).padStart(3, ' ')}%|${bar}| ${done}/${total} [${clock(elapsed)}<${clock(remaining)}, ${(total / Math.max(1, elapsed + remaining)).toFixed(2)}it/s]`;
}
