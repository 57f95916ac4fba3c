/**
 * The loudness gain moves in steps: two compiles whose sound measures a few hundredths of a dB
 * apart (a swapped join) get the same gain, so the sound they share stays byte-identical; and
 * the gain never misses the target by more than half a step.
 */
import { describe, expect, it } from 'vitest';
import { loudnessFilter } from '../../../server/media/audio-mix.ts';

const target = { targetLufs: -16, truePeakDb: -1 };
const measured = (inputI: number, inputTp = -20) => ({ inputI, inputTp, inputLra: 4, inputThresh: inputI - 10, targetOffset: 0 });
const gainOf = (filter: string) => Number(/volume=(-?[\d.]+)dB/.exec(filter)?.[1]);

describe('the loudness gain', () => {
  it('is the same for measurements a few hundredths of a dB apart', () => {
    expect(loudnessFilter(measured(-23.41), target)).toBe(loudnessFilter(measured(-23.43), target));
    expect(loudnessFilter(measured(-23.41, -9.02), target)).toBe(loudnessFilter(measured(-23.38, -8.99), target));
  });

  it('still brings the sound within 0.1 LU of the target', () => {
    for (const inputI of [-30, -27.37, -23.41, -19.95, -17.12, -16.04]) {
      const gain = gainOf(loudnessFilter(measured(inputI), target));
      expect(Math.abs(inputI + gain - target.targetLufs)).toBeLessThanOrEqual(0.1 + 1e-9);
    }
  });

  it('uses loudnorm rather than a gain when the peak would go over the limit', () => {
    expect(loudnessFilter(measured(-23, -3), target)).toMatch(/^loudnorm=/);
  });
});
