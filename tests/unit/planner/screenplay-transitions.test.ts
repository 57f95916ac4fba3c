import { describe, expect, it } from 'vitest';
import { parseScreenplayToPlan } from '../../../server/providers/builtin/planner/screenplay-plan.builder.ts';
import { transitionFromLine } from '../../../server/providers/builtin/planner/screenplay-transitions.ts';

describe('a transition line as the join it asks for', () => {
  it.each([
    ['CUT TO:', 'cut'],
    ['SMASH CUT TO:', 'cut'],
    ['MATCH CUT TO:', 'cut'],
    ['CUT TO BLACK.', 'cut'],
    ['BACK TO:', 'cut'],
    ['DISSOLVE TO:', 'dissolve'],
    ['FADE OUT.', 'fade'],
    ['FADE IN:', 'fade'],
    ['FADE TO BLACK.', 'fade'],
    ['WIPE TO:', 'wipeleft'],
    ['切至：', 'cut'],
    ['切到', 'cut'],
    ['叠化至：', 'dissolve'],
    ['叠化', 'dissolve'],
    ['化出', 'dissolve'],
    ['硬切', 'cut'],
    ['溶至', 'dissolve'],
    ['淡入：', 'fade'],
    ['淡出', 'fade'],
    ['黑场', 'fade'],
  ])('%s → %s', (line, style) => {
    expect(transitionFromLine(line)).toEqual({ style });
  });

  it.each(['THE END', '转场'])('%s names no join', (line) => {
    expect(transitionFromLine(line)).toBeUndefined();
  });

  it('reads 叠化 and 硬切 on their own lines as transitions, not as a speaker or a shot', () => {
    const plan = parseScreenplayToPlan('内景 小屋 夜\n\n灯灭了。\n\n叠化\n\n外景 海边 晨\n\n潮水退去。\n\n硬切\n\n浪打在礁石上。\n', 1);
    const shots = plan.scenes.flatMap((scene) => scene.shots);
    expect(shots.map((shot) => shot.transitionIn)).toEqual([undefined, { style: 'dissolve' }, { style: 'cut' }]);
    expect(plan.characters).toEqual([]);
  });
});

