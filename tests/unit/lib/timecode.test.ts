/**
 * Timecodes written out by hand: each expected string or frame is worked out from the SMPTE
 * counting rules, not computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { frameAt, isDropFrame, parseTimecode, secondsOf, toTimecode } from '../../../src/lib/domain/timecode.ts';

const NTSC = 30000 / 1001;

describe('timecode', () => {
  it('counts frames at 24, 25 and 30 fps', () => {
    expect(toTimecode(0, 24)).toBe('00:00:00:00');
    expect(toTimecode(59, 24)).toBe('00:00:02:11');
    expect(toTimecode(24 * 3600 + 23, 24)).toBe('01:00:00:23');
    expect(toTimecode(37, 25)).toBe('00:00:01:12');
    expect(toTimecode(25 * 61, 25)).toBe('00:01:01:00');
    expect(toTimecode(89, 30)).toBe('00:00:02:29');
  });

  it('starts from a configured frame such as 86400 (01:00:00:00 at 24 fps) or 1001', () => {
    expect(toTimecode(0, 24, 86400)).toBe('01:00:00:00');
    expect(toTimecode(37, 24, 86400)).toBe('01:00:01:13');
    expect(toTimecode(0, 24, 1001)).toBe('00:00:41:17');
    expect(toTimecode(0, 25, 1001)).toBe('00:00:40:01');
  });

  it('wraps at 24 hours', () => {
    expect(toTimecode(24 * 3600 * 24 + 5, 24)).toBe('00:00:00:05');
  });

  it('writes 29.97 as drop-frame, skipping ;00 and ;01 except every tenth minute', () => {
    expect(isDropFrame(NTSC)).toBe(true);
    expect(isDropFrame(30)).toBe(false);
    expect(toTimecode(1799, NTSC)).toBe('00:00:59;29');
    expect(toTimecode(1800, NTSC)).toBe('00:01:00;02');
    expect(toTimecode(3597, NTSC)).toBe('00:01:59;29');
    expect(toTimecode(3598, NTSC)).toBe('00:02:00;02');
    expect(toTimecode(17982, NTSC)).toBe('00:10:00;00');
    expect(toTimecode(107892, NTSC)).toBe('01:00:00;00');
  });

  it('parses timecodes back to frames', () => {
    expect(parseTimecode('00:00:02:11', 24)).toBe(59);
    expect(parseTimecode('01:00:00:00', 24)).toBe(86400);
    expect(parseTimecode('00:00:40:01', 25)).toBe(1001);
    expect(parseTimecode('00:01:00;02', NTSC)).toBe(1800);
    expect(parseTimecode('00:10:00;00', NTSC)).toBe(17982);
    expect(parseTimecode('01:00:00;00', NTSC)).toBe(107892);
  });

  it('refuses text that is not a timecode or a dropped drop-frame number', () => {
    expect(() => parseTimecode('2.5', 24)).toThrow(RangeError);
    expect(() => parseTimecode('00:00:00:24', 24)).toThrow(/frames to 23/);
    expect(() => parseTimecode('00:61:00:00', 24)).toThrow(RangeError);
    expect(() => parseTimecode('00:01:00;00', NTSC)).toThrow(/drop-frame/);
    expect(() => toTimecode(-1, 24)).toThrow(RangeError);
    expect(() => toTimecode(1.5, 24)).toThrow(RangeError);
  });

  it('maps seconds to frames and seeks to the middle of a frame', () => {
    expect(frameAt(0, 24)).toBe(0);
    expect(frameAt(37 / 24, 24)).toBe(37);
    expect(frameAt(1.5, 24)).toBe(36);
    expect(secondsOf(37, 24)).toBeCloseTo(37.5 / 24, 12);
    expect(frameAt(secondsOf(37, 24), 24)).toBe(37);
  });
});
