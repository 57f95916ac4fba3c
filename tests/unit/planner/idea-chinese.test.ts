import { describe, expect, it } from 'vitest';
import { createBuiltinPlanner } from '../../../server/providers/builtin/planner/builtin.planner.ts';
import { allShots, expectConsistentPlan } from './plan-checks.ts';

const planner = createBuiltinPlanner();
const IDEA = '一只侦探猫在雨夜的东京小巷里破案';
const HAN = /[\u4e00-\u9fff]/;

describe('builtin planner with a Chinese idea', () => {
  it('writes a Chinese plan with the place, rain and night of the idea', async () => {
    const plan = await planner.plan({ idea: IDEA, seed: 1 });
    expectConsistentPlan(plan);
    const shots = allShots(plan);
    expect(shots.length).toBeGreaterThanOrEqual(6);
    expect(shots.length).toBeLessThanOrEqual(12);
    expect(plan.characters.length).toBeGreaterThanOrEqual(3);
    expect(plan.characters[0]?.name).toMatch(/^侦探/);
    expect(plan.characters[0]?.visualTraits.join('')).toContain('猫');
    for (const character of plan.characters) expect(character.name).toMatch(HAN);
    for (const scene of plan.scenes) {
      expect(scene.location).toBe('东京小巷');
      expect(scene.timeOfDay).toBe('NIGHT');
      expect(scene.heading).toMatch(/^EXT\. 东京小巷/);
      expect(scene.locationDescription).toContain('雨');
    }
    const lines = shots.flatMap((shot) => shot.dialogue.map((d) => d.line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(HAN);
    expect(plan.logline).toContain('在雨夜的东京小巷里破案');
  });

  it('is deterministic and seed-sensitive in Chinese too', async () => {
    const first = await planner.plan({ idea: IDEA, seed: 8 });
    expect(await planner.plan({ idea: IDEA, seed: 8 })).toStrictEqual(first);
    expect(await planner.plan({ idea: IDEA, seed: 9 })).not.toStrictEqual(first);
  });

  it('plans sensibly for other Chinese ideas', async () => {
    for (const idea of ['宇航员小明在太空站里发现了外星信号', '一个女孩和她的狗去海边寻找宝藏', '爱情', '🙂 东京']) {
      const plan = await planner.plan({ idea, seed: 3, targetShots: 10 });
      expectConsistentPlan(plan);
      expect(allShots(plan)).toHaveLength(10);
      expect(plan.characters.length).toBeGreaterThanOrEqual(3);
    }
    const astronaut = await planner.plan({ idea: '宇航员小明在太空站里发现了外星信号', seed: 1 });
    expect(astronaut.characters[0]?.name).toBe('小明');
    expect(astronaut.scenes[0]?.location).toBe('太空站');
  });
});

describe('where a Chinese hero starts to act', () => {
  it('ends the hero at a verb no list names, and keeps the deed in the story', async () => {
    const plan = await planner.plan({ idea: '老渔夫老陈修好了他的旧渔船，准备最后一次出海。', seed: 1 });
    expectConsistentPlan(plan);
    expect(plan.characters[0]?.name).toBe('老陈');
    expect(plan.characters[0]?.description).toMatch(/^老陈，故事的主角，一位老渔夫：/u);
    expect(plan.logline).toContain('修好了他的旧渔船');
    const joined = await planner.plan({ idea: '少年阿杰报名参加了城里的厨艺大赛。', seed: 1 });
    expect(joined.characters[0]?.description).not.toContain('报名');
  });

  it('keeps a trade the tagger reads as a verb in the hero, and reads the thing sought after it', async () => {
    const plan = await planner.plan({ idea: '东京小巷里的侦探猫寻找失踪的钻石。', seed: 1 });
    expect(plan.characters[0]?.description).toContain('侦探猫');
    expect(plan.logline).toContain('钻石不翼而飞');
  });
});
