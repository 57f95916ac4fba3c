import { describe, expect, it } from 'vitest';
import { pieceFrames, planPieces, plannedFrameCount } from '../../../server/media/smart-compile-plan.ts';

/** Keyframes of normalized 24-fps clips: the quarter seconds of the first second, then every second. */
const GRID = [0, 6, 12, 18, 24, 48, 72, 96, 120];
/** Keyframes of clips with only the one-second grid. */
const SECONDS = [0, 24, 48, 72, 96, 120];

describe('planPieces', () => {
  it('copies whole clips for cuts', () => {
    expect(planPieces({ clipFrames: [48, 60], transitionFrames: 0, keyframes: [] })).toEqual([
      { kind: 'copy', clip: 0, fromFrame: 0, toFrame: 48 },
      { kind: 'copy', clip: 1, fromFrame: 0, toFrame: 60 },
    ]);
  });

  it('re-encodes from each transition start to the next keyframe and copies the rest', () => {
    const input = { clipFrames: [120, 120, 120], transitionFrames: 12, keyframes: [GRID, GRID, GRID] };
    const pieces = planPieces(input);
    expect(pieces).toEqual([
      { kind: 'copy', clip: 0, fromFrame: 0, toFrame: 108 },
      { kind: 'window', ranges: [{ clip: 0, fromFrame: 108, toFrame: 120 }, { clip: 1, fromFrame: 0, toFrame: 12 }], frames: 12 },
      { kind: 'copy', clip: 1, fromFrame: 12, toFrame: 108 },
      { kind: 'window', ranges: [{ clip: 1, fromFrame: 108, toFrame: 120 }, { clip: 2, fromFrame: 0, toFrame: 12 }], frames: 12 },
      { kind: 'copy', clip: 2, fromFrame: 12, toFrame: 120 },
    ]);
    expect(pieces.reduce((sum, piece) => sum + pieceFrames(piece), 0)).toBe(plannedFrameCount(input));
  });

  it('ends a window on the first keyframe the clip really has', () => {
    // A 10-frame transition ends between the early keyframes; clips with only the one-second grid
    // (and the first clip, whose keyframes are never needed) resume at frame 24.
    const pieces = planPieces({ clipFrames: [120, 120, 120], transitionFrames: 10, keyframes: [[], SECONDS, GRID] });
    const windows = pieces.filter((piece) => piece.kind === 'window');
    expect(windows.map((piece) => piece.ranges.at(-1))).toEqual([
      { clip: 1, fromFrame: 0, toFrame: 24 },
      { clip: 2, fromFrame: 0, toFrame: 12 },
    ]);
    for (const piece of pieces) {
      if (piece.kind === 'copy' && piece.fromFrame > 0) expect((piece.clip === 1 ? SECONDS : GRID).includes(piece.fromFrame)).toBe(true);
    }
  });

  it('re-encodes a whole clip that has no known keyframe after the transition', () => {
    const input = { clipFrames: [48, 48], transitionFrames: 12, keyframes: [[0], [0]] };
    expect(planPieces(input)).toEqual([
      { kind: 'copy', clip: 0, fromFrame: 0, toFrame: 36 },
      { kind: 'window', ranges: [{ clip: 0, fromFrame: 36, toFrame: 48 }, { clip: 1, fromFrame: 0, toFrame: 48 }], frames: 48 },
    ]);
  });

  it('merges windows that would overlap and never leaves an empty copy', () => {
    const input = { clipFrames: [72, 24, 53, 36], transitionFrames: 12, keyframes: [SECONDS, SECONDS, SECONDS, SECONDS] };
    const pieces = planPieces(input);
    expect(pieces.map((piece) => piece.kind)).toEqual(['copy', 'window', 'copy', 'window', 'copy']);
    expect(pieces[1]).toMatchObject({ ranges: [{ clip: 0, fromFrame: 60 }, { clip: 1, fromFrame: 0, toFrame: 24 }, { clip: 2, toFrame: 24 }] });
    expect(pieces[3]).toMatchObject({ ranges: [{ clip: 2, fromFrame: 41, toFrame: 53 }, { clip: 3, fromFrame: 0, toFrame: 24 }] });
    expect(pieces.reduce((sum, piece) => sum + pieceFrames(piece), 0)).toBe(plannedFrameCount(input));

    // With the early keyframes the short clip's transitions no longer meet: two windows, no empty copy between.
    const early = { ...input, keyframes: [GRID, GRID, GRID, GRID] };
    const earlyPieces = planPieces(early);
    expect(earlyPieces.map((piece) => piece.kind)).toEqual(['copy', 'window', 'window', 'copy', 'window', 'copy']);
    expect(earlyPieces.reduce((sum, piece) => sum + pieceFrames(piece), 0)).toBe(plannedFrameCount(early));
  });

  it('gives each join its own overlap: a cut copies straight through, dissolves of different lengths get their own windows', () => {
    const input = { clipFrames: [48, 48, 48, 48], transitionFrames: [0, 12, 6], keyframes: [GRID, GRID, GRID, GRID] };
    const pieces = planPieces(input);
    expect(pieces).toEqual([
      { kind: 'copy', clip: 0, fromFrame: 0, toFrame: 48 },
      { kind: 'copy', clip: 1, fromFrame: 0, toFrame: 36 },
      { kind: 'window', ranges: [{ clip: 1, fromFrame: 36, toFrame: 48 }, { clip: 2, fromFrame: 0, toFrame: 12 }], frames: 12 },
      { kind: 'copy', clip: 2, fromFrame: 12, toFrame: 42 },
      { kind: 'window', ranges: [{ clip: 2, fromFrame: 42, toFrame: 48 }, { clip: 3, fromFrame: 0, toFrame: 6 }], frames: 6 },
      { kind: 'copy', clip: 3, fromFrame: 6, toFrame: 48 },
    ]);
    // 4 × 48 frames less the 12- and 6-frame overlaps; the cut takes nothing away.
    expect(plannedFrameCount(input)).toBe(174);
    expect(pieces.reduce((sum, piece) => sum + pieceFrames(piece), 0)).toBe(174);
  });

  it('merges a short clip\'s two windows even when their transitions differ, and copies whole clips between cuts', () => {
    const input = { clipFrames: [48, 20, 48, 30, 30], transitionFrames: [12, 6, 0, 0], keyframes: [SECONDS, SECONDS, SECONDS, SECONDS, SECONDS] };
    const pieces = planPieces(input);
    expect(pieces).toEqual([
      { kind: 'copy', clip: 0, fromFrame: 0, toFrame: 36 },
      // Clip 1 has no keyframe after frame 12 but its end, so both transitions render in one window.
      { kind: 'window', ranges: [{ clip: 0, fromFrame: 36, toFrame: 48 }, { clip: 1, fromFrame: 0, toFrame: 20 }, { clip: 2, fromFrame: 0, toFrame: 24 }], frames: 12 + 20 + 24 - 12 - 6 },
      { kind: 'copy', clip: 2, fromFrame: 24, toFrame: 48 },
      { kind: 'copy', clip: 3, fromFrame: 0, toFrame: 30 },
      { kind: 'copy', clip: 4, fromFrame: 0, toFrame: 30 },
    ]);
    expect(plannedFrameCount(input)).toBe(48 + 20 + 48 + 30 + 30 - 18);
  });
});
