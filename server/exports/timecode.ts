/**
 * Times of the cut as the exports write them: frames on the record timeline, timecodes and
 * rational seconds at the episode's frame rate.
 */
import { toTimecode } from '../../src/lib/domain/timecode.ts';

/**
 * Non-drop-frame "HH:MM:SS:FF" of `frame` from `startFrame`, counted at the nominal rate (30 for
 * 29.97). Exports always write non-drop-frame timecode, so every tool counts frames the same way
 * and a timecode maps back to exactly one frame of the MP4.
 */
export function ndfTimecode(frame: number, fps: number, startFrame = 0): string {
  return toTimecode(frame, Math.max(1, Math.round(fps)), startFrame);
}

/** The frame rate as a fraction (24/1, 30000/1001 for 29.97), so frame times are exact. */
export function rateFraction(fps: number): { num: number; den: number } {
  if (Number.isInteger(fps)) return { num: fps, den: 1 };
  const nominal = Math.round(fps);
  if (Math.abs(fps - (nominal * 1000) / 1001) < 0.005) return { num: nominal * 1000, den: 1001 };
  return { num: Math.round(fps * 1000), den: 1000 };
}

/** `frames` as FCPXML rational seconds ("120/24s", "0s"). */
export function rationalSeconds(frames: number, fps: number): string {
  if (frames === 0) return '0s';
  const { num, den } = rateFraction(fps);
  return `${frames * den}/${num}s`;
}
