/**
 * The pages' one way to call the API: JSON in, JSON out, and the API's error body turned into an
 * `ApiError` whose message can be shown to a person as it is.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Fetch = typeof fetch;

export async function apiRequest<T>(fetchFn: Fetch, path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetchFn(`/api/v1${path}`, { ...init, headers });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached. Check your connection and try again.', null);
  }
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error: { code: string; message: string; details: unknown } }
    | null;
  if (!response.ok) {
    const error = body && 'error' in body && body.error ? body.error : undefined;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${response.status}.`, error?.details ?? null);
  }
  return body as T;
}

/**
 * The API's validation details as one message per field (`path` → message); messages about the
 * request as a whole are under the empty path.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const fields: Record<string, string> = {};
  for (const issue of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof issue?.message !== 'string') continue;
    const path = typeof issue.path === 'string' ? issue.path : '';
    fields[path] = fields[path] ? `${fields[path]}; ${issue.message}` : issue.message;
  }
  return fields;
}
