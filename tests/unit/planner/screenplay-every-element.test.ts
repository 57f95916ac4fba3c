import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import type { EpisodePlan, PlannedShot } from '../../../server/providers/planner.types.ts';
import { EVERY_ELEMENT_EN, EVERY_ELEMENT_ZH } from './fountain-every-element.ts';
import { allShots, expectConsistentPlan } from './plan-checks.ts';

const planner = createBuiltinPlanner();

/** Every line said in the plan, with its speaker and notes, in order. */
const lines = (plan: EpisodePlan) => allShots(plan).flatMap((shot) => shot.dialogue);
const cards = (plan: EpisodePlan) => allShots(plan).filter((shot) => shot.titleCard !== undefined);
/** The transition into the first shot of each scene. */
const sceneOpenings = (plan: EpisodePlan) => plan.scenes.map((scene) => scene.shots[0]?.transitionIn);

describe('an English screenplay with every Fountain element', () => {
  let plan: EpisodePlan;
  it('reads', async () => {
    plan = await planner.parseScreenplay(EVERY_ELEMENT_EN, { seed: 7 });
    expectConsistentPlan(plan);
  });

  it('takes the title from the title page without its emphasis, and the first = synopsis as logline', () => {
    expect(plan.title).toBe('The Lighthouse Keeper');
    expect(plan.logline).toBe('A keeper finds a stranger on her rock.');
  });

  it('opens a scene per heading, forced "." included, with place and time of day; sections and page breaks make none', () => {
    expect(plan.scenes.map((scene) => [scene.heading, scene.location, scene.timeOfDay])).toEqual([
      ['EXT. LIGHTHOUSE ROCK - DAWN', 'Lighthouse Rock', 'DAWN'],
      // A forced heading without a time keeps the time before it.
      ['INSIDE THE LAMP ROOM', 'Inside the Lamp Room', 'DAWN'],
      ["INT. KEEPER'S COTTAGE - NIGHT", "Keeper's Cottage", 'NIGHT'],
      ['EXT. LIGHTHOUSE ROCK - MORNING', 'Lighthouse Rock', 'MORNING'],
    ]);
    const text = JSON.stringify(plan);
    for (const section of ['ACT ONE', 'The storm', '===']) expect(text).not.toContain(section);
  });

  it('makes transitions the joins between shots, never shots: FADE IN, SMASH CUT, DISSOLVE, forced > FADE TO BLACK', () => {
    expect(sceneOpenings(plan)).toEqual([{ style: 'fade' }, { style: 'cut' }, { style: 'dissolve' }, { style: 'fade' }]);
    // Only the scenes' first shots have one.
    const others = plan.scenes.flatMap((scene) => scene.shots.slice(1)).filter((shot) => shot.transitionIn);
    expect(others).toEqual([]);
    for (const shot of allShots(plan)) expect(shot.prompt).not.toMatch(/SMASH CUT|DISSOLVE TO|FADE (IN|TO BLACK)/);
  });

  it('makes the centred text a title card: no one in frame, no dialogue, the text on its own', () => {
    expect(cards(plan)).toEqual([
      expect.objectContaining({ titleCard: 'THE END', characters: [], dialogue: [], camera: 'static' } satisfies Partial<PlannedShot>),
    ]);
    expect(plan.scenes.at(-1)?.shots.at(-1)?.titleCard).toBe('THE END');
  });

  it('keeps dialogue with its cue: parentheticals (ASCII and full-width) as acting notes, extensions marked, dual dialogue simultaneous, lyrics sung', () => {
    expect(lines(plan)).toEqual([
      { character: 'mara', line: 'Who are you?', direction: 'wary' },
      { character: 'mcclane', line: 'Someone who missed the last ferry.', extension: 'O.S.' },
      { character: 'mara', line: 'Stay away from the lens!' },
      { character: 'mcclane', line: 'I only want to get warm!', simultaneous: true },
      { character: 'mara', line: 'Keeper, keeper, light the way, bring the sailors home today.', direction: 'sung' },
      { character: 'mara', line: 'Forty years I kept this light.', extension: 'V.O.' },
      { character: 'mcclane', line: 'Thank you.', direction: 'quietly' },
    ]);
    // The dual line is in the same shot as the line it answers.
    const dual = allShots(plan).find((shot) => shot.dialogue.some((line) => line.simultaneous));
    expect(dual?.dialogue.map((line) => line.character)).toEqual(['mara', 'mcclane']);
    // Someone heard off screen is not in frame for that line's shot.
    const offscreen = allShots(plan).find((shot) => shot.dialogue.some((line) => line.extension === 'O.S.'));
    expect(offscreen?.characters).not.toContain('mcclane');
  });

  it('takes a forced @ cue with lower-case letters as a character, and looks from the introducing action', () => {
    expect(plan.characters.map((character) => [character.key, character.name, character.description, character.visualTraits])).toEqual([
      ['mara', 'Mara', 'MARA (40s, wiry, red raincoat) hauls a crate up the slipway.', ['40s', 'wiry', 'red raincoat']],
      ['mcclane', 'McCLANE', 'McCLANE, a tall man in a soaked grey suit, staggers out of the surf.', ['tall man', 'soaked grey suit']],
    ]);
  });

  it('drops notes and the boneyard, and emphasis marks but not their words', () => {
    const text = JSON.stringify(plan);
    expect(text).not.toContain('tide tables');
    expect(text).not.toContain('Go back where you came from');
    expect(text).not.toMatch(/[*_]/);
    expect(plan.scenes[0]?.locationDescription).toContain('Gulls wheel over black rocks.');
  });
});

describe('a Chinese screenplay with every Fountain element', () => {
  let plan: EpisodePlan;
  it('reads', async () => {
    plan = await planner.parseScreenplay(EVERY_ELEMENT_ZH, { seed: 7 });
    expectConsistentPlan(plan);
  });

  it('takes the title page in Chinese keys and the = synopsis as logline', () => {
    expect(plan.title).toBe('灯塔守夜人');
    expect(plan.logline).toBe('守塔人在礁石上救起一个陌生人。');
  });

  it('reads 内景/外景 headings with their time of day', () => {
    expect(plan.scenes.map((scene) => [scene.heading, scene.location, scene.timeOfDay])).toEqual([
      ['外景 灯塔礁石 清晨', '灯塔礁石', '清晨'],
      ['内景 灯室 夜', '灯室', '夜'],
      ['内景 小屋 深夜', '小屋', '深夜'],
      ['外景 灯塔礁石 清晨', '灯塔礁石', '清晨'],
    ]);
  });

  it('makes 淡入, 切至, 叠化至 and 淡出 the joins between shots', () => {
    expect(sceneOpenings(plan)).toEqual([{ style: 'fade' }, { style: 'cut' }, { style: 'dissolve' }, { style: 'fade' }]);
    for (const shot of allShots(plan)) expect(shot.prompt).not.toMatch(/淡入|切至|叠化至|淡出/);
  });

  it('makes the centred 剧终 a title card', () => {
    expect(cards(plan).map((shot) => [shot.titleCard, shot.characters, shot.dialogue])).toEqual([['剧终', [], []]]);
  });

  it('keeps full-width and ASCII parentheticals as acting notes, 画外音 as V.O., dual dialogue and lyrics', () => {
    expect(lines(plan)).toEqual([
      { character: '阿梅', line: '你是谁？', direction: '警惕' },
      { character: '老周', line: '一个错过末班渡轮的人。', extension: 'V.O.' },
      { character: '阿梅', line: '别碰透镜！' },
      { character: '老周', line: '我只想暖和一下！', simultaneous: true },
      { character: '阿梅', line: '守塔人，守塔人，点亮灯，照着水手回家门。', direction: '唱' },
      { character: '老周', line: '谢谢你。', direction: '小声' },
    ]);
    // The cue's full-width extension is not part of the name.
    expect(plan.characters.map((character) => character.name)).toEqual(['阿梅', '老周']);
  });

  it('takes looks from the introducing action', () => {
    expect(plan.characters[0]).toMatchObject({ description: '阿梅，一位穿着红色雨衣的中年女人，把木箱拖上坡道。', visualTraits: ['中年女人', '红色雨衣'] });
  });

  it('drops notes and the boneyard', () => {
    const text = JSON.stringify(plan);
    expect(text).not.toContain('潮汐');
    expect(text).not.toContain('回你来的地方去');
    for (const section of ['第一幕', '暴风雨']) expect(text).not.toContain(section);
  });
});
