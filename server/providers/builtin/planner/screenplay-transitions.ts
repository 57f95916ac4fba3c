/**
 * What a screenplay's transition line asks of the cut between two shots, in the transitions a
 * compile can make: CUT TO, SMASH CUT and their kin are cuts, DISSOLVE TO a dissolve, FADE OUT /
 * FADE IN / FADE TO BLACK a fade through black, WIPE TO a wipe. Lines that say nothing about the
 * join ("THE END", "转场") give nothing, and the compile's own transition applies.
 */
import type { PlannedShot } from '../../planner.types.ts';

type TransitionIn = NonNullable<PlannedShot['transitionIn']>;

const KINDS: ReadonlyArray<[RegExp, TransitionIn['style']]> = [
  [/DISSOLVE|\bMIX\b|叠化|化入|化出|溶至|溶入/i, 'dissolve'],
  [/FADE|淡入|淡出|渐隐|渐显|黑场/i, 'fade'],
  [/WIPE|划至|划入/i, 'wipeleft'],
  [/CUT|切至|切到|切换至|硬切|\bTO:$/i, 'cut'],
];

/** The transition a transition line asks for, or undefined when it names none. */
export function transitionFromLine(text: string): TransitionIn | undefined {
  const line = text.trim().replace(/[.:：。]+$/, (end) => (end.includes(':') || end.includes('：') ? ':' : ''));
  const style = KINDS.find(([pattern]) => pattern.test(line))?.[1];
  return style ? { style } : undefined;
}
