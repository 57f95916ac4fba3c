import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import { ProviderError } from '../../../server/providers/errors.ts';

const planner = createBuiltinPlanner();

async function failure(idea: string): Promise<ProviderError> {
  const error = await planner.plan({ idea, seed: 1 }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('builtin planner invalid ideas', () => {
  it('rejects an empty or blank idea as invalid input', async () => {
    for (const idea of ['', '   ', '\n\t ']) {
      const error = await failure(idea);
      expect(error.kind).toBe('invalid_input');
      expect(error.provider).toBe('builtin');
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/empty/i);
    }
  });

  it('rejects an idea longer than 2000 characters and accepts one of exactly 2000', async () => {
    const error = await failure('A cat walks. '.repeat(200));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toMatch(/2000/);
    const longest = `A detective cat solves a mystery${' and more'.repeat(300)}`.slice(0, 2000);
    await expect(planner.plan({ idea: longest, seed: 1 })).resolves.toHaveProperty('scenes');
  });
});
