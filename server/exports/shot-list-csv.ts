/**
 * The cut as a CSV shot list (RFC 4180, CRLF rows, UTF-8): one row per approved take in playing
 * order with its place on the cut, what the shot is (size, camera), its dialogue, the take's
 * decision and open notes, and what made it.
 */
import type { CutModel } from './cut-model.ts';
import { ndfTimecode } from './timecode.ts';

export const SHOT_LIST_COLUMNS = [
  'scene',
  'shot',
  'shot_in_scene',
  'scene_heading',
  'size',
  'camera',
  'camera_note',
  'record_in',
  'record_out',
  'frames',
  'dialogue',
  'take_version',
  'decision',
  'open_notes',
  'provider',
  'model',
  'seed',
  'prompt',
] as const;

/**
 * One CSV field: quoted when it holds a comma, quote or line break; text a spreadsheet would run
 * as a formula (starting with =, +, - or @) is prefixed with an apostrophe.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The shot list as CSV text with a header row. */
export function shotListCsv(model: CutModel): string {
  const rec = (frame: number) => ndfTimecode(frame, model.fps, model.timecodeStartFrame);
  const rows = model.clips.map((clip) => [
    clip.sceneNumber,
    clip.shotNumber,
    clip.numberInScene,
    clip.sceneHeading,
    clip.size,
    clip.camera,
    clip.cameraNote,
    rec(clip.recordStart),
    rec(clip.recordStart + clip.recordFrames),
    clip.recordFrames,
    clip.dialogue,
    clip.version,
    clip.decision,
    clip.notes
      .filter((note) => !note.resolved)
      .map((note) => `${note.frameIn === null ? 'whole take' : `frames ${note.frameIn}-${note.frameOut ?? note.frameIn}`}: ${note.text} (${note.author})`)
      .join('\n'),
    clip.provider,
    clip.model,
    clip.seed,
    clip.prompt,
  ]);
  return [SHOT_LIST_COLUMNS, ...rows].map((row) => row.map((value) => csvField(value)).join(',')).join('\r\n') + '\r\n';
}
