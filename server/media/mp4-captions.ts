/**
 * Reads an MP4's caption track (3GPP timed text, `tx3g`, which ffmpeg writes for `mov_text`)
 * straight from the file: the index gives each sample's time and place, and a sample is a 16-bit
 * length and that many bytes of UTF-8. A compile reads every clip's captions, and one ffmpeg run
 * per clip cost more than the rest of a compile that changed nothing. Anything this reader does not
 * fully understand (edit lists other than the plain one, several caption tracks, a `moov` it cannot
 * read) makes it return undefined, and the caller asks ffmpeg instead.
 */
import { open } from 'node:fs/promises';
import type { DialogueCue } from './dialogue-timing.ts';
import { boxes, child, path, readMoovQuietly, type Box } from './mp4-boxes.ts';

/** The caption track's handler name and cues; `cues` is empty for a track with only gaps. */
export interface Mp4Captions {
  handlerName: string;
  cues: DialogueCue[];
}

function u32(buffer: Buffer, offset: number): number {
  return buffer.readUInt32BE(offset);
}

/** The entries of a full box whose payload is a count followed by `count` records of `width` bytes. */
function table(buffer: Buffer, box: Box | undefined, width: number, skip = 0): number | undefined {
  if (!box) return undefined;
  const count = u32(buffer, box.start + 4 + skip);
  return box.start + 8 + skip + count * width <= box.end ? count : undefined;
}

/** Each sample's start and duration (track timescale) from `stts`. */
function sampleTimes(buffer: Buffer, stbl: Box): { start: number; duration: number }[] | undefined {
  const stts = child(buffer, stbl, 'stts');
  const entries = table(buffer, stts, 8);
  if (!stts || entries === undefined) return undefined;
  const times: { start: number; duration: number }[] = [];
  let at = 0;
  for (let i = 0; i < entries; i++) {
    const count = u32(buffer, stts.start + 8 + i * 8);
    const duration = u32(buffer, stts.start + 12 + i * 8);
    for (let n = 0; n < count; n++, at += duration) times.push({ start: at, duration });
  }
  return times;
}

/** Each sample's byte offset and size in the file, from `stsz`, `stsc` and `stco`/`co64`. */
function sampleLocations(buffer: Buffer, stbl: Box, samples: number): { offset: number; size: number }[] | undefined {
  const stsz = child(buffer, stbl, 'stsz');
  const stsc = child(buffer, stbl, 'stsc');
  const stco = child(buffer, stbl, 'stco');
  const co64 = child(buffer, stbl, 'co64');
  if (!stsz || !stsc || (!stco && !co64)) return undefined;
  const fixedSize = u32(buffer, stsz.start + 4);
  if (fixedSize === 0 && table(buffer, stsz, 4, 4) !== samples) return undefined;
  const sizeOf = (index: number) => (fixedSize !== 0 ? fixedSize : u32(buffer, stsz.start + 12 + index * 4));
  const chunkBox = (stco ?? co64)!;
  const chunks = table(buffer, chunkBox, stco ? 4 : 8);
  const runs = table(buffer, stsc, 12);
  if (chunks === undefined || runs === undefined) return undefined;
  const chunkOffset = (chunk: number) =>
    stco ? u32(buffer, chunkBox.start + 8 + chunk * 4) : Number(buffer.readBigUInt64BE(chunkBox.start + 8 + chunk * 8));

  const locations: { offset: number; size: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const firstChunk = u32(buffer, stsc.start + 8 + run * 12) - 1;
    const perChunk = u32(buffer, stsc.start + 12 + run * 12);
    const lastChunk = run + 1 < runs ? u32(buffer, stsc.start + 8 + (run + 1) * 12) - 1 : chunks;
    for (let chunk = firstChunk; chunk < lastChunk && chunk < chunks; chunk++) {
      let offset = chunkOffset(chunk);
      for (let n = 0; n < perChunk && locations.length < samples; n++) {
        const size = sizeOf(locations.length);
        locations.push({ offset, size });
        offset += size;
      }
    }
  }
  return locations.length === samples ? locations : undefined;
}

/** True when the track has no edit list, or only the plain one (the whole media from its start). */
function plainEdits(buffer: Buffer, trak: Box): boolean {
  const elst = path(buffer, trak, 'edts', 'elst');
  if (!elst) return true;
  const version = buffer[elst.start];
  const entries = u32(buffer, elst.start + 4);
  if (entries !== 1) return false;
  const mediaTime = version === 1 ? Number(buffer.readBigInt64BE(elst.start + 16)) : buffer.readInt32BE(elst.start + 12);
  return mediaTime === 0;
}

/** The speakers of a cue's rows (`SPEAKER: line`), as dialogue cues write them. */
function speakersOf(text: string): string {
  return text
    .split('\n')
    .map((row) => /^([^:]+):/.exec(row)?.[1])
    .filter((name): name is string => Boolean(name))
    .join(' / ');
}

const roundMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

/**
 * The first caption track of `file` with its handler name and cues (times in seconds, to the
 * millisecond, as WebVTT carries them); null when the file has no caption track; undefined when this
 * reader cannot tell (the caller should ask ffmpeg).
 */
export async function readMp4Captions(file: string): Promise<Mp4Captions | null | undefined> {
  const read = await readMoovQuietly(file);
  if (!read) return undefined;
  const { moov } = read;
  try {
    const traks = [...boxes(moov, 8, moov.length)].filter((box) => box.type === 'trak');
    const captionTracks = traks.filter((trak) => {
      const hdlr = path(moov, trak, 'mdia', 'hdlr');
      return hdlr !== undefined && moov.toString('latin1', hdlr.start + 8, hdlr.start + 12) === 'sbtl';
    });
    if (captionTracks.length === 0) return null;
    const trak = captionTracks[0]!;
    const mdia = child(moov, trak, 'mdia')!;
    const hdlr = child(moov, mdia, 'hdlr')!;
    const mdhd = child(moov, mdia, 'mdhd');
    const stbl = path(moov, mdia, 'minf', 'stbl');
    const stsd = stbl && child(moov, stbl, 'stsd');
    if (!mdhd || !stbl || !stsd || !plainEdits(moov, trak)) return undefined;
    const entry = boxes(moov, stsd.start + 8, stsd.end).next().value;
    if (u32(moov, stsd.start + 4) !== 1 || entry?.type !== 'tx3g') return undefined;
    const timescale = u32(moov, mdhd.start + (moov[mdhd.start] === 1 ? 20 : 12));
    const times = sampleTimes(moov, stbl);
    if (!(timescale > 0) || !times) return undefined;
    const locations = sampleLocations(moov, stbl, times.length);
    if (!locations) return undefined;
    const handlerName = moov.toString('utf8', hdlr.start + 24, hdlr.end).replace(/\0[\s\S]*$/, '');

    const cues: DialogueCue[] = [];
    const handle = await open(file, 'r');
    try {
      for (const [index, { offset, size }] of locations.entries()) {
        if (size < 2) continue;
        const sample = Buffer.alloc(size);
        if ((await handle.read(sample, 0, size, offset)).bytesRead !== size) return undefined;
        const length = sample.readUInt16BE(0);
        if (length === 0) continue; // a gap between cues
        if (2 + length > size) return undefined;
        const text = sample
          .toString('utf8', 2, 2 + length)
          .split(/\r\n?|\n/)
          .filter((row) => row !== '')
          .join('\n');
        const { start, duration } = times[index]!;
        cues.push({ start: roundMs(start / timescale), end: roundMs((start + duration) / timescale), text, speaker: speakersOf(text) });
      }
    } finally {
      await handle.close();
    }
    return { handlerName, cues };
  } catch {
    return undefined;
  }
}
