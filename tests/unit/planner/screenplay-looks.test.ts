import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';

const planner = createBuiltinPlanner();

/** Each character's name, description and visual traits. */
async function looks(screenplay: string) {
  const plan = await planner.parseScreenplay(screenplay, { seed: 3 });
  return Object.fromEntries(plan.characters.map((character) => [character.name, { description: character.description, traits: character.visualTraits }]));
}

describe('character looks from the screenplay', () => {
  it('reads the bracketed introduction: MARA (30s, wiry, red raincoat)', async () => {
    const cast = await looks('INT. STATION - NIGHT\n\nMARA (30s, wiry, red raincoat) enters.\n\nMARA\nLast train?\n');
    expect(cast.Mara).toEqual({ description: 'MARA (30s, wiry, red raincoat) enters.', traits: ['30s', 'wiry', 'red raincoat'] });
  });

  it('reads the appositive introduction: MARA, a wiry woman in a red raincoat,', async () => {
    const cast = await looks('INT. STATION - NIGHT\n\nMARA, a wiry woman in a red raincoat, enters.\n\nMARA\nLast train?\n');
    expect(cast.Mara).toEqual({ description: 'MARA, a wiry woman in a red raincoat, enters.', traits: ['wiry woman', 'red raincoat'] });
  });

  it('prefers the sentence that describes them to an earlier mere mention', async () => {
    const screenplay = [
      'INT. STATION - NIGHT',
      '',
      'A poster on the wall: MISSING — MARA.',
      '',
      'The doors slide open. MARA (30s, wiry, red raincoat) steps in.',
      '',
      'MARA',
      'Last train?',
      '',
    ].join('\n');
    const cast = await looks(screenplay);
    expect(cast.Mara).toEqual({ description: 'MARA (30s, wiry, red raincoat) steps in.', traits: ['30s', 'wiry', 'red raincoat'] });
  });

  it('reads a Chinese introduction: 阿梅，一位穿着红色雨衣的中年女人，', async () => {
    const cast = await looks('内景 车站 夜\n\n阿梅，一位穿着红色雨衣的中年女人，走进车站。\n\n阿梅\n末班车走了吗？\n');
    expect(cast['阿梅']).toEqual({ description: '阿梅，一位穿着红色雨衣的中年女人，走进车站。', traits: ['中年女人', '红色雨衣'] });
  });

  it('gives a character the script does not describe a description of their own and two traits', async () => {
    const cast = await looks('INT. STATION - NIGHT\n\nThe doors slide open.\n\nBOB\nLast train?\n\nBOB\nAnyone?\n');
    expect(cast.Bob?.description).toBe('Bob, who speaks 2 times in the screenplay.');
    expect(cast.Bob?.traits).toHaveLength(2);
  });
});
