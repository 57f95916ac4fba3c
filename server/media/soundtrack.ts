/**
 * The compiled video's sound, built from pieces kept between compiles: the clips' decoded sound
 * joined with crossfades at the same times as the picture's transitions (soundtrack-pieces.ts),
 * music and loudness over the whole (audio-mix.ts), and AAC encoded in cached chunks
 * (aac-chunks.ts). A compile after a reorder or a swapped take decodes no clip again, renders
 * only the joins whose neighbours changed and encodes only the stretches whose sound changed.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeAacChunked, type AacChunkStats } from './aac-chunks.ts';
import { finishSoundtrack, type LoudnessTarget } from './audio-mix.ts';
import { assembleSoundtrack, type SoundClip, type SoundPieceStats } from './soundtrack-pieces.ts';
import type { TransitionCache } from './transitions.ts';

export type SoundtrackStats = SoundPieceStats & AacChunkStats;

export interface SoundtrackOptions {
  clips: SoundClip[];
  /** Sample frames each join crossfades (join i between clip i and clip i + 1); 0 joins end to end. */
  overlapSamples: readonly number[];
  totalSeconds: number;
  music?: { path: string; volumeDb: number };
  loudness?: LoudnessTarget;
  /** The compile's private scratch folder. */
  dir: string;
  cache: TransitionCache | undefined;
  /** Pieces made here, offered to the cache once the whole compile has succeeded. */
  toCache: [key: string, path: string][];
  signal: AbortSignal;
  onProgress: (fraction: number) => void;
}

/** Writes the compiled sound as an ADTS stream (AAC, 48 kHz stereo, priming packet first) to `outputPath`. */
export async function renderSoundtrack(outputPath: string, options: SoundtrackOptions): Promise<SoundtrackStats> {
  const { dir, signal } = options;
  const joined = join(dir, 'soundtrack-joined.pcm');
  const pieces = await assembleSoundtrack(options, joined);
  options.onProgress(0.2);
  const finished = await finishSoundtrack(joined, options.totalSeconds, {
    ...(options.music ? { music: options.music } : {}),
    ...(options.loudness ? { loudness: options.loudness } : {}),
    workDir: dir,
    signal,
    onProgress: (fraction) => options.onProgress(0.2 + 0.3 * fraction),
  });
  options.onProgress(0.5);
  const chunks = await encodeAacChunked(finished, outputPath, { dir, cache: options.cache, toCache: options.toCache, signal });
  // The cache keeps its own copies; the intermediate PCM is not needed any more.
  await Promise.all([joined, finished].map((path) => rm(path, { force: true })));
  return { ...pieces, ...chunks };
}
