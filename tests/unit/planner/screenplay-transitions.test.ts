import { describe, expect, it } from 'vitest';
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
});
