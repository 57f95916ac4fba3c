import { describe, expect, it } from 'vitest';
import { anchorLabel, anchorWords } from '../../../../src/lib/notes/note-anchor.ts';

describe('note anchors in words', () => {
  it('a frame, a range and the whole take', () => {
    expect(anchorWords({ frame_in: 37, frame_out: 37 }, 24, 0)).toBe('at 00:00:01:13');
    expect(anchorWords({ frame_in: 37, frame_out: null }, 24, 0)).toBe('at 00:00:01:13');
    expect(anchorWords({ frame_in: 37, frame_out: 48 }, 24, 0)).toBe('00:00:01:13–00:00:02:00');
    expect(anchorWords({ frame_in: null, frame_out: null }, 24, 0)).toBe('whole take');
  });

  it('counts from the episode’s timecode start', () => {
    expect(anchorWords({ frame_in: 0, frame_out: 0 }, 24, 86400)).toBe('at 01:00:00:00');
  });

  it('names the take a note was written on when another is shown', () => {
    expect(anchorLabel({ version: 1, frame_in: 59, frame_out: 59 }, 2, 24, 0)).toBe('on v1 at 00:00:02:11');
    expect(anchorLabel({ version: 2, frame_in: 59, frame_out: 59 }, 2, 24, 0)).toBe('at 00:00:02:11');
    expect(anchorLabel({ version: 1, frame_in: null, frame_out: null }, 2, 24, 0)).toBe('on v1 whole take');
  });
});
