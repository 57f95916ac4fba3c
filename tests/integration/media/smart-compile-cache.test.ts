import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observeFfmpegRuns } from '../../../server/media/ffmpeg.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { smartCompile, type SmartCompileClip, type SmartCompileOptions, type SmartCompileResult } from '../../../server/media/smart-compile.ts';
import { directoryTransitionCache } from '../../../server/media/transitions.ts';
import { decodeAudio, makeScratchDir, makeTestClip } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const FORMAT = { width: 320, height: 180, fps: 24 } as const;
const CLIP_SECONDS = 1.5;
const DISSOLVE_SECONDS = 0.5;
const RATE = 48000;

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
/** Eight normalized clips, each with its own tone, so that every join sounds different, and a line of dialogue. */
let clips: SmartCompileClip[];

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-compile-cache-');
  clips = Array.from({ length: 8 }, (_, index) => ({ path: join(scratch.dir, `clip-${index}.mp4`), durationSeconds: CLIP_SECONDS, chapterTitle: `Shot ${index + 1}` }));
  await Promise.all(
    clips.map(async (clip, index) => {
      const raw = join(scratch.dir, `clip-${index}.raw.mp4`);
      await makeTestClip(raw, { durationSeconds: CLIP_SECONDS, toneHz: 300 + 90 * index });
      const srt = join(scratch.dir, `clip-${index}.srt`);
      await writeFile(srt, `1\n00:00:00,000 --> 00:00:01,000\nMIKA: Line ${index + 1}.\n\n`);
      const captioned = join(scratch.dir, `clip-${index}.captioned.mp4`);
      await run('ffmpeg', ['-v', 'error', '-y', '-i', raw, '-i', srt, '-map', '0', '-map', '1', '-c', 'copy', '-c:s', 'mov_text', captioned]);
      await normalizeClip(captioned, clip.path, FORMAT);
    }),
  );
});
afterAll(() => scratch.cleanup());

function options(overrides: Partial<SmartCompileOptions> & { outputPath: string }): SmartCompileOptions {
  return { clips, transition: 'dissolve', transitionDurationSeconds: DISSOLVE_SECONDS, workDir: scratch.dir, ...FORMAT, ...overrides };
}

/** Compiles and counts the ffmpeg runs it made, by purpose. */
async function compileCounting(compile: SmartCompileOptions): Promise<{ result: SmartCompileResult; runs: Record<string, number> }> {
  const runs: Record<string, number> = {};
  const stop = observeFfmpegRuns((record) => {
    const purpose = record.purpose ?? 'other';
    runs[purpose] = (runs[purpose] ?? 0) + 1;
  });
  try {
    return { result: await smartCompile(compile), runs };
  } finally {
    stop();
  }
}

/** Integrated loudness in LUFS, measured by ffmpeg's ebur128 filter. */
async function integratedLoudness(path: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-vn', '-af', 'ebur128', '-f', 'null', '-']);
  return Number(/Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+|-inf) LUFS/.exec(stderr)?.[1] ?? Number.NaN);
}

/** Signal-to-difference ratio in dB of `actual` against `expected` over sample frames [from, to). */
function snr(expected: Float32Array, actual: Float32Array, from = 0, to = expected.length / 2): number {
  let signal = 0;
  let noise = 0;
  for (let i = 2 * from; i < 2 * to; i++) {
    signal += expected[i]! ** 2;
    noise += (expected[i]! - actual[i]!) ** 2;
  }
  return noise === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
}

describe('smartCompile with a cache', () => {
  it('renders only what a swap changed, and nothing when nothing changed', async () => {
    const cache = directoryTransitionCache(join(scratch.dir, 'cache'));
    const cold = await compileCounting(options({ outputPath: join(scratch.dir, 'cold.mp4'), transitionCache: cache }));
    expect(cold.result).toMatchObject({ windowsRendered: 7, windowsReused: 0, soundtrackReused: false });
    expect(cold.result.audio).toMatchObject({ clipsDecoded: 8, clipsReused: 0, joinsRendered: 7, joinsReused: 0, chunksReused: 0 });
    // All eight clips' sound is decoded by one run, not one run per clip, and never in one run with the video.
    // The seven windows render in two runs (four and three).
    expect(cold.runs).toMatchObject({ 'clip-audio': 1, windows: 2, mux: 1 });
    // Every clip's line is in the cut's captions, read from the clips without an ffmpeg run each.
    expect(cold.result.captions.map((cue) => cue.text)).toEqual(clips.map((_, index) => `MIKA: Line ${index + 1}.`));
    expect(cold.runs).toEqual({ 'clip-audio': 1, windows: 2, 'audio-encode': 1, mux: 1 });

    // Clips 6 and 7 (indexes 5 and 6) trade places: joins 4→6, 6→5 and 5→7 are new, the other four are not.
    const swapped = [...clips];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    const swap = await compileCounting(options({ outputPath: join(scratch.dir, 'swap.mp4'), clips: swapped, transitionCache: cache }));
    expect(swap.result).toMatchObject({ windowsRendered: 3, windowsReused: 4, soundtrackReused: false });
    expect(swap.result.audio).toMatchObject({ clipsDecoded: 0, clipsReused: 8, joinsRendered: 3, joinsReused: 4 });
    // The sound before the first changed join is encoded already.
    expect(swap.result.audio.chunksReused).toBeGreaterThanOrEqual(1);
    expect(swap.runs['clip-audio']).toBeUndefined();
    // The three new windows in one run.
    expect(swap.runs.windows).toBe(1);
    expect(swap.runs.window).toBeUndefined();

    const again = await compileCounting(options({ outputPath: join(scratch.dir, 'again.mp4'), clips: swapped, transitionCache: cache }));
    expect(again.result).toMatchObject({ windowsRendered: 0, windowsReused: 7, soundtrackReused: true });
    expect(again.result.audio).toMatchObject({ clipsDecoded: 0, joinsRendered: 0, chunksEncoded: 0 });
    expect(again.runs).toEqual({ mux: 1 });

    // The first and the last clip trade places: the sound changes at both ends, with unchanged
    // chunks between them, so in two stretches, and both are encoded by one ffmpeg run.
    const apart = [...swapped];
    [apart[0], apart[7]] = [apart[7]!, apart[0]!];
    const far = await compileCounting(options({ outputPath: join(scratch.dir, 'far.mp4'), clips: apart, transitionCache: cache }));
    expect(far.result.audio.chunksEncoded).toBeGreaterThan(0);
    expect(far.result.audio.chunksReused).toBeGreaterThanOrEqual(1);
    expect(far.runs['audio-encode']).toBe(1);
  });

  it('with loudness normalization, a swap still re-encodes only the sound that changed', async () => {
    const cache = directoryTransitionCache(join(scratch.dir, 'cache-loud'));
    const loud = { loudness: { targetLufs: -16 } };
    const cold = await smartCompile(options({ outputPath: join(scratch.dir, 'loud-cold.mp4'), transitionCache: cache, ...loud }));
    const swapped = [...clips];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    const swap = await smartCompile(options({ outputPath: join(scratch.dir, 'loud-swap.mp4'), clips: swapped, transitionCache: cache, ...loud }));
    // The gain is the same for both, so the sound before the first changed join is encoded already.
    expect(swap.audio.chunksReused).toBeGreaterThanOrEqual(1);
    expect(swap.audio.chunksEncoded).toBeLessThan(cold.audio.chunksEncoded);
    expect(Math.abs((await integratedLoudness(join(scratch.dir, 'loud-swap.mp4'))) - -16)).toBeLessThan(1);
  });

  it('sounds the same after a swap as a compile of the new order from scratch', async () => {
    const cache = directoryTransitionCache(join(scratch.dir, 'cache-equal'));
    await smartCompile(options({ outputPath: join(scratch.dir, 'first.mp4'), transitionCache: cache }));
    const swapped = [...clips];
    [swapped[1], swapped[5]] = [swapped[5]!, swapped[1]!];
    const cachedPath = join(scratch.dir, 'swapped-cached.mp4');
    const freshPath = join(scratch.dir, 'swapped-fresh.mp4');
    const cached = await smartCompile(options({ outputPath: cachedPath, clips: swapped, transitionCache: cache }));
    expect(cached.audio).toMatchObject({ clipsDecoded: 0, joinsRendered: 4 });
    await smartCompile(options({ outputPath: freshPath, clips: swapped }));

    const [fromCache, fresh] = await Promise.all([decodeAudio(cachedPath), decodeAudio(freshPath)]);
    expect(fromCache.length).toBe(fresh.length);
    const frames = fresh.length / 2;
    expect(frames / RATE).toBeCloseTo(8 * CLIP_SECONDS - 7 * DISSOLVE_SECONDS, 1);
    // AAC packets spliced from several encodes differ from one encode only by coding noise.
    expect(snr(fresh, fromCache)).toBeGreaterThan(40);
    // Inside every crossfade (where the swap changed the sound) and inside a clip body.
    for (let join = 0; join < 7; join++) {
      const start = Math.round((join + 1) * (CLIP_SECONDS - DISSOLVE_SECONDS) * RATE);
      expect(snr(fresh, fromCache, start, start + DISSOLVE_SECONDS * RATE), `crossfade ${join + 1}`).toBeGreaterThan(35);
    }
    expect(snr(fresh, fromCache, 2 * RATE, Math.round(2.4 * RATE))).toBeGreaterThan(35);
    const [loudCached, loudFresh] = await Promise.all([integratedLoudness(cachedPath), integratedLoudness(freshPath)]);
    expect(Math.abs(loudCached - loudFresh)).toBeLessThan(0.1);
  });
});
