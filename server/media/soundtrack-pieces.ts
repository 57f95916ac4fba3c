/**
 * The compiled sound built from pieces kept between compiles: every clip's audio decoded once to
 * PCM, and every crossfade join (the tail of what came before overlapping the head of the next
 * clip) rendered as its own small piece. The joined track is then written by streaming those
 * pieces' bytes one after the other, so no ffmpeg run ever opens more than a handful of clips,
 * and a reorder or a swapped take renders only the joins whose neighbours changed.
 *
 * PCM everywhere is raw 32-bit float, 48 kHz, stereo interleaved (8 bytes per sample frame).
 */
import { open, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runFfmpeg } from './ffmpeg.ts';
import { filter } from './filtergraph.ts';
import { cacheKey, type TransitionCache } from './transitions.ts';

export const SAMPLE_RATE = 48000;
export const BYTES_PER_FRAME = 8;
/** Bumped whenever decoding or joining changes, so stale cached pieces are never reused. */
const PIECE_FORMAT_VERSION = 1;
const PCM_FORMAT = 'f32le/48000/stereo';
/**
 * Clips decoded by one ffmpeg run: enough to share its start-up (most of the cost of decoding a
 * short clip's sound), few enough to keep its memory below a window render's (16 clips
 * of 720p take about 40 MB above ffmpeg's own, mostly their indexes).
 */
const DECODE_BATCH = 16;
const COPY_CHUNK_BYTES = 1 << 20;

export interface SoundClip {
  path: string;
  /** From fileIdentity. */
  identity: string;
  /** Sample frames used from the start of the clip (padded with silence when its sound is shorter). */
  samples: number;
  hasAudio: boolean;
}

export interface SoundPieceStats {
  clipsDecoded: number;
  clipsReused: number;
  joinsRendered: number;
  joinsReused: number;
}

/** A stretch of PCM: `[from, to)` sample frames of a file, or of silence when `path` is undefined. */
interface Segment {
  /** Names the content of the whole source (a cache key), so a range of it can be keyed too. */
  key: string;
  path: string | undefined;
  from: number;
  to: number;
}

export interface AssembleOptions {
  clips: SoundClip[];
  /** Sample frames of each join's crossfade (join i between clip i and clip i + 1); 0 joins end to end. */
  overlapSamples: readonly number[];
  /** Private scratch folder of the compile. */
  dir: string;
  cache: TransitionCache | undefined;
  /** Pieces rendered here, offered to the cache once the whole compile has succeeded. */
  toCache: [key: string, path: string][];
  signal: AbortSignal;
}

/** Writes the joined track (raw PCM) to `outputPath`; clips' audio and joins come from the cache when there. */
export async function assembleSoundtrack(options: AssembleOptions, outputPath: string): Promise<SoundPieceStats> {
  const { clips, overlapSamples } = options;
  const stats: SoundPieceStats = { clipsDecoded: 0, clipsReused: 0, joinsRendered: 0, joinsReused: 0 };
  const sources = await clipSources(options, stats);

  const timeline: Segment[] = [{ ...sources[0]!, from: 0, to: clips[0]!.samples }];
  for (let index = 1; index < clips.length; index++) {
    const source = sources[index]!;
    const samples = clips[index]!.samples;
    const overlap = overlapSamples[index - 1] ?? 0;
    if (overlap <= 0) {
      timeline.push({ ...source, from: 0, to: samples });
      continue;
    }
    const tail = takeTail(timeline, overlap);
    const head: Segment = { ...source, from: 0, to: overlap };
    const key = cacheKey({
      version: PIECE_FORMAT_VERSION,
      kind: 'sound-join',
      format: PCM_FORMAT,
      tail: tail.map((segment) => [segment.key, segment.from, segment.to]),
      head: [head.key, head.from, head.to],
      overlap,
      curve: 'tri',
    });
    let path = await options.cache?.get(key);
    if (path) {
      stats.joinsReused++;
      path = resolve(path);
    } else {
      path = join(options.dir, `join-${index}.pcm`);
      await writeFile(path, crossfade(await readSegments(tail, overlap), await readSegments([head], overlap)));
      options.toCache.push([key, path]);
      stats.joinsRendered++;
    }
    timeline.push({ key, path, from: 0, to: overlap }, { ...source, from: overlap, to: samples });
  }
  await writeSegments(timeline, outputPath);
  return stats;
}

/** Each clip's decoded audio: from the cache, decoded now (a few clips per ffmpeg run), or silence. */
async function clipSources(options: AssembleOptions, stats: SoundPieceStats): Promise<Omit<Segment, 'from' | 'to'>[]> {
  const sources: Omit<Segment, 'from' | 'to'>[] = [];
  const missing: { clip: SoundClip; path: string; key: string }[] = [];
  for (const [index, clip] of options.clips.entries()) {
    const key = cacheKey({ version: PIECE_FORMAT_VERSION, kind: 'clip-sound', format: PCM_FORMAT, file: clip.identity, samples: clip.samples, audio: clip.hasAudio });
    if (!clip.hasAudio) {
      sources.push({ key, path: undefined });
      continue;
    }
    const cached = await options.cache?.get(key);
    if (cached) {
      stats.clipsReused++;
      sources.push({ key, path: resolve(cached) });
      continue;
    }
    // The same clip twice in one compile is decoded once.
    const twin = missing.find((entry) => entry.key === key);
    const path = twin?.path ?? join(options.dir, `clip-${index}.pcm`);
    if (!twin) missing.push({ clip, path, key });
    sources.push({ key, path });
  }
  for (let start = 0; start < missing.length; start += DECODE_BATCH) {
    const batch = missing.slice(start, start + DECODE_BATCH);
    await decodeClips(batch, options.signal);
    for (const entry of batch) options.toCache.push([entry.key, entry.path]);
    stats.clipsDecoded += batch.length;
  }
  return sources;
}

/** Decodes each clip's first audio stream to exactly `samples` sample frames of PCM, in one ffmpeg run. */
async function decodeClips(batch: { clip: SoundClip; path: string }[], signal: AbortSignal): Promise<void> {
  const inputs = batch.flatMap(({ clip }) => ['-vn', '-i', resolve(clip.path)]);
  const outputs = batch.flatMap(({ clip, path }, index) => [
    '-map', `${index}:a:0`,
    '-af', [
      filter('aresample', { osr: SAMPLE_RATE }),
      filter('aformat', { sample_fmts: 'flt', sample_rates: SAMPLE_RATE, channel_layouts: 'stereo' }),
      'apad',
      filter('atrim', { end_sample: clip.samples }),
    ].join(','),
    '-c:a', 'pcm_f32le', '-f', 'f32le', path,
  ]);
  await runFfmpeg([...inputs, ...outputs], { signal, purpose: 'clip-audio' });
}

/** Removes the last `samples` sample frames from `timeline` (splitting a segment if needed) and returns them. */
function takeTail(timeline: Segment[], samples: number): Segment[] {
  const tail: Segment[] = [];
  let needed = samples;
  while (needed > 0) {
    const last = timeline.pop();
    if (!last) throw new Error('Internal error: a crossfade is longer than the sound before it.');
    const length = last.to - last.from;
    if (length <= needed) {
      tail.unshift(last);
      needed -= length;
    } else {
      timeline.push({ ...last, to: last.to - needed });
      tail.unshift({ ...last, from: last.to - needed });
      needed = 0;
    }
  }
  return tail;
}

/**
 * acrossfade's triangular (linear) crossfade over n sample frames: frame i keeps (n-1-i)/n of the
 * outgoing sound and takes i/n of the incoming one, computed in double and stored as float, as
 * ffmpeg does.
 */
function crossfade(outgoing: Float32Array, incoming: Float32Array): Float32Array {
  const frames = outgoing.length / 2;
  const mixed = new Float32Array(outgoing.length);
  for (let i = 0; i < frames; i++) {
    const gainOut = (frames - 1 - i) / frames;
    const gainIn = i / frames;
    mixed[2 * i] = outgoing[2 * i]! * gainOut + incoming[2 * i]! * gainIn;
    mixed[2 * i + 1] = outgoing[2 * i + 1]! * gainOut + incoming[2 * i + 1]! * gainIn;
  }
  return mixed;
}

/** Reads `samples` sample frames from consecutive segments into memory (only ever a crossfade's worth). */
async function readSegments(segments: Segment[], samples: number): Promise<Float32Array> {
  const bytes = Buffer.alloc(samples * BYTES_PER_FRAME);
  let offset = 0;
  for (const segment of segments) {
    const length = (segment.to - segment.from) * BYTES_PER_FRAME;
    if (segment.path) await readRange(segment.path, segment.from * BYTES_PER_FRAME, bytes.subarray(offset, offset + length));
    offset += length;
  }
  return new Float32Array(bytes.buffer, bytes.byteOffset, samples * 2);
}

async function readRange(path: string, position: number, into: Buffer): Promise<void> {
  const file = await open(path, 'r');
  try {
    let done = 0;
    while (done < into.length) {
      const { bytesRead } = await file.read(into, done, into.length - done, position + done);
      if (bytesRead === 0) throw new Error(`Internal error: ${path} holds less sound than expected.`);
      done += bytesRead;
    }
  } finally {
    await file.close();
  }
}

/**
 * Copies the segments' bytes into one file through one reused megabyte buffer, so writing a long
 * track leaves no garbage behind and memory stays flat whatever the length.
 */
async function writeSegments(timeline: Segment[], outputPath: string): Promise<void> {
  const out = await open(outputPath, 'w');
  const buffer = Buffer.alloc(COPY_CHUNK_BYTES);
  try {
    for (const segment of timeline) {
      const end = segment.to * BYTES_PER_FRAME;
      const source = segment.path ? await open(segment.path, 'r') : undefined;
      try {
        for (let position = segment.from * BYTES_PER_FRAME; position < end; ) {
          const length = Math.min(COPY_CHUNK_BYTES, end - position);
          const chunk = buffer.subarray(0, length);
          if (source) {
            const { bytesRead } = await source.read(chunk, 0, length, position);
            if (bytesRead === 0) throw new Error(`Internal error: ${segment.path} holds less sound than expected.`);
            await out.write(chunk, 0, bytesRead);
            position += bytesRead;
          } else {
            chunk.fill(0);
            await out.write(chunk, 0, length);
            position += length;
          }
        }
      } finally {
        await source?.close();
      }
    }
  } finally {
    await out.close();
  }
}
