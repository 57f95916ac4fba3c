/**
 * How OpenAI's video API says no, as typed ProviderErrors: the SDK's APIError carries the HTTP
 * status, headers and the body's `error` object ({ message, type, code, param }); a failed job
 * carries `error: { code, message }`.
 */
import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { retryAfterMs } from '../llm/model-errors.ts';
import { invalidInputError, policyRefusalError, ProviderError, rateLimitedError, retryableError } from '../errors.ts';

/** Codes OpenAI uses for a prompt or picture its moderation refused. */
const POLICY_CODES = /moderation_blocked|content_policy_violation|content_filter|safety/i;

/** Shortens what the API said, for a message people read. */
const said = (message: string | undefined) => (message ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);

/** The Retry-After of an error answer, from the SDK's Headers. */
function retryAfterOf(error: APIError): number | undefined {
  return error.headers ? retryAfterMs(Object.fromEntries(error.headers.entries())) : undefined;
}

/** A call to the API that threw (submit, status, download, check). */
export function openAiCallFailure(id: string, keySetting: string, error: unknown, step: 'submit' | 'poll' | 'download'): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof APIConnectionTimeoutError || error instanceof APIUserAbortError) return retryableError(id, `The ${step} call to ${id} timed out.`, error);
  if (!(error instanceof APIError) || error.status === undefined) {
    return retryableError(id, `The ${step} call to ${id} could not reach it: ${said((error as Error)?.message)}`, error);
  }
  const { status, code } = error;
  const message = said((error.error as { message?: string } | undefined)?.message ?? error.message);
  if (status === 401 || status === 403) return invalidInputError(id, `${id} refused the credentials (HTTP ${status}); check ${keySetting}.`, error);
  // "You exceeded your current quota": waiting does not help, the account must be topped up.
  if (status === 429 && code === 'insufficient_quota') return invalidInputError(id, `${id} says the account has no quota left: ${message}`, error);
  if (status === 429) return rateLimitedError(id, `${id} is rate limiting requests.`, retryAfterOf(error), error);
  if (POLICY_CODES.test(code ?? '') || POLICY_CODES.test(error.type ?? '')) return policyRefusalError(id, `${id} refused to render this shot by its content policy: ${message}`, error);
  if (status === 404 && step === 'submit') return invalidInputError(id, `${id} does not know that model: ${message}`, error);
  if (status === 400 || status === 404 || status === 409 || status === 422) return invalidInputError(id, `${id} rejected the request (HTTP ${status}): ${message}`, error);
  return retryableError(id, `The ${id} service failed the ${step} call (HTTP ${status}): ${message}`, error);
}

/** A job the API reports as failed. */
export function openAiJobFailure(id: string, failure: { code?: string | null; message?: string | null } | null | undefined): ProviderError {
  const message = said(failure?.message ?? undefined) || 'no reason given';
  if (POLICY_CODES.test(failure?.code ?? '') || /policy|moderation/i.test(message)) {
    return policyRefusalError(id, `${id} refused to render this shot by its content policy: ${message}`);
  }
  if (/^invalid|unsupported/i.test(failure?.code ?? '')) return invalidInputError(id, `${id} rejected the request: ${message}`);
  return retryableError(id, `The ${id} job failed: ${message}`);
}
