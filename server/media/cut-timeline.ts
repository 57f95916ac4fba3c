/**
 * Where each take sits in the compiled video, given the frames used from each and the overlap of
 * every join (0 for a cut). Chapters and the film's caption track both read it from here, so a
 * caption never drifts from the shot it belongs to.
 */
import type { DialogueCue } from './dialogue-timing.ts';

export interface CutPlacement {
  /** Seconds on the output timeline where the take's first frame shows (its transition in starts here). */
  startSeconds: number;
  /** Where the next take starts (the start of this one's transition out), or the end of the video. */
  endSeconds: number;
}

/**
 * Each take's span in the cut: take i starts where take i − 1's transition out begins, and its
 * span ends where take i + 1 starts. Spans are contiguous, so they never overlap.
 */
export function cutTimeline(clipFrames: readonly number[], overlaps: readonly number[], fps: number): CutPlacement[] {
  const placements: CutPlacement[] = [];
  let start = 0;
  clipFrames.forEach((frames, index) => {
    const last = index === clipFrames.length - 1;
    const end = last ? start + frames : start + frames - (overlaps[index] ?? 0);
    placements.push({ startSeconds: start / fps, endSeconds: end / fps });
    start = end;
  });
  return placements;
}

/**
 * The whole cut's dialogue: each take's cues shifted to where the take starts and cut off at the
 * end of its span, so during a transition only the incoming take's line shows, never two at once.
 */
export function cutCues(clipCues: readonly (readonly DialogueCue[])[], placements: readonly CutPlacement[]): DialogueCue[] {
  const cues: DialogueCue[] = [];
  clipCues.forEach((list, index) => {
    const placement = placements[index];
    if (!placement) return;
    for (const cue of list) {
      const start = placement.startSeconds + cue.start;
      const end = Math.min(placement.startSeconds + cue.end, placement.endSeconds);
      if (end - start >= 0.001) cues.push({ ...cue, start, end });
    }
  });
  return cues;
}
