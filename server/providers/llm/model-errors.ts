/**
 * Failures of a language-model call (AI SDK errors, HTTP statuses, timeouts) as typed
 * ProviderErrors. Messages name the setting to check, never its value.
 */
import { APICallError, NoObjectGeneratedError } from 'ai';
import { invalidInputError, policyRefusalError, ProviderError, rateLimitedError, retryableError } from '../errors.ts';

/** Milliseconds from a Retry-After (seconds or HTTP date) or retry-after-ms header. */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  const ms = Number(lower['retry-after-ms']);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

const POLICY = /content[_ -]?(policy|filter|management)|safety|moderation|blocked/i;

/** The typed error for `error`, thrown by a call to `provider` (whose credentials are in `keySetting`). */
export function modelCallError(provider: string, error: unknown, keySetting: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (NoObjectGeneratedError.isInstance(error)) {
    if (error.finishReason === 'content-filter') return policyRefusalError(provider, 'The model refused to write this plan (content policy).', error);
    return retryableError(provider, `The model's answer was not a usable plan: ${shorten(error.cause instanceof Error ? error.cause.message : error.message)}`, error);
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const said = shorten(messageOf(error.responseBody) ?? error.message);
    if (status === 429) return rateLimitedError(provider, `The model service is rate limiting requests: ${said}`, retryAfterMs(error.responseHeaders), error);
    if (status === 401 || status === 403) return invalidInputError(provider, `The model service refused the credentials (HTTP ${status}); check ${keySetting}.`, error);
    if (status !== undefined && POLICY.test(error.responseBody ?? '')) return policyRefusalError(provider, `The model service refused the request by policy: ${said}`, error);
    if (status === 400 || status === 404 || status === 413 || status === 422) return invalidInputError(provider, `The model service rejected the request (HTTP ${status}): ${said}`, error);
    if (status === undefined) return retryableError(provider, `The model service could not be reached: ${said}`, error);
    return retryableError(provider, `The model service failed (HTTP ${status}): ${said}`, error);
  }
  const name = (error as Error | undefined)?.name;
  const text = (error as Error | undefined)?.message ?? '';
  if (/content[_ -]?policy|moderation/i.test(text)) return policyRefusalError(provider, `The service refused this by its content policy: ${shorten(text)}`, error);
  if (name === 'TimeoutError') return retryableError(provider, 'The model service did not answer in time.', error);
  if (name === 'AbortError') return retryableError(provider, 'The call to the model service was cancelled.', error);
  return retryableError(provider, `The model call failed: ${shorten((error as Error | undefined)?.message ?? String(error))}`, error);
}

function messageOf(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    if (typeof parsed.error === 'string') return parsed.error;
    return parsed.error?.message ?? parsed.message ?? body;
  } catch {
    return body;
  }
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
