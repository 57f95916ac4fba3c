/**
 * How the four video APIs say no, as typed ProviderErrors. The SDK reports some failures as a
 * thrown error and others as an `error` status with a bare message; the HTTP status and body of
 * the call (read through our fetch) say which kind it really is.
 */
import { modelCallError, retryAfterMs } from '../llm/model-errors.ts';
import { invalidInputError, policyRefusalError, ProviderError, rateLimitedError, retryableError } from '../errors.ts';

/** What HTTP said to one call of the SDK. */
export interface HttpObservation {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Whose error it is: the provider id, the API's name for people, and the setting holding the key. */
export interface ErrorContext {
  id: string;
  apiName: string;
  keySetting: string;
}

/** xAI and Google answer a wrong key with HTTP 400 and say so in the body. */
export const KEY_REFUSED = /API_KEY_INVALID|incorrect api key|invalid api key|api key not valid/i;
/** Refusal markers in a raw answer: fal's error type, Veo's filter reasons, xAI's and fal's flags. */
const POLICY_IN_BODY = /content_policy_violation|raiMediaFilteredReasons|"respect_moderation":false|"has_nsfw_concepts":\[[^\]]*true/i;
const POLICY = /content[_ -]?(policy|filter|moderation)|moderation|nsfw|safety|blocked|prohibited|sensitive/i;

const bodyText = (observed: HttpObservation | undefined) => JSON.stringify(observed?.body ?? '');

/** A job the provider reports as failed: by policy, for our request, or for a reason worth another try. */
export function jobFailure(context: ErrorContext, message: string, observed: HttpObservation | undefined): ProviderError {
  const { id, keySetting } = context;
  const said = message.replace(/\s+/g, ' ').slice(0, 300);
  if (POLICY.test(message) || POLICY_IN_BODY.test(bodyText(observed))) return policyRefusalError(id, `${id} refused to render this shot by its content policy: ${said}`);
  if (observed && (observed.status === 400 || observed.status === 422)) return invalidInputError(id, `${id} rejected the request: ${said}`);
  if (observed && (observed.status === 401 || observed.status === 403)) return invalidInputError(id, `${id} refused the credentials (HTTP ${observed.status}); check ${keySetting}.`);
  return retryableError(id, `The ${id} job failed: ${said}`);
}

/** An SDK call that threw, typed by what HTTP said. */
export function callFailure(context: ErrorContext, error: unknown, observed: HttpObservation | undefined, step: 'submit' | 'poll'): ProviderError {
  if (error instanceof ProviderError) return error;
  const { id, apiName, keySetting } = context;
  const typed = modelCallError(id, error, keySetting);
  const status = observed?.status;
  if ((status === 400 || status === 401 || status === 403) && (status !== 400 || KEY_REFUSED.test(bodyText(observed)))) {
    return invalidInputError(id, `${apiName} refused the credentials (HTTP ${status}); check ${keySetting}.`, error);
  }
  if (status === 429 && typed.kind !== 'rate_limited') return rateLimitedError(id, `${id} is rate limiting requests.`, retryAfterMs(observed?.headers), error);
  if (typed.kind === 'retryable' && POLICY_IN_BODY.test(bodyText(observed))) return policyRefusalError(id, `${id} refused to render this shot by its content policy.`, error);
  if (typed.kind === 'retryable' && (status === 400 || status === 422)) return invalidInputError(id, `${id} rejected the request (HTTP ${status}): ${typed.message}`, error);
  const message = typed.message.replace(/^The model service/, `The ${apiName} service`).replace(/^The model call/, `The ${step} call`);
  return new ProviderError(typed.kind, id, message, { cause: error, ...(typed.retryAfterMs !== undefined ? { retryAfterMs: typed.retryAfterMs } : {}) });
}
