/**
 * J/K/L shuttle: which way and how fast each key leaves the playhead, and where backward
 * playback stands after a while.
 */
import { describe, expect, it } from 'vitest';
import { faster, reverseTarget, shuttleKey } from '../../../src/lib/shuttle.ts';

describe('shuttle', () => {
  it('L plays forward at the chosen speed, then doubles it up to 4×', () => {
    const still = { direction: 0 as const, rate: 1 };
    const once = shuttleKey(still, 'l');
    expect(once).toEqual({ direction: 1, rate: 1 });
    const twice = shuttleKey(once, 'l');
    expect(twice).toEqual({ direction: 1, rate: 2 });
    const thrice = shuttleKey(twice, 'l');
    expect(thrice).toEqual({ direction: 1, rate: 4 });
    expect(shuttleKey(thrice, 'l')).toEqual({ direction: 1, rate: 4 });
    // A speed chosen in the menu is where L starts.
    expect(shuttleKey({ direction: 0, rate: 0.5 }, 'l')).toEqual({ direction: 1, rate: 0.5 });
  });

  it('J plays backward, faster each press; a change of way keeps the speed', () => {
    expect(shuttleKey({ direction: 0, rate: 1 }, 'j')).toEqual({ direction: -1, rate: 1 });
    expect(shuttleKey({ direction: -1, rate: 1 }, 'j')).toEqual({ direction: -1, rate: 2 });
    expect(shuttleKey({ direction: -1, rate: 4 }, 'j')).toEqual({ direction: -1, rate: 4 });
    expect(shuttleKey({ direction: 1, rate: 2 }, 'j')).toEqual({ direction: -1, rate: 2 });
    expect(shuttleKey({ direction: -1, rate: 2 }, 'l')).toEqual({ direction: 1, rate: 2 });
  });

  it('K stops and goes back to 1× from any speed and way', () => {
    expect(shuttleKey({ direction: 1, rate: 4 }, 'k')).toEqual({ direction: 0, rate: 1 });
    expect(shuttleKey({ direction: -1, rate: 2 }, 'k')).toEqual({ direction: 0, rate: 1 });
    expect(shuttleKey({ direction: 0, rate: 0.25 }, 'k')).toEqual({ direction: 0, rate: 1 });
  });

  it('speeds up to a speed the player offers', () => {
    expect(faster(0.25)).toBe(0.5);
    expect(faster(0.5)).toBe(1);
    expect(faster(1)).toBe(2);
    expect(faster(1.5)).toBe(4);
    expect(faster(2)).toBe(4);
    expect(faster(4)).toBe(4);
  });

  it('moves backward by whole frames at the chosen speed, and stops at the start', () => {
    // 24 fps, from 2 s: half a second at 1× is 12 frames back, at 2× 24 frames.
    expect(reverseTarget(2, 0.5, 1, 24)).toBeCloseTo(1.5, 9);
    expect(reverseTarget(2, 0.5, 2, 24)).toBeCloseTo(1, 9);
    // A twentieth of a second at 1× is 1.2 frames: one frame back (47/24 s).
    expect(reverseTarget(2, 0.05, 1, 24)).toBeCloseTo(47 / 24, 9);
    expect(reverseTarget(1, 5, 4, 24)).toBe(0);
  });
});
