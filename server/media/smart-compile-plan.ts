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
  /** Consecutive ranges joined by their joins' transitions, re-encoded; `frames` is its output length. */
  | { kind: 'window'; ranges: ClipRange[]; frames: number };

export interface PlanInput {
  /** Frames used from each clip, in playing order. */
  clipFrames: readonly number[];
  /**
   * Frames each transition overlaps (0 for cuts): one number for every join, or one per join
   * (join i between clip i and clip i + 1), so a film can mix cuts with dissolves of any length.
   */
  transitionFrames: number | readonly number[];
  /**
   * Known keyframes of each clip (frame numbers, closed GOPs), at least those early enough to end
   * a transition into it; a copied stretch starts only on one of these.
   */
  keyframes: readonly (readonly number[])[];
}

/** The overlap of every join, in order (clips − 1 numbers, never negative). */
export function joinOverlaps(input: Pick<PlanInput, 'clipFrames' | 'transitionFrames'>): number[] {
  const joins = Math.max(0, input.clipFrames.length - 1);
  const { transitionFrames } = input;
  return Array.from({ length: joins }, (_, join) => Math.max(0, typeof transitionFrames === 'number' ? transitionFrames : (transitionFrames[join] ?? 0)));
}

/** Frames the output will have: every clip's frames minus each join's overlap. */
export function plannedFrameCount(input: PlanInput): number {
  const total = input.clipFrames.reduce((sum, frames) => sum + frames, 0);
  return total - joinOverlaps(input).reduce((sum, overlap) => sum + overlap, 0);
}

/**
 * Splits the output into copied stretches and re-encoded windows. Callers validate first: at least
 * one clip, every clip longer than the transitions at its ends. A cut needs no window: the clips
 * on either side are copied whole up to it.
 */
export function planPieces(input: PlanInput): CompilePiece[] {
  const { clipFrames } = input;
  const overlaps = joinOverlaps(input);
  const frames = (clip: number) => clipFrames[clip] ?? 0;

  // Windows as [start clip, start frame] → [end clip, end frame), merged where they would overlap.
  const resumeAt = (clip: number, overlap: number) => {
    const keyframe = (input.keyframes[clip] ?? []).find((frame) => frame >= overlap);
    return keyframe === undefined ? frames(clip) : Math.min(keyframe, frames(clip));
  };
  const windows: { startClip: number; startFrame: number; endClip: number; endFrame: number }[] = [];
  overlaps.forEach((overlap, join) => {
    if (overlap <= 0) return;
    const startFrame = frames(join) - overlap;
    const previous = windows.at(-1);
    const next = join + 1;
    const endFrame = resumeAt(next, overlap);
    if (previous && previous.endClip === join && previous.endFrame > startFrame) {
      previous.endClip = next;
      previous.endFrame = endFrame;
    } else {
      windows.push({ startClip: join, startFrame, endClip: next, endFrame });
    }
  });

  const pieces: CompilePiece[] = [];
  let clip = 0;
  let frame = 0;
  /** Copies everything from the current position up to `toFrame` of `toClip`. */
  const copyUpTo = (toClip: number, toFrame: number) => {
    for (; clip < toClip; clip++, frame = 0) {
      if (frame < frames(clip)) pieces.push({ kind: 'copy', clip, fromFrame: frame, toFrame: frames(clip) });
    }
    if (toFrame > frame) pieces.push({ kind: 'copy', clip, fromFrame: frame, toFrame });
    frame = Math.max(frame, toFrame);
  };
  for (const window of windows) {
    copyUpTo(window.startClip, window.startFrame);
    const ranges: ClipRange[] = [];
    for (let index = window.startClip; index <= window.endClip; index++) {
      ranges.push({
        clip: index,
        fromFrame: index === window.startClip ? window.startFrame : 0,
        toFrame: index === window.endClip ? window.endFrame : frames(index),
      });
    }
    const inner = overlaps.slice(window.startClip, window.endClip).reduce((sum, overlap) => sum + overlap, 0);
    const length = ranges.reduce((sum, range) => sum + range.toFrame - range.fromFrame, 0) - inner;
    pieces.push({ kind: 'window', ranges, frames: length });
    clip = window.endClip;
    frame = window.endFrame;
  }
  const last = clipFrames.length - 1;
  if (last >= 0) copyUpTo(last, frames(last));
  return pieces;
}

/** Frames a piece contributes to the output. */
export function pieceFrames(piece: CompilePiece): number {
  return piece.kind === 'copy' ? piece.toFrame - piece.fromFrame : piece.frames;
}
