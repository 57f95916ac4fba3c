/**
 * Where a note points, in words: a frame or a range as timecode, or the whole take; with the take
 * it was written on when that is not the take shown.
 */
import { toTimecode } from '../domain/timecode.ts';

/** The timecode words of a note's anchor: "at 00:00:01:13", "00:00:01:13–00:00:02:00" or "whole take". */
export function anchorWords(note: { frame_in: number | null; frame_out: number | null }, fps: number, startFrame: number): string {
  if (note.frame_in === null) return 'whole take';
  const from = toTimecode(note.frame_in, fps, startFrame);
  if (note.frame_out === null || note.frame_out === note.frame_in) return `at ${from}`;
  return `${from}–${toTimecode(note.frame_out, fps, startFrame)}`;
}

/** The anchor with the note's take in front when it was written on another take: "on v1 at 00:00:02:11". */
export function anchorLabel(note: { version: number; frame_in: number | null; frame_out: number | null }, shownVersion: number, fps: number, startFrame: number): string {
  const words = anchorWords(note, fps, startFrame);
  return note.version === shownVersion ? words : `on v${note.version} ${words}`;
}
