import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import { BEATS, MOMENTS_PER_BEAT } from '../../../server/providers/builtin/planner/kits/kit.types.ts';
import { GENRE_KITS } from '../../../server/providers/builtin/planner/kits/index.ts';
import { allShots, expectConsistentPlan } from './plan-checks.ts';

const planner = createBuiltinPlanner();
const IDEA = 'A detective cat solves a mystery in a rainy Tokyo alley';
const IDEAS = [
  IDEA,
  'A shy baker falls in love with a street musician in Paris',
  'A rookie astronaut hears a distress signal aboard a space station',
  'Two kids search for treasure on a foggy island at dawn',
  'A young violinist gets one chance to play at the city concert',
  'cyberpunk noir, rain, neon',
];

describe('builtin planner plan shape', () => {
  it('says plainly that it is a rule-based planner, not a language model', () => {
    expect(planner.id).toBe('builtin');
    expect(planner.description).toMatch(/rule-based/i);
    expect(planner.description).toMatch(/not a language model/i);
  });

  it('writes 8 shots by default and honours targetShots within 6–12', async () => {
    expect(allShots(await planner.plan({ idea: IDEA, seed: 1 }))).toHaveLength(8);
    for (const target of [6, 7, 9, 10, 11, 12]) {
      expect(allShots(await planner.plan({ idea: IDEA, seed: 3, targetShots: target }))).toHaveLength(target);
    }
    expect(allShots(await planner.plan({ idea: IDEA, seed: 3, targetShots: 2 }))).toHaveLength(6);
    expect(allShots(await planner.plan({ idea: IDEA, seed: 3, targetShots: 40 }))).toHaveLength(12);
  });

  it('keeps every shot near five seconds, in whole or half seconds, longer only to fit its lines', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const shots = allShots(await planner.plan({ idea: IDEA, seed, targetShots: 12 }));
      for (const shot of shots) {
        expect(shot.duration).toBeGreaterThanOrEqual(4);
        // Past six seconds only for a shot whose lines take that long to say.
        expect(shot.duration).toBeLessThanOrEqual(shot.dialogue.length > 0 ? 8 : 6);
        expect(Number.isInteger(shot.duration * 2)).toBe(true);
      }
      const mean = shots.reduce((sum, shot) => sum + shot.duration, 0) / shots.length;
      expect(mean).toBeGreaterThan(4.5);
      // Shots whose lines take long to say run past six seconds, which lifts the mean a little.
      expect(mean).toBeLessThan(6.5);
    }
  });

  it('casts the detective cat and a witness and a suspect, each with a distinct colour', async () => {
    const plan = await planner.plan({ idea: IDEA, seed: 5 });
    expect(plan.characters.length).toBeGreaterThanOrEqual(3);
    const [hero, witness, suspect] = plan.characters;
    expect(hero?.name).toMatch(/^Detective \p{Lu}\p{Ll}+$/u);
    expect(hero?.description).toMatch(/detective cat/);
    expect(hero?.visualTraits.join(' ')).toMatch(/\bcat\b/);
    expect(hero?.visualTraits.join(' ')).toMatch(/trench coat/);
    expect(witness?.description).toMatch(/witness/);
    expect(suspect?.description).toMatch(/suspect/);
    expect(new Set(plan.characters.map((c) => c.color)).size).toBe(plan.characters.length);
  });

  it('gives genre-fitting supporting roles', async () => {
    const love = await planner.plan({ idea: IDEAS[1]!, seed: 1 });
    expect(love.characters.map((c) => c.description).join(' ')).toMatch(/love interest/);
    const space = await planner.plan({ idea: IDEAS[2]!, seed: 1 });
    expect(space.characters.length).toBeGreaterThanOrEqual(4);
    expect(space.characters.some((c) => c.name.startsWith('Captain '))).toBe(true);
    expect(space.scenes[0]?.heading).toMatch(/^INT\. /);
  });

  it('keeps every shot cast, speaker and number consistent, for many ideas and seeds', async () => {
    for (const idea of IDEAS) {
      for (const seed of [1, 2, 3]) {
        const plan = await planner.plan({ idea, seed, targetShots: 6 + seed * 2 });
        expectConsistentPlan(plan);
        expect(plan.characters.length).toBeGreaterThanOrEqual(3);
        expect(plan.scenes.length).toBeGreaterThanOrEqual(2);
        expect(plan.scenes.length).toBeLessThanOrEqual(4);
        const shots = allShots(plan);
        for (const shot of shots) {
          expect(shot.dialogue.length).toBeLessThanOrEqual(2);
          for (const line of shot.dialogue) expect(shot.characters).toContain(line.character);
          expect(shot.characters.length).toBeGreaterThan(0);
        }
        expect(shots.filter((shot) => shot.dialogue.length > 0).length).toBeGreaterThan(shots.length / 2);
        expect(shots.at(-1)?.camera).toBe('pull-out');
      }
    }
  });

  it('writes prompts that name who, what, where, style and camera', async () => {
    const plan = await planner.plan({ idea: IDEA, seed: 2, style: 'hand-drawn watercolour' });
    for (const scene of plan.scenes) {
      for (const shot of scene.shots) {
        expect(shot.prompt).toContain('Characters:');
        expect(shot.prompt).toContain(scene.locationDescription.replace(/\.$/, ''));
        expect(shot.prompt).toContain('Style: hand-drawn watercolour.');
        expect(shot.prompt).toContain('Camera:');
        const names = plan.characters.filter((c) => shot.characters.includes(c.key)).map((c) => c.name);
        for (const name of names) expect(shot.prompt).toContain(name);
      }
    }
  });

  it('follows setup, incident, investigation, confrontation and resolution in order', async () => {
    const plan = await planner.plan({ idea: IDEA, seed: 11, targetShots: 12 });
    const summaries = plan.scenes.map((scene) => scene.summary).join(' ');
    const order = ['keeps watch', 'is gone', 'follows the clues', 'confronts', 'comes home'].map((cue) => summaries.indexOf(cue));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('has enough moments in every kit for the largest plan', () => {
    for (const kit of Object.values(GENRE_KITS)) {
      for (const language of ['en', 'zh'] as const) {
        for (const beat of BEATS) expect(kit[language].beats[beat]).toHaveLength(MOMENTS_PER_BEAT[beat]);
      }
    }
    expect(BEATS.reduce((sum, beat) => sum + MOMENTS_PER_BEAT[beat], 0)).toBeGreaterThanOrEqual(12);
  });
});
