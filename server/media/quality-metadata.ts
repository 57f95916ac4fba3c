/**
 * Reads the files written by ffmpeg's `metadata=mode=print:file=…` and `ametadata=…` filters.
 * Analysis filters (blackframe, freezedetect, signalstats, blurdetect, scdet, ebur128,
 * silencedetect) publish their findings as frame metadata; printing it to a file gives the same
 * facts as their log lines without depending on log levels or on stderr, which `runFfmpeg` keeps
 * only for errors.
 */

/** One frame's printed metadata. */
export interface MetadataFrame {
  /** Frame index as printed (counted by the printing filter, from 0). */
  index: number;
  /** Presentation time in seconds; NaN when ffmpeg printed `NOPTS`. */
  ptsTime: number;
  /** Keys such as `lavfi.signalstats.YAVG` with their raw text values. */
  tags: Map<string, string>;
}

const FRAME_LINE = /^frame:\s*(\d+)\s+pts:\s*(\S+)\s+pts_time:\s*(\S+)/;

/**
 * Parses the text of a metadata print file. Lines that are neither a frame header nor `key=value`
 * are ignored, so a partially written last line cannot break the parse.
 */
export function parseMetadataPrint(text: string): MetadataFrame[] {
  const frames: MetadataFrame[] = [];
  let current: MetadataFrame | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const header = FRAME_LINE.exec(line);
    if (header) {
      current = { index: Number(header[1]), ptsTime: Number(header[3]), tags: new Map() };
      frames.push(current);
      continue;
    }
    const eq = line.indexOf('=');
    if (current && eq > 0) current.tags.set(line.slice(0, eq), line.slice(eq + 1).trim());
  }
  return frames;
}

/** The numeric value of `key` on `frame`, or undefined when absent or not a finite number. */
export function numericTag(frame: MetadataFrame, key: string): number | undefined {
  const text = frame.tags.get(key);
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Every finite value of `key` across `frames`, in frame order. */
export function numericSeries(frames: readonly MetadataFrame[], key: string): number[] {
  const values: number[] = [];
  for (const frame of frames) {
    const value = numericTag(frame, key);
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** Arithmetic mean, or null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/**
 * Total length of the intervals announced by a detector that tags `<prefix>_start` and
 * `<prefix>_end` (freezedetect, silencedetect), clipped to [0, endSeconds]. A start with no end
 * lasts until `endSeconds`: detectors in ffmpeg 5 announce a trailing interval only in their log.
 */
export function intervalSeconds(frames: readonly MetadataFrame[], startKey: string, endKey: string, endSeconds: number): number {
  let total = 0;
  let openedAt: number | undefined;
  for (const frame of frames) {
    const start = numericTag(frame, startKey);
    const end = numericTag(frame, endKey);
    // A frame can carry both: an interval ended and, at once, a new one began. End first.
    if (end !== undefined && openedAt !== undefined) {
      total += Math.max(0, Math.min(end, endSeconds) - Math.max(0, openedAt));
      openedAt = undefined;
    }
    if (start !== undefined && openedAt === undefined) openedAt = start;
  }
  if (openedAt !== undefined) total += Math.max(0, endSeconds - Math.max(0, openedAt));
  return Math.min(total, Math.max(0, endSeconds));
}
