/**
 * Captions: a clip's dialogue track as WebVTT, for a browser's `<track>`. A clip's captions are
 * its first subtitle track unless that track's handler name says the picture shows the same text
 * (the animatic with its subtitles burned in): that one is left to players that ask for it, so no
 * one sees the same line twice.
 */
import { readFile } from 'node:fs/promises';
import { runFfmpeg, runFfprobe } from './ffmpeg.ts';
import { readMp4Captions } from './mp4-captions.ts';
import type { DialogueCue } from './dialogue-timing.ts';
import { writeAtomically } from './temp-output.ts';

/** The handler name of a subtitle track whose text is also burned into the picture. */
export const BURNED_DIALOGUE_HANDLER = 'Dialogue (burned in)';

/** Whether `path` has a subtitle track to show as captions (its first, unless burned in). */
export async function hasCaptionTrack(path: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  const read = await readMp4Captions(path);
  if (read !== undefined) return read !== null && read.handlerName !== BURNED_DIALOGUE_HANDLER;
  const stdout = await runFfprobe(['-v', 'error', '-select_streams', 's:0', '-show_entries', 'stream=index:stream_tags=handler_name', '-of', 'json', path], options);
  const [stream] = (JSON.parse(stdout) as { streams?: { tags?: { handler_name?: string } }[] }).streams ?? [];
  return stream !== undefined && stream.tags?.handler_name !== BURNED_DIALOGUE_HANDLER;
}

/**
 * Writes the caption track of `input` as WebVTT to `output`; false (and nothing written) when the
 * clip has no caption track.
 */
export async function extractCaptions(input: string, output: string, options: { signal?: AbortSignal } = {}): Promise<boolean> {
  if (!(await hasCaptionTrack(input, options))) return false;
  await writeAtomically(output, (tempPath) => runFfmpeg(['-i', input, '-map', '0:s:0', '-c:s', 'webvtt', '-f', 'webvtt', tempPath], options));
  return true;
}

/** The cues of the caption track of `input` (none when it has none), through a WebVTT file at `tempPath`. */
export async function readCaptionCues(input: string, tempPath: string, options: { signal?: AbortSignal } = {}): Promise<DialogueCue[]> {
  // Straight from the MP4's index and samples where it can be read that way; ffmpeg otherwise.
  const read = await readMp4Captions(input);
  if (read !== undefined) return read === null || read.handlerName === BURNED_DIALOGUE_HANDLER ? [] : read.cues;
  if (!(await extractCaptions(input, tempPath, options))) return [];
  return parseWebVtt(await readFile(tempPath, 'utf8'));
}

const TIMING = /^\s*((?:\d+:)?\d{1,2}:\d{2}\.\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}\.\d{3})/;

function parseTimestamp(value: string): number {
  return value.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/**
 * The cues of a WebVTT text (the subset ffmpeg writes: optional identifiers, timings, text lines);
 * the speaker is what precedes `:` on each row, as dialogue cues write it.
 */
export function parseWebVtt(text: string): DialogueCue[] {
  const cues: DialogueCue[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const lines = block.split('\n');
    const timingAt = lines.findIndex((line) => TIMING.test(line));
    if (timingAt < 0) continue;
    const [, start, end] = TIMING.exec(lines[timingAt]!)!;
    const rows = lines.slice(timingAt + 1).filter((line) => line !== '');
    const speakers = rows.map((row) => /^([^:]+):/.exec(row)?.[1]).filter((name): name is string => Boolean(name));
    cues.push({ start: parseTimestamp(start!), end: parseTimestamp(end!), text: rows.join('\n'), speaker: speakers.join(' / ') });
  }
  return cues;
}
