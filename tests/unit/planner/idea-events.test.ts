/**
 * An idea that points to no genre is told through its own events: what the hero does, in the
 * idea's order, opens the beats of the story, where a genre's stock moments stood before.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import { predicateEvents } from '../../../server/providers/builtin/planner/idea-rules.ts';
import { latinHeroEvents } from '../../../server/providers/builtin/planner/reading/hero-reading.ts';
import { allShots, expectConsistentPlan } from './plan-checks.ts';

const planner = createBuiltinPlanner();

describe('the events of an idea', () => {
  it('splits what the hero does at commas, "and" and "then", keeping a list together', () => {
    expect(predicateEvents("enters a village fair, burns her first loaf, and wins with her grandmother's recipe", 'en')).toEqual([
      'enters a village fair',
      'burns her first loaf',
      "wins with her grandmother's recipe",
    ]);
    expect(predicateEvents('buys bread and milk, then walks home', 'en')).toEqual(['buys bread and milk', 'walks home']);
    expect(predicateEvents('找到了一只受伤的小鸟，然后每天喂它，最后在春天放它回到天空', 'zh')).toEqual(['找到了一只受伤的小鸟', '每天喂它', '在春天放它回到天空']);
    // In Spanish, French and German, after the hero's name; a list stays one event, joined as written.
    expect(latinHeroEvents('Léa achète du pain et du lait, puis rentre chez elle.', 'Léa')).toEqual(['achète du pain et du lait', 'rentre chez elle']);
  });

  it('tells an English idea with no genre through its events, in order, first and last', async () => {
    const idea = 'Tomas, a retired teacher, buys an old bicycle, rides it across three towns, and then sells it to a boy in the last one.';
    const plan = await planner.plan({ idea, seed: 3 });
    expectConsistentPlan(plan);
    const events = ['Tomas buys an old bicycle.', 'Tomas rides it across three towns.', 'Tomas sells it to a boy in the last one.'];
    const at = events.map((event) => plan.story.indexOf(event));
    expect(at.every((index) => index >= 0), plan.story).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const shots = allShots(plan);
    // The story opens on the first event and the last beat on the last one, the hero alone in frame.
    expect(shots[0]!.prompt).toContain('Tomas buys an old bicycle.');
    const last = shots.find((shot) => shot.prompt.includes('Tomas sells it to a boy in the last one.'));
    expect(last?.characters).toHaveLength(1);
    expect(last?.dialogue).toEqual([]);
    expect(plan.scenes[0]!.summary).toContain('Tomas buys an old bicycle.');
  });

  it('tells a Chinese idea with no genre through its events too', async () => {
    const plan = await planner.plan({ idea: '一个小女孩找到了一只受伤的小鸟，然后每天喂它，最后在春天放它回到天空。', seed: 2 });
    const hero = plan.characters[0]!.name;
    const events = [`${hero}找到了一只受伤的小鸟。`, `${hero}每天喂它。`, `${hero}在春天放它回到天空。`];
    const at = events.map((event) => plan.story.indexOf(event));
    expect(at.every((index) => index >= 0), plan.story).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('tells Spanish, French, German and Japanese ideas with no genre through their hero’s events', async () => {
    const cases = [
      {
        idea: 'La pescadora Rosario repara su vieja barca, enseña a su nieta a pescar y al final le regala la barca.',
        hero: 'Rosario',
        events: ['Rosario repara su vieja barca.', 'Rosario enseña a su nieta a pescar'],
      },
      {
        idea: 'Le vieux Marcel repeint sa maison, écrit une lettre à son fils, puis prend le train pour Lyon.',
        hero: 'Marcel',
        events: ['Marcel repeint sa maison.', 'Marcel écrit une lettre à son fils.', 'Marcel prend le train pour Lyon.'],
      },
      {
        idea: 'Die Lehrerin Greta kauft ein altes Fahrrad, fährt damit durch drei Dörfer und schenkt es am Ende einem Jungen.',
        hero: 'Greta',
        events: ['Greta kauft ein altes Fahrrad.', 'Greta fährt damit durch drei Dörfer.', 'Greta schenkt es am Ende einem Jungen.'],
      },
      {
        idea: '漁師の源さんは古い船を直し、孫娘に網の投げ方を教え、最後に船を彼女に贈る。',
        hero: '源さん',
        // Each clause ends in its verb's dictionary form, so each reads as a sentence.
        events: ['源さんは古い船を直す。', '源さんは孫娘に網の投げ方を教える。', '源さんは船を彼女に贈る。'],
      },
    ];
    for (const { idea, hero, events } of cases) {
      const plan = await planner.plan({ idea, seed: 1 });
      expect(plan.characters[0]!.name, idea).toBe(hero);
      const at = events.map((event) => plan.story.indexOf(event));
      expect(at.every((index) => index >= 0), plan.story).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    }
  });

  it('keeps a genre’s own story when the idea points to one', async () => {
    const plan = await planner.plan({ idea: 'Tomas, a master thief, cracks the casino vault, hides the diamonds, and escapes by boat.', seed: 3 });
    expect(plan.story).not.toContain('Tomas hides the diamonds.');
    expect(allShots(plan)[0]!.prompt).not.toContain('Tomas cracks the casino vault.');
  });
});
