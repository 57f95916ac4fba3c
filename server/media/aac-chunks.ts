/**
 * AAC encoding of the compiled sound in cached chunks. Encoding is by far the dearest step of the
 * sound (about 1/20 of real time on one core), so a compile encodes only the stretches whose PCM
 * changed and reuses the packets of the others.
 *
 * AAC codes 1024-sample blocks with overlapping transforms: the packet for block k also covers
 * its neighbours' samples. A chunk (a run of blocks on a fixed grid from the start) is therefore
 * encoded from a little before it to a little after it (pre-roll and look-ahead, so that the
 * encoder sees the same signal around every kept block as a single run would), and only the
 * packets of its own blocks are kept. Its cache key is the hash of all the PCM it was encoded
 * from, so a packet is reused only where the sound around it is the same. Consecutive chunks that
 * must be encoded are encoded by one ffmpeg run. The chunks' packets, joined, make an ADTS stream
 * that decodes like one encode of the whole; its first packet is the encoder's priming, which the
 * mux skips with an edit list (see `AAC_PRIMING_SAMPLES`).
 */
import { createHash } from 'node:crypto';
import { open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from './ffmpeg.ts';
import { filter } from './filtergraph.ts';
import { BYTES_PER_FRAME, SAMPLE_RATE } from './soundtrack-pieces.ts';
import { cacheKey, type TransitionCache } from './transitions.ts';

const BLOCK = 1024;
/** Samples ffmpeg's AAC encoder puts before the sound; the muxed track must start this much early. */
export const AAC_PRIMING_SAMPLES = 1024;
/** About two seconds per chunk: a change re-encodes little, and a cold compile needs few runs anyway. */
const CHUNK_BLOCKS = 96;
/** Blocks of context encoded before and after a chunk and thrown away. */
const PREROLL_BLOCKS = 8;
const LOOKAHEAD_BLOCKS = 8;
/** Bumped whenever the encoding or the chunking changes. */
const CHUNK_FORMAT_VERSION = 1;

/**
 * AAC settings of the compiled sound: the "fast" coder (the default two-loop search costs a third
 * more time) and no mid/side stereo decision per band (another third). At 160 kb/s neither is
 * audible.
 */
function aacArgs(): string[] {
  return ['-c:a', 'aac', '-aac_coder', 'fast', '-aac_ms', '0', '-b:a', '160k', '-ar', String(SAMPLE_RATE), '-ac', '2'];
}

export interface AacChunkStats {
  chunksEncoded: number;
  chunksReused: number;
}

interface Chunk {
  /** Blocks [start, end) of the sound. */
  start: number;
  end: number;
  key: string;
  path: string;
  cached: boolean;
}

/**
 * Encodes the raw PCM at `pcmPath` to an ADTS stream at `outputPath`, reusing cached chunks.
 * Chunks encoded here are added to `toCache`.
 */
export async function encodeAacChunked(
  pcmPath: string,
  outputPath: string,
  options: { dir: string; cache: TransitionCache | undefined; toCache: [string, string][]; signal: AbortSignal },
): Promise<AacChunkStats> {
  const samples = (await stat(pcmPath)).size / BYTES_PER_FRAME;
  const blocks = Math.max(1, Math.ceil(samples / BLOCK));
  const chunks: Chunk[] = [];
  const buffer = Buffer.alloc(1 << 20);
  for (let start = 0, index = 0; start < blocks; start += CHUNK_BLOCKS, index++) {
    const end = Math.min(blocks, start + CHUNK_BLOCKS);
    const [from, to] = encodedRange(start, end, blocks, samples);
    const key = cacheKey({
      version: CHUNK_FORMAT_VERSION,
      kind: 'aac-chunk',
      encoder: aacArgs(),
      first: start === 0,
      last: end === blocks,
      context: [start - from / BLOCK, to - end * BLOCK],
      pcm: await hashRange(pcmPath, from * BYTES_PER_FRAME, to * BYTES_PER_FRAME, buffer),
    });
    const cached = await options.cache?.get(key);
    chunks.push({ start, end, key, path: cached ?? join(options.dir, `aac-${index}.adts`), cached: cached !== undefined });
  }

  // Each stretch of chunks not in the cache is one encoder's run; all the runs share one ffmpeg
  // (one output each, so each encodes exactly as it would alone), which saves a process start per
  // stretch: a swap of two takes changes two stretches.
  const runs: Chunk[][] = [];
  for (let index = 0; index < chunks.length; ) {
    if (chunks[index]!.cached) {
      index++;
      continue;
    }
    let last = index;
    while (last + 1 < chunks.length && !chunks[last + 1]!.cached) last++;
    runs.push(chunks.slice(index, last + 1));
    index = last + 1;
  }
  if (runs.length > 0) await encodeRuns(pcmPath, runs, blocks, samples, options.signal);
  for (const chunk of runs.flat()) options.toCache.push([chunk.key, chunk.path]);
  const encoded = runs.flat().length;

  const parts = await Promise.all(chunks.map((chunk) => readFile(chunk.path)));
  await writeFile(outputPath, Buffer.concat(parts));
  return { chunksEncoded: encoded, chunksReused: chunks.length - encoded };
}

/** Sample frames [from, to) a chunk of blocks [start, end) is encoded from. */
function encodedRange(start: number, end: number, blocks: number, samples: number): [number, number] {
  const from = Math.max(0, start - PREROLL_BLOCKS) * BLOCK;
  const to = end === blocks ? samples : Math.min(samples, (end + LOOKAHEAD_BLOCKS) * BLOCK);
  return [from, to];
}

/**
 * Encodes each run of consecutive chunks (one input and one output per run, all in one ffmpeg) and
 * splits each run's packets among its chunks.
 */
async function encodeRuns(pcmPath: string, runs: Chunk[][], blocks: number, samples: number, signal: AbortSignal): Promise<void> {
  const ranges = runs.map((run) => [encodedRange(run[0]!.start, run[0]!.end, blocks, samples)[0], encodedRange(run.at(-1)!.start, run.at(-1)!.end, blocks, samples)[1]] as const);
  const outputs = runs.map((run) => `${run.at(-1)!.path}.run`);
  await runFfmpeg(
    [
      ...ranges.flatMap(([from]) => ['-f', 'f32le', '-ar', String(SAMPLE_RATE), '-ac', '2', '-skip_initial_bytes', String(from * BYTES_PER_FRAME), '-i', pcmPath]),
      ...ranges.flatMap(([from, to], index) => ['-map', `${index}:a:0`, '-af', filter('atrim', { end_sample: to - from }), ...aacArgs(), '-f', 'adts', outputs[index]!]),
    ],
    { signal, purpose: 'audio-encode', expectedDurationSeconds: ranges.reduce((sum, [from, to]) => sum + (to - from) / SAMPLE_RATE, 0) },
  );
  for (const [index, run] of runs.entries()) {
    const packets = splitAdts(await readFile(outputs[index]!));
    await rm(outputs[index]!, { force: true });
    // Packet q of a run starting at block r codes block r + q - 1 (packet 0 is the priming).
    const firstBlock = ranges[index]![0] / BLOCK;
    for (const chunk of run) {
      const begin = chunk.start === 0 ? 0 : chunk.start - firstBlock + 1;
      const stop = chunk.end === blocks ? packets.length : chunk.end - firstBlock + 1;
      if (stop > packets.length || begin >= stop) throw new Error('Internal error: the AAC encoder returned fewer packets than expected.');
      await writeFile(chunk.path, Buffer.concat(packets.slice(begin, stop)));
    }
  }
}

/** Splits an ADTS stream into its frames (each one AAC packet with its header). */
export function splitAdts(bytes: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let offset = 0;
  while (offset + 7 <= bytes.length) {
    if (bytes[offset] !== 0xff || ((bytes[offset + 1] ?? 0) & 0xf0) !== 0xf0) throw new Error('Internal error: not an ADTS stream.');
    const length = (((bytes[offset + 3] ?? 0) & 0x03) << 11) | ((bytes[offset + 4] ?? 0) << 3) | ((bytes[offset + 5] ?? 0) >> 5);
    if (length < 7 || offset + length > bytes.length) throw new Error('Internal error: a truncated ADTS frame.');
    frames.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return frames;
}

/** SHA-256 of bytes [start, end) of a file, read through one reused buffer. */
async function hashRange(path: string, start: number, end: number, buffer: Buffer): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'r');
  try {
    for (let position = start; position < end; ) {
      const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}
