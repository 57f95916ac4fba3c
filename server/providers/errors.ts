/**
 * Typed provider errors. Every provider (built-in or remote) maps its failures to one of these
 * four kinds so the workflow engine can decide what to do without knowing the provider:
 * - `retryable`: try again later with backoff (network trouble, 5xx, a crashed renderer);
 * - `rate_limited`: try again after `retryAfterMs` (HTTP 429 and friends);
 * - `refused_by_policy`: the provider will never render this input (content policy); do not retry;
 * - `invalid_input`: our request was wrong (bad size, duration, prompt); do not retry.
 */
export type ProviderErrorKind = 'retryable' | 'rate_limited' | 'refused_by_policy' | 'invalid_input';

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly retryAfterMs: number | undefined;

  constructor(
    kind: ProviderErrorKind,
    provider: string,
    message: string,
    options: { cause?: unknown; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.provider = provider;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True when running the same request again may succeed. */
  get retryable(): boolean {
    return this.kind === 'retryable' || this.kind === 'rate_limited';
  }
}

export const retryableError = (provider: string, message: string, cause?: unknown) =>
  new ProviderError('retryable', provider, message, { cause });

export const rateLimitedError = (provider: string, message: string, retryAfterMs?: number, cause?: unknown) =>
  new ProviderError('rate_limited', provider, message, { cause, retryAfterMs });

export const policyRefusalError = (provider: string, message: string, cause?: unknown) =>
  new ProviderError('refused_by_policy', provider, message, { cause });

export const invalidInputError = (provider: string, message: string, cause?: unknown) =>
  new ProviderError('invalid_input', provider, message, { cause });

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}
