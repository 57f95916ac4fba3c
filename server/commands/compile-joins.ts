/**
 * The joins of a compile from its shots: the join into each clip after the first is that shot's
 * own transition in (a screenplay's CUT TO, DISSOLVE TO, FADE OUT…) where it has one, and the
 * compile's transition everywhere else.
 */
import type { Shot } from '../db/schema.ts';
import type { JoinTransition } from '../media/transitions.ts';

/** A shot's own transition with no length of its own, in a compile whose transitions are cuts or zero-length. */
const DEFAULT_SHOT_TRANSITION_SECONDS = 0.5;

/**
 * One entry per join (clips − 1), in playing order: `shots[i]` is the shot of clip i (undefined
 * when the clip has none); an undefined entry leaves that join to the compile's transition.
 */
export function shotJoins(
  shots: readonly (Pick<Shot, 'transition_in' | 'transition_in_duration'> | undefined)[],
  compileDurationSeconds: number,
): (JoinTransition | undefined)[] {
  const fallback = compileDurationSeconds > 0 ? compileDurationSeconds : DEFAULT_SHOT_TRANSITION_SECONDS;
  return shots.slice(1).map((shot) =>
    shot?.transition_in ? { transition: shot.transition_in, durationSeconds: shot.transition_in_duration ?? fallback } : undefined,
  );
}
