import { describe, expect, it } from 'vitest';
import { pieceFrames, planPieces, plannedFrameCount } from '../../../server/media/smart-compile-plan.ts';

describe('planPieces', () => {
  it('copies whole clips for cuts', () => {
    expect(planPieces({ clipFrames: [48, 60], transitionFrames: 0, gopFrames: 24 })).toEqual([
      { kind: 'copy', clip: 0, fromFrame: 0, toFrame: 48 },
      { kind: 'copy', clip: 1, fromFrame: 0, toFrame: 60 },
    ]);
  });

  it('re-encodes from each transition start to the next keyframe and copies the rest', () => {
    const input = { clipFrames: [120, 120, 120], transitionFrames: 12, gopFrames: 24 };
    const pieces = planPieces(input);
    expect(pieces).toEqual([
      { kind: 'copy', clip: 0, fromFrame: 0, toFrame: 108 },
      { kind: 'window', ranges: [{ clip: 0, fromFrame: 108, toFrame: 120 }, { clip: 1, fromFrame: 0, toFrame: 24 }], frames: 24 },
      { kind: 'copy', clip: 1, fromFrame: 24, toFrame: 108 },
      { kind: 'window', ranges: [{ clip: 1, fromFrame: 108, toFrame: 120 }, { clip: 2, fromFrame: 0, toFrame: 24 }], frames: 24 },
      { kind: 'copy', clip: 2, fromFrame: 24, toFrame: 120 },
    ]);
    expect(pieces.reduce((sum, piece) => sum + pieceFrames(piece), 0)).toBe(plannedFrameCount(input));
    // Every copied stretch after the first starts on a keyframe.
    for (const piece of pieces) if (piece.kind === 'copy') expect(piece.fromFrame % 24).toBe(0);
  });

  it('merges windows that would overlap and never leaves an empty copy', () => {
    const input = { clipFrames: [72, 24, 53, 36], transitionFrames: 12, gopFrames: 24 };
    const pieces = planPieces(input);
    expect(pieces.map((piece) => piece.kind)).toEqual(['copy', 'window', 'copy', 'window', 'copy']);
    expect(pieces[1]).toMatchObject({ ranges: [{ clip: 0, fromFrame: 60 }, { clip: 1, fromFrame: 0, toFrame: 24 }, { clip: 2, toFrame: 24 }] });
    expect(pieces[3]).toMatchObject({ ranges: [{ clip: 2, fromFrame: 41, toFrame: 53 }, { clip: 3, fromFrame: 0, toFrame: 24 }] });
    expect(pieces.reduce((sum, piece) => sum + pieceFrames(piece), 0)).toBe(plannedFrameCount(input));
  });
});
