/**
 * A take's picture shape: from its parameters, else its measured file, else the loaded video.
 */
import { describe, expect, it } from 'vitest';
import { takeShape } from '../../../src/lib/take-shape.ts';

describe('take shape', () => {
  it('reads the size the take was made with first', () => {
    expect(takeShape({ width: 720, height: 1280 }, '1280x720')).toEqual({ width: 720, height: 1280, vertical: true });
  });

  it('falls back to the measured resolution, then to the video itself', () => {
    expect(takeShape({ prompt: 'a gull' }, '1080x1920')).toEqual({ width: 1080, height: 1920, vertical: true });
    expect(takeShape({}, '640x360')).toEqual({ width: 640, height: 360, vertical: false });
    expect(takeShape({}, null, { width: 360, height: 640 })).toEqual({ width: 360, height: 640, vertical: true });
  });

  it('treats a square as not vertical, and ignores sizes that are not sizes', () => {
    expect(takeShape({}, '512x512')?.vertical).toBe(false);
    expect(takeShape({ width: '720', height: 1280 }, 'big', { width: 0, height: 0 })).toBeUndefined();
    expect(takeShape({}, null)).toBeUndefined();
  });
});
