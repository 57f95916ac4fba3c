/**
 * A small CMX 3600 reader for tests, written from the format's description and independent of
 * the writer: events (number, reel, channels, C or D with a length, source and record timecodes)
 * with the comment lines after them, and timecodes turned back into frames.
 */

export interface EdlEvent {
  number: number;
  reel: string;
  channels: string;
  kind: 'C' | 'D';
  /** Frames of the dissolve (D events), else 0. */
  dissolveFrames: number;
  sourceIn: string;
  sourceOut: string;
  recordIn: string;
  recordOut: string;
  comments: string[];
}

export interface Edl {
  title: string;
  fcm: string;
  events: EdlEvent[];
  /** Comments before the first event or after the last one's block (e.g. missing shots). */
  trailing: string[];
}

const EVENT = /^(\d{3,6})\s+(\S+)\s+(\S+)\s+(C|D)\s+(?:(\d{3})\s+)?(\d\d:\d\d:\d\d:\d\d)\s+(\d\d:\d\d:\d\d:\d\d)\s+(\d\d:\d\d:\d\d:\d\d)\s+(\d\d:\d\d:\d\d:\d\d)\s*$/;

export function readEdl(text: string): Edl {
  const edl: Edl = { title: '', fcm: '', events: [], trailing: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '') continue;
    if (line.startsWith('TITLE:')) edl.title = line.slice(6).trim();
    else if (line.startsWith('FCM:')) edl.fcm = line.slice(4).trim();
    else if (line.startsWith('*')) (edl.events.at(-1)?.comments ?? edl.trailing).push(line.slice(1).trim());
    else {
      const match = EVENT.exec(line);
      if (!match) throw new Error(`not a CMX 3600 event line: ${line}`);
      edl.events.push({
        number: Number(match[1]),
        reel: match[2]!,
        channels: match[3]!,
        kind: match[4] as 'C' | 'D',
        dissolveFrames: match[5] ? Number(match[5]) : 0,
        sourceIn: match[6]!,
        sourceOut: match[7]!,
        recordIn: match[8]!,
        recordOut: match[9]!,
        comments: [],
      });
    }
  }
  return edl;
}

/** Frames of a non-drop-frame timecode at `fps`. */
export function framesOfTimecode(timecode: string, fps: number): number {
  const [h, m, s, f] = timecode.split(':').map(Number) as [number, number, number, number];
  return ((h * 60 + m) * 60 + s) * fps + f;
}
