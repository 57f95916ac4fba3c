import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import { textSeconds } from '../../../server/providers/builtin/planner/screenplay-plan.builder.ts';
import { allShots, expectConsistentPlan } from './plan-checks.ts';
import { CHINESE, DIALOGUE_ONLY, RAIN_CASE } from './fountain-samples.ts';

const planner = createBuiltinPlanner();

describe('builtin planner reading a Fountain screenplay', () => {
  it('makes one scene per heading, with location and time from the heading', async () => {
    const plan = await planner.parseScreenplay(RAIN_CASE, { seed: 1 });
    expectConsistentPlan(plan);
    expect(plan.title).toBe('The Rain Case');
    expect(plan.scenes.map((s) => s.heading)).toEqual(['EXT. TOKYO ALLEY - NIGHT', 'INT. NOODLE BAR - CONTINUOUS', 'ROOFTOP ABOVE THE ALLEY']);
    expect(plan.scenes.map((s) => s.location)).toEqual(['Tokyo Alley', 'Noodle Bar', 'Rooftop Above the Alley']);
    // CONTINUOUS and a heading without a time carry the previous scene's time on.
    expect(plan.scenes.map((s) => s.timeOfDay)).toEqual(['NIGHT', 'NIGHT', 'NIGHT']);
    expect(plan.scenes[0]?.locationDescription).toContain('Rain hammers the neon-lit alley.');
    expect(plan.scenes[1]?.summary).toBe('Miko questions the owner.');
  });

  it('collects characters from cues once, whatever their extensions, coloured in order', async () => {
    const plan = await planner.parseScreenplay(RAIN_CASE, { seed: 1 });
    expect(plan.characters.map((c) => [c.key, c.name])).toEqual([
      ['miko', 'Miko'],
      ['hana', 'Hana'],
      ['kenji', 'Kenji'],
    ]);
    expect(plan.characters.map((c) => c.color)).toEqual(['#e4572e', '#2e9fe4', '#f2c14e']);
    expect(plan.characters[0]?.visualTraits.slice(0, 2)).toEqual(['grey tabby cat', 'tan trench coat']);
    expect(plan.characters[0]?.description).toMatch(/^MIKO, a grey tabby cat/);
  });

  it('starts a shot at each action paragraph and gives it the dialogue that follows', async () => {
    const plan = await planner.parseScreenplay(RAIN_CASE, { seed: 1 });
    const [opening, voiceOver, lantern, report] = plan.scenes[0]!.shots;
    expect(opening?.prompt).toContain('MIKO, a grey tabby cat');
    expect(opening?.characters).toEqual(['miko']);
    // The voice-over is heard, not seen, and marked as such.
    expect(voiceOver?.dialogue).toEqual([{ character: 'miko', line: 'Every alley has a secret. This one had two.', extension: 'V.O.' }]);
    expect(voiceOver?.characters).toEqual([]);
    expect(lantern?.camera).toBe('push-in');
    expect(lantern?.cameraNote).toContain('PUSH IN');
    expect(report?.dialogue).toEqual([
      { character: 'hana', line: 'Detective! The jade bell is gone!', direction: 'breathless' },
      { character: 'miko', line: 'Slow down, Hana.' },
    ]);
    expect(report?.characters).toEqual(['miko', 'hana']);
    const [bar, answer] = plan.scenes[1]!.shots;
    expect(bar?.characters).toEqual(['miko', 'kenji']);
    expect(bar?.dialogue.map((d) => d.line)).toEqual(['You were open late tonight.']);
    // The answer would push the shot past eight seconds, so it gets a shot of its own.
    // Each parenthetical stays with the words it comes before.
    expect(answer?.dialogue).toEqual([
      { character: 'kenji', line: "I'm always open late.", direction: 'not looking up' },
      { character: 'kenji', line: 'Ask anyone.', direction: 'beat' },
    ]);
    expect(answer?.characters).toEqual(['kenji']);
  });

  it('splits a long paragraph so every shot lasts 3–8 seconds', async () => {
    const plan = await planner.parseScreenplay(RAIN_CASE, { seed: 1 });
    for (const shot of allShots(plan)) {
      expect(shot.duration).toBeGreaterThanOrEqual(3);
      expect(shot.duration).toBeLessThanOrEqual(8);
    }
    const roof = plan.scenes[2]!;
    const paragraphShots = roof.shots.filter((shot) => shot.dialogue.length === 0);
    expect(paragraphShots.length).toBeGreaterThanOrEqual(2);
    expect(textSeconds(roof.shots.map((s) => s.prompt).join(' '))).toBeGreaterThan(8);
    for (const shot of paragraphShots) expect(shot.characters).toEqual(['miko', 'kenji']);
  });

  it('derives camera moves from the seed unless the text names one', async () => {
    const moves = async (seed: number) => allShots(await planner.parseScreenplay(RAIN_CASE, { seed })).map((s) => s.camera);
    expect(await moves(4)).toEqual(await moves(4));
    const seeds = await Promise.all([1, 2, 3, 4, 5, 6].map(moves));
    expect(new Set(seeds.map((list) => list.join())).size).toBeGreaterThan(1);
    for (const list of seeds) expect(list[2]).toBe('push-in');
    const panned = await planner.parseScreenplay('EXT. FIELD - DAY\n\nWe PAN LEFT across the wheat.', { seed: 1 });
    expect(panned.scenes[0]?.shots[0]?.camera).toBe('pan-left');
  });

  it('plays dialogue with no heading as one scene, and reads a Chinese screenplay', async () => {
    const talk = await planner.parseScreenplay(DIALOGUE_ONLY, { seed: 1 });
    expectConsistentPlan(talk);
    expect(talk.scenes).toHaveLength(1);
    expect(talk.characters.map((c) => c.name)).toEqual(['Bob', 'Alice']);
    expect(talk.scenes[0]?.shots[0]?.dialogue).toEqual([
      { character: 'bob', line: 'Hello there.' },
      // The parenthetical is an acting note beside the line, not part of what is said.
      { character: 'alice', line: 'Hi, Bob.', direction: 'whispering' },
    ]);
    const chinese = await planner.parseScreenplay(CHINESE, { seed: 1 });
    expectConsistentPlan(chinese);
    expect(chinese.title).toBe('雨夜疑案');
    expect(chinese.scenes[0]).toMatchObject({ location: '东京小巷', timeOfDay: '夜' });
    expect(chinese.characters.map((c) => c.name)).toEqual(['美子', '花子']);
    expect(chinese.characters[0]?.visualTraits.slice(0, 2)).toEqual(['灰猫', '风衣']);
    expect(allShots(chinese).flatMap((s) => s.dialogue.map((d) => d.line))).toEqual(['今晚太安静了。', '侦探！铃铛不见了！']);
    expect(allShots(chinese).flatMap((s) => s.dialogue.map((d) => d.extension ?? ''))).toEqual(['', 'V.O.']);
  });

  it('keeps dual dialogue simultaneous: the second speech in the same shot, said over the first', async () => {
    const plan = await planner.parseScreenplay(RAIN_CASE, { seed: 1 });
    const shot = allShots(plan).find((candidate) => candidate.dialogue.some((line) => line.line === 'I know.'))!;
    expect(shot.dialogue.slice(-2)).toEqual([
      { character: 'miko', line: "It's over, Kenji." },
      { character: 'kenji', line: 'I know.', simultaneous: true },
    ]);
  });

  it('takes the first = synopsis as the logline when the title page gives none', async () => {
    const plan = await planner.parseScreenplay('= A lighthouse keeper finds a message in a bottle.\n\nEXT. LIGHTHOUSE - DUSK\n\nWaves break on the rocks.', { seed: 1 });
    expect(plan.logline).toBe('A lighthouse keeper finds a message in a bottle.');
    const titled = await planner.parseScreenplay('Title: Bottle\nLogline: Two keepers, one bottle.\n\n= A synopsis.\n\nEXT. LIGHTHOUSE - DUSK\n\nWaves break.', { seed: 1 });
    expect(titled.logline).toBe('Two keepers, one bottle.');
  });

  it('keeps full-width parentheticals as acting notes and never makes a shot of a transition', async () => {
    const script = [
      '内景 茶馆 - 夜',
      '',
      '老王擦着桌子。',
      '',
      '老王',
      '（低声）',
      '今天没人来了。',
      '',
      '切至：',
      '',
      '外景 街道 - 夜',
      '',
      '雨越下越大。',
      '',
      '淡出',
    ].join('\n');
    const plan = await planner.parseScreenplay(script, { seed: 2 });
    expectConsistentPlan(plan);
    expect(plan.scenes.map((scene) => scene.heading)).toEqual(['内景 茶馆 - 夜', '外景 街道 - 夜']);
    // One shot per action paragraph: 切至 and 淡出 are transitions, not empty shots.
    expect(plan.scenes.map((scene) => scene.shots.length)).toEqual([1, 1]);
    expect(allShots(plan).flatMap((shot) => shot.dialogue)).toEqual([{ character: plan.characters[0]!.key, line: '今天没人来了。', direction: '低声' }]);
    expect(JSON.stringify(plan)).not.toMatch(/切至|淡出|（低声）/);
  });
});
