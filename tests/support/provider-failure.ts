/**
 * The typed error a provider call ends with, for tests that expect one.
 */
import { expect } from 'vitest';
import { ProviderError } from '../../server/providers/errors.ts';

/** Resolves with the ProviderError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}
