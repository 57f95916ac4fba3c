/**
 * Reads the facts the smart compile needs (tracks, size, rate, frame count, keyframes) straight
 * from an MP4's index (the `moov` box) without starting ffprobe. A compile checks every clip
 * before joining, and one ffprobe per clip costs more than the rest of a warm compile; reading a
 * few kilobytes of index costs nothing. Anything this reader does not fully understand makes it
 * return undefined, and the caller asks ffprobe instead.
 */
import { boxes, child, path, readMoovQuietly, type Box } from './mp4-boxes.ts';
import type { MediaInfo } from './probe.ts';

export interface Mp4Index {
  info: MediaInfo;
  /** Frame numbers of the video track's sync samples (keyframes), ascending. */
  keyframes: number[];
}

/** Unsigned Exp-Golomb reader over an H.264 RBSP (emulation-prevention bytes removed). */
class BitReader {
  #bytes: number[];
  #bit = 0;
  constructor(nal: Buffer) {
    this.#bytes = [];
    for (let i = 0; i < nal.length; i++) {
      if (i >= 2 && nal[i] === 3 && nal[i - 1] === 0 && nal[i - 2] === 0) continue;
      this.#bytes.push(nal[i]!);
    }
  }
  bits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) {
      const byte = this.#bytes[this.#bit >> 3];
      if (byte === undefined) throw new RangeError('past the end of the parameter set');
      value = value * 2 + ((byte >> (7 - (this.#bit & 7))) & 1);
      this.#bit++;
    }
    return value;
  }
  ue(): number {
    let zeros = 0;
    while (this.bits(1) === 0) if (++zeros > 31) throw new RangeError('bad Exp-Golomb code');
    return 2 ** zeros - 1 + this.bits(zeros);
  }
}

/** The pixel format ffprobe would report for an SPS, when it is one of the common 4:2:0 ones. */
function spsPixelFormat(sps: Buffer): string | undefined {
  const reader = new BitReader(sps);
  reader.bits(8); // NAL header
  const profile = reader.bits(8);
  reader.bits(16); // constraint flags, level
  reader.ue(); // seq_parameter_set_id
  let chroma = 1;
  let depth = 8;
  if ([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profile)) {
    chroma = reader.ue();
    if (chroma === 3) reader.bits(1);
    depth = 8 + reader.ue();
  }
  if (chroma === 1 && depth === 8) return 'yuv420p';
  if (chroma === 1 && depth === 10) return 'yuv420p10le';
  return undefined;
}

/** Reads a descriptor length of an `esds` box (1 to 4 bytes, 7 bits each). */
function descriptorLength(buffer: Buffer, offset: number): { length: number; next: number } {
  let length = 0;
  let next = offset;
  for (let i = 0; i < 4; i++) {
    const byte = buffer[next++]!;
    length = (length << 7) | (byte & 0x7f);
    if (!(byte & 0x80)) break;
  }
  return { length, next };
}

/** True when an `mp4a` sample entry's `esds` declares MPEG-4 audio (AAC, object type 0x40). */
function isAacEntry(buffer: Buffer, entry: Box): boolean {
  // AudioSampleEntry: 28 bytes of fields after the box header, then child boxes.
  const esds = [...boxes(buffer, entry.start + 28, entry.end)].find((box) => box.type === 'esds');
  if (!esds) return false;
  let offset = esds.start + 4;
  if (buffer[offset] !== 0x03) return false;
  offset = descriptorLength(buffer, offset + 1).next;
  const flags = buffer[offset + 2]!;
  offset += 3;
  if (flags & 0x80) offset += 2; // dependsOn_ES_ID
  if (flags & 0x40) offset += 1 + buffer[offset]!; // URL
  if (flags & 0x20) offset += 2; // OCR_ES_ID
  if (buffer[offset] !== 0x04) return false;
  return buffer[descriptorLength(buffer, offset + 1).next] === 0x40;
}

interface Track {
  handler: string;
  timescale: number;
  sampleEntry: Box;
  sampleEntryType: string;
  stbl: Box;
}

function readTrack(buffer: Buffer, trak: Box): Track | undefined {
  const mdia = child(buffer, trak, 'mdia');
  const mdhd = path(buffer, mdia, 'mdhd');
  const hdlr = path(buffer, mdia, 'hdlr');
  const stbl = path(buffer, mdia, 'minf', 'stbl');
  const stsd = stbl && child(buffer, stbl, 'stsd');
  if (!mdhd || !hdlr || !stbl || !stsd) return undefined;
  const version = buffer[mdhd.start];
  const timescale = buffer.readUInt32BE(mdhd.start + (version === 1 ? 20 : 12));
  const handler = buffer.toString('latin1', hdlr.start + 8, hdlr.start + 12);
  if (buffer.readUInt32BE(stsd.start + 4) !== 1) return undefined;
  const entry = boxes(buffer, stsd.start + 8, stsd.end).next().value;
  if (!entry || !(timescale > 0)) return undefined;
  return { handler, timescale, sampleEntry: entry, sampleEntryType: entry.type, stbl };
}

/** Sample durations (in the track's timescale) from `stts`, and their sum. */
function sampleTiming(buffer: Buffer, stbl: Box): { samples: number; duration: number } | undefined {
  const stts = child(buffer, stbl, 'stts');
  if (!stts) return undefined;
  const entries = buffer.readUInt32BE(stts.start + 4);
  if (stts.start + 8 + entries * 8 > stts.end) return undefined;
  let samples = 0;
  let duration = 0;
  for (let i = 0; i < entries; i++) {
    const count = buffer.readUInt32BE(stts.start + 8 + i * 8);
    samples += count;
    duration += count * buffer.readUInt32BE(stts.start + 12 + i * 8);
  }
  return { samples, duration };
}

function syncSamples(buffer: Buffer, stbl: Box, samples: number): number[] {
  const stss = child(buffer, stbl, 'stss');
  // No stss: every sample is a sync sample.
  if (!stss) return Array.from({ length: samples }, (_, index) => index);
  const entries = buffer.readUInt32BE(stss.start + 4);
  const frames: number[] = [];
  for (let i = 0; i < entries && stss.start + 12 + i * 4 <= stss.end; i++) frames.push(buffer.readUInt32BE(stss.start + 8 + i * 4) - 1);
  return frames.sort((a, b) => a - b);
}

/**
 * The index facts of an MP4 with one H.264 video track (and at most one audio track), or undefined
 * when the file is anything else or its index cannot be read this way (ffprobe will know more).
 * Edit lists are not applied: the files this is used for start both tracks at zero, and
 * `durationSeconds` is the video track's length.
 */
export async function readMp4Index(file: string): Promise<Mp4Index | undefined> {
  const read = await readMoovQuietly(file);
  if (!read) return undefined;
  const { moov, fileSize } = read;
  try {
    const root: Box = { type: 'moov', start: 8, end: moov.length };
    const tracks = [...boxes(moov, root.start, root.end)].filter((box) => box.type === 'trak').map((trak) => readTrack(moov, trak));
    if (tracks.some((track) => !track)) return undefined;
    const video = tracks.filter((track) => track!.handler === 'vide');
    const audio = tracks.filter((track) => track!.handler === 'soun');
    // Chapter tracks ('text') and caption tracks ('sbtl') are allowed; any other kind of track is left to ffprobe.
    const other = tracks.filter((track) => !['vide', 'soun', 'text', 'sbtl'].includes(track!.handler));
    if (video.length !== 1 || audio.length > 1 || other.length > 0) return undefined;
    const v = video[0]!;
    if (v.sampleEntryType !== 'avc1') return undefined;
    const entry = v.sampleEntry;
    const width = moov.readUInt16BE(entry.start + 24);
    const height = moov.readUInt16BE(entry.start + 26);
    const avcC = [...boxes(moov, entry.start + 78, entry.end)].find((box) => box.type === 'avcC');
    if (!avcC || (moov[avcC.start + 5]! & 0x1f) < 1) return undefined;
    const spsLength = moov.readUInt16BE(avcC.start + 6);
    const pixFmt = spsPixelFormat(moov.subarray(avcC.start + 8, avcC.start + 8 + spsLength));
    const timing = sampleTiming(moov, v.stbl);
    if (!pixFmt || !timing || timing.samples === 0 || timing.duration === 0) return undefined;
    const videoSeconds = timing.duration / v.timescale;

    const info: MediaInfo = {
      durationSeconds: videoSeconds,
      sizeBytes: fileSize,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      video: { codec: 'h264', width, height, fps: timing.samples / videoSeconds, pixFmt, frames: timing.samples },
    };
    const a = audio[0];
    if (a) {
      if (a.sampleEntryType !== 'mp4a' || !isAacEntry(moov, a.sampleEntry)) return undefined;
      const channels = moov.readUInt16BE(a.sampleEntry.start + 16);
      const sampleRate = moov.readUInt32BE(a.sampleEntry.start + 24) >>> 16;
      info.audio = { codec: 'aac', sampleRate, channels };
    }
    return { info, keyframes: syncSamples(moov, v.stbl, timing.samples) };
  } catch {
    return undefined;
  }
}
