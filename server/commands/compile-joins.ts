/**
 * The joins of a compile from its shots: the join into each clip after the first is that shot's
 * own transition in (a screenplay's CUT TO, DISSOLVE TO, FADE OUT…) where it has one, and the
 * compile's transition everywhere else. A compile records its shots' transitions when it starts
 * and joins with that record, so an edit made while it waits is the next compile's.
 */
import type { Shot, ShotTransition } from '../db/schema.ts';
import type { JoinTransition } from '../media/transitions.ts';

/** A shot's own transition with no length of its own, in a compile whose transitions are cuts or zero-length. */
const DEFAULT_SHOT_TRANSITION_SECONDS = 0.5;

/** A shot's own transition in as a compile records it; null when it has none. */
export function shotTransitionOf(shot: Pick<Shot, 'transition_in' | 'transition_in_duration'> | undefined): ShotTransition | null {
  if (!shot?.transition_in) return null;
  return { style: shot.transition_in, ...(shot.transition_in_duration !== null && { duration_seconds: shot.transition_in_duration }) };
}

/**
 * One entry per join (clips − 1), in playing order, from each clip's recorded shot transition
 * (`records[i]` for clip i; missing or null: the compile's transition for the join into it).
 */
export function joinsFrom(records: readonly (ShotTransition | null | undefined)[], clipCount: number, compileDurationSeconds: number): (JoinTransition | undefined)[] {
  const fallback = compileDurationSeconds > 0 ? compileDurationSeconds : DEFAULT_SHOT_TRANSITION_SECONDS;
  return Array.from({ length: Math.max(0, clipCount - 1) }, (_, join) => {
    const record = records[join + 1];
    return record ? { transition: record.style, durationSeconds: record.duration_seconds ?? fallback } : undefined;
  });
}

/** The joins for clips made from `shots` (in playing order), as they are now. */
export function shotJoins(shots: readonly (Pick<Shot, 'transition_in' | 'transition_in_duration'> | undefined)[], compileDurationSeconds: number): (JoinTransition | undefined)[] {
  return joinsFrom(shots.map(shotTransitionOf), shots.length, compileDurationSeconds);
}
