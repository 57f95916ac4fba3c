import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import { ProviderError } from '../../../server/providers/errors.ts';

const planner = createBuiltinPlanner();

async function failure(text: string): Promise<ProviderError> {
  const error = await planner.parseScreenplay(text, { seed: 1 }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('builtin planner invalid screenplays', () => {
  it('rejects empty text and says what a screenplay needs', async () => {
    for (const text of ['', '  \n\n ']) {
      const error = await failure(text);
      expect(error.kind).toBe('invalid_input');
      expect(error.message).toMatch(/scene heading/);
      expect(error.message).toMatch(/INT\./);
    }
  });

  it('rejects prose with no scene heading and no dialogue', async () => {
    const prose = 'Once upon a time a cat lived in Tokyo.\n\nShe liked the rain.\n\n[[a note]]\n\n/* old */';
    const error = await failure(prose);
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toMatch(/No scene heading and no dialogue/);
    expect(error.message).toMatch(/fountain\.io/);
  });

  it('rejects a text that only has a title page, notes or boneyard', async () => {
    expect((await failure('Title: Nothing Here\nAuthor: Me\n')).kind).toBe('invalid_input');
    expect((await failure('/*\nINT. HOUSE - DAY\n\nBOB\nHi.\n*/')).kind).toBe('invalid_input');
  });

  it('accepts a heading alone and gives its scene one shot', async () => {
    const plan = await planner.parseScreenplay('INT. EMPTY ROOM - DAY', { seed: 1 });
    expect(plan.scenes).toHaveLength(1);
    expect(plan.scenes[0]?.shots).toHaveLength(1);
    expect(plan.characters).toEqual([]);
  });
});
