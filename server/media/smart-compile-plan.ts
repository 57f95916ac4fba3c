/**
 * Plans a smart compile on the frame grid: which stretches of which clips are copied as they are,
 * and which short windows around each transition are re-encoded. Pure arithmetic, no I/O.
 *
 * A window starts where its transition starts (an out point needs no keyframe: normalized clips
 * have no B-frames, so dropping frames from the end of a stretch never breaks decoding) and ends
 * on the first keyframe of the next clip at or after the end of the transition, where copying can
 * resume (the end of that clip when none is known). When two
 * windows would overlap (a clip too short to have a copied middle), they merge into one window
 * that carries both transitions.
 */

/** Frames [fromFrame, toFrame) of clip number `clip`. */
export interface ClipRange {
  clip: number;
  fromFrame: number;
  toFrame: number;
}

/** One piece of the output, in output order. */
export type CompilePiece =
  | ({ kind: 'copy' } & ClipRange)
  /** Consecutive ranges joined by transitions of `transitionFrames` each, re-encoded. */
  | { kind: 'window'; ranges: ClipRange[]; frames: number };

export interface PlanInput {
  /** Frames used from each clip, in playing order. */
  clipFrames: readonly number[];
  /** Frames each transition overlaps; 0 for cuts. */
  transitionFrames: number;
  /**
   * Known keyframes of each clip (frame numbers, closed GOPs), at least those early enough to end
   * a transition into it; a copied stretch starts only on one of these.
   */
  keyframes: readonly (readonly number[])[];
}

/** Frames the output will have: every clip's frames minus one overlap per join. */
export function plannedFrameCount(input: PlanInput): number {
  const total = input.clipFrames.reduce((sum, frames) => sum + frames, 0);
  return total - Math.max(0, input.clipFrames.length - 1) * input.transitionFrames;
}

/**
 * Splits the output into copied stretches and re-encoded windows. Callers validate first: at least
 * one clip, every clip longer than the transition.
 */
export function planPieces(input: PlanInput): CompilePiece[] {
  const { clipFrames, transitionFrames: overlap } = input;
  const frames = (clip: number) => clipFrames[clip] ?? 0;
  if (overlap <= 0 || clipFrames.length < 2) {
    return clipFrames.map((count, clip) => ({ kind: 'copy', clip, fromFrame: 0, toFrame: count }));
  }

  // Windows as [start clip, start frame] → [end clip, end frame), merged where they would overlap.
  const resumeAt = (clip: number) => {
    const keyframe = (input.keyframes[clip] ?? []).find((frame) => frame >= overlap);
    return keyframe === undefined ? frames(clip) : Math.min(keyframe, frames(clip));
  };
  const windows: { startClip: number; startFrame: number; endClip: number; endFrame: number }[] = [];
  for (let join = 0; join < clipFrames.length - 1; join++) {
    const startFrame = frames(join) - overlap;
    const previous = windows.at(-1);
    const next = join + 1;
    const endFrame = resumeAt(next);
    if (previous && previous.endClip === join && previous.endFrame > startFrame) {
      previous.endClip = next;
      previous.endFrame = endFrame;
    } else {
      windows.push({ startClip: join, startFrame, endClip: next, endFrame });
    }
  }

  const pieces: CompilePiece[] = [];
  let clip = 0;
  let frame = 0;
  for (const window of windows) {
    if (window.startClip === clip && window.startFrame > frame) {
      pieces.push({ kind: 'copy', clip, fromFrame: frame, toFrame: window.startFrame });
    }
    const ranges: ClipRange[] = [];
    for (let index = window.startClip; index <= window.endClip; index++) {
      ranges.push({
        clip: index,
        fromFrame: index === window.startClip ? window.startFrame : 0,
        toFrame: index === window.endClip ? window.endFrame : frames(index),
      });
    }
    const length = ranges.reduce((sum, range) => sum + range.toFrame - range.fromFrame, 0) - (ranges.length - 1) * overlap;
    pieces.push({ kind: 'window', ranges, frames: length });
    clip = window.endClip;
    frame = window.endFrame;
  }
  const last = clipFrames.length - 1;
  if (clip === last && frame < frames(last)) pieces.push({ kind: 'copy', clip: last, fromFrame: frame, toFrame: frames(last) });
  return pieces;
}

/** Frames a piece contributes to the output. */
export function pieceFrames(piece: CompilePiece): number {
  return piece.kind === 'copy' ? piece.toFrame - piece.fromFrame : piece.frames;
}
