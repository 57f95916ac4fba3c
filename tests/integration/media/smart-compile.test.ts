import { execFile } from 'node:child_process';
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaInputError } from '../../../server/media/errors.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { smartCompile, type SmartCompileOptions } from '../../../server/media/smart-compile.ts';
import { directoryTransitionCache } from '../../../server/media/transitions.ts';
import { naiveCompile } from '../../../bench/naive-compile.ts';
import { decodeAudio, decodeFrame, makeScratchDir, makeTestClip, meanAbsoluteDifference } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const FORMAT = { width: 320, height: 180, fps: 24 } as const;

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
/** Normalized clips: 3 s with tone, 2.5 s silent (was 640×360 at 30 fps), 3 s with tone, 2 s with tone. */
let clips: SmartCompileOptions['clips'];
let silent: SmartCompileOptions['clips'];
let music: string;

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-smart-compile-');
  const specs = [
    { name: 'a', durationSeconds: 3, audio: true, size: '320x180', fps: 24 },
    { name: 'b', durationSeconds: 2.5, audio: false, size: '640x360', fps: 30 },
    { name: 'c', durationSeconds: 3, audio: true, size: '320x180', fps: 24 },
    { name: 'd', durationSeconds: 2, audio: true, size: '320x180', fps: 25 },
    { name: 'e', durationSeconds: 3, audio: false, size: '320x180', fps: 24 },
  ];
  await Promise.all(specs.map((spec) => makeTestClip(join(scratch.dir, `${spec.name}.raw.mp4`), spec)));
  await Promise.all(specs.map((spec) => normalizeClip(join(scratch.dir, `${spec.name}.raw.mp4`), join(scratch.dir, `${spec.name}.mp4`), FORMAT)));
  const clip = (name: string, durationSeconds: number) => ({ path: join(scratch.dir, `${name}.mp4`), durationSeconds, chapterTitle: `Shot ${name.toUpperCase()}` });
  clips = [clip('a', 3), clip('b', 2.5), clip('c', 3), clip('d', 2)];
  silent = [clip('b', 2.5), clip('e', 3)];
  music = join(scratch.dir, 'music.m4a');
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=220:duration=2:sample_rate=44100', '-c:a', 'aac', music]);
  await writeFile(join(scratch.dir, 'not-audio.mp3'), 'not audio at all');
});
afterAll(() => scratch.cleanup());

function options(overrides: Partial<SmartCompileOptions> & { outputPath: string }): SmartCompileOptions {
  return { clips, transition: 'dissolve', transitionDurationSeconds: 0.5, workDir: scratch.dir, ...FORMAT, ...overrides };
}

interface OutputFacts {
  duration: number;
  /** Frames counted by decoding, not read from the header. */
  decodedFrames: number;
  streams: { codec_type: string; codec_name: string }[];
  chapters: { start_time: string; end_time: string; tags?: { title?: string } }[];
}

async function facts(path: string): Promise<OutputFacts> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', path]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: (OutputFacts['streams'][number] & { nb_read_frames?: string })[]; chapters: OutputFacts['chapters'] };
  const video = parsed.streams.find((s) => s.codec_type === 'video');
  return { duration: Number(parsed.format.duration), decodedFrames: Number(video?.nb_read_frames), streams: parsed.streams, chapters: parsed.chapters };
}

/** Everything ffmpeg says at level "error" while decoding the whole file (nothing when clean). */
async function decodeErrors(path: string): Promise<string> {
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
  return stderr.trim();
}

/** Video presentation times in file order must only grow. */
async function videoTimesIncrease(path: string): Promise<boolean> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,dts_time', '-of', 'csv=p=0', path]);
  const rows = stdout.trim().split('\n').map((line) => line.split(',').map(Number));
  return rows.every((row, index) => index === 0 || (row[0]! > rows[index - 1]![0]! && row[1]! > rows[index - 1]![1]!));
}

/** Integrated loudness in LUFS, measured by ffmpeg's ebur128 filter. */
async function integratedLoudness(path: string): Promise<number> {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-vn', '-af', 'ebur128', '-f', 'null', '-']);
  const match = /Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+|-inf) LUFS/.exec(stderr);
  return Number(match?.[1] ?? Number.NaN);
}

function rms(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / Math.max(1, to - from));
}

describe('smartCompile', () => {
  it('dissolves four clips to the exact frame count, with chapters, one H.264 and one AAC stream, and clean decoding', async () => {
    const outputPath = join(scratch.dir, 'out', 'dissolve.mp4');
    const progress: number[] = [];
    const result = await smartCompile(options({ outputPath, onProgress: (f) => progress.push(f) }));
    const expectedSeconds = 3 + 2.5 + 3 + 2 - 3 * 0.5;
    expect(result.durationSeconds).toBeCloseTo(expectedSeconds, 6);
    expect(result.frames).toBe(expectedSeconds * 24);

    const out = await facts(outputPath);
    expect(Math.abs(out.decodedFrames - expectedSeconds * 24)).toBeLessThanOrEqual(1);
    expect(Math.abs(out.duration - expectedSeconds)).toBeLessThanOrEqual(0.05);
    expect(out.streams.filter((s) => s.codec_type === 'video').map((s) => s.codec_name)).toEqual(['h264']);
    expect(out.streams.filter((s) => s.codec_type === 'audio').map((s) => s.codec_name)).toEqual(['aac']);
    expect(out.chapters.map((c) => c.tags?.title)).toEqual(['Shot A', 'Shot B', 'Shot C', 'Shot D']);
    expect(out.chapters.map((c) => Number(c.start_time))).toEqual([0, 2.5, 4.5, 7]);
    expect(Number(out.chapters.at(-1)?.end_time)).toBeCloseTo(expectedSeconds, 3);
    expect(await decodeErrors(outputPath)).toBe('');
    expect(await videoTimesIncrease(outputPath)).toBe(true);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((value, index) => index === 0 || value >= progress[index - 1]!)).toBe(true);
  });

  it('shows the same pictures as a full re-encode, frame for frame', async () => {
    const smartPath = join(scratch.dir, 'out', 'dissolve-compare.mp4');
    const naivePath = join(scratch.dir, 'out', 'dissolve-naive.mp4');
    await smartCompile(options({ outputPath: smartPath }));
    await naiveCompile({ clips, dissolveSeconds: 0.5, outputPath: naivePath });
    // Inside copied stretches, inside each dissolve, and at each side of a join.
    for (const at of [0.5, 2.0, 2.75, 3.4, 4.6, 5.25, 7.2, 8.9]) {
      const [smart, naive] = await Promise.all([decodeFrame(smartPath, at, 'gray'), decodeFrame(naivePath, at, 'gray')]);
      expect(meanAbsoluteDifference(smart, naive), `frame at ${at} s`).toBeLessThan(4);
    }
  });

  it('cuts three clips end to end without re-encoding anything', async () => {
    const outputPath = join(scratch.dir, 'out', 'cut.mp4');
    const result = await smartCompile(options({ outputPath, clips: clips.slice(0, 3), transition: 'cut' }));
    expect(result).toMatchObject({ frames: (3 + 2.5 + 3) * 24, windowsRendered: 0, windowsReused: 0 });
    const out = await facts(outputPath);
    expect(Math.abs(out.decodedFrames - 204)).toBeLessThanOrEqual(1);
    expect(out.chapters.map((c) => [Number(c.start_time), c.tags?.title])).toEqual([
      [0, 'Shot A'],
      [3, 'Shot B'],
      [5.5, 'Shot C'],
    ]);
    expect(await decodeErrors(outputPath)).toBe('');
    expect(await videoTimesIncrease(outputPath)).toBe(true);
  });

  it.each(['wipeleft', 'slideleft', 'fade'] as const)('renders %s transitions frame-accurately', async (transition) => {
    const outputPath = join(scratch.dir, 'out', `${transition}.mp4`);
    await smartCompile(options({ outputPath, clips: clips.slice(0, 3), transition, transitionDurationSeconds: 0.75 }));
    const out = await facts(outputPath);
    expect(Math.abs(out.decodedFrames - (8.5 - 1.5) * 24)).toBeLessThanOrEqual(1);
    expect(await decodeErrors(outputPath)).toBe('');
    expect(await videoTimesIncrease(outputPath)).toBe(true);
  });

  it('handles a clip too short to have a copied middle, and a length that ends between keyframes', async () => {
    const outputPath = join(scratch.dir, 'out', 'short-middle.mp4');
    // 0.75 s of clip A sits between two dissolves that overlap each other (frames 6–11 of A are in
    // both), so both become one window; 2.2 s of B ends mid-GOP.
    const short = [clips[2]!, { ...clips[0]!, durationSeconds: 0.75 }, { ...clips[1]!, durationSeconds: 2.2 }];
    const result = await smartCompile(options({ outputPath, clips: short }));
    expect(result).toMatchObject({ frames: 72 + 18 + 53 - 24, windowsRendered: 1 });
    const out = await facts(outputPath);
    expect(Math.abs(out.decodedFrames - result.frames)).toBeLessThanOrEqual(1);
    expect(await decodeErrors(outputPath)).toBe('');
    expect(await videoTimesIncrease(outputPath)).toBe(true);
    // Where three pictures blend at once, the window matches a full re-encode.
    const naivePath = join(scratch.dir, 'out', 'short-middle-naive.mp4');
    await naiveCompile({ clips: short, dissolveSeconds: 0.5, outputPath: naivePath });
    for (const at of [2.6, 2.8, 2.9, 3.1, 3.4]) {
      const [smart, naive] = await Promise.all([decodeFrame(outputPath, at, 'gray'), decodeFrame(naivePath, at, 'gray')]);
      expect(meanAbsoluteDifference(smart, naive), `frame at ${at} s`).toBeLessThan(4);
    }
  });

  it('joins only, rendering nothing, when its transitions are already cached', async () => {
    const cache = directoryTransitionCache(join(scratch.dir, 'transition-cache'));
    const first = await smartCompile(options({ outputPath: join(scratch.dir, 'out', 'cached-1.mp4'), transitionCache: cache }));
    expect(first).toMatchObject({ windowsRendered: 3, windowsReused: 0 });
    const secondPath = join(scratch.dir, 'out', 'cached-2.mp4');
    const second = await smartCompile(options({ outputPath: secondPath, transitionCache: cache }));
    expect(second).toMatchObject({ windowsRendered: 0, windowsReused: 3 });
    expect(Math.abs((await facts(secondPath)).decodedFrames - first.frames)).toBeLessThanOrEqual(1);
    expect(await decodeErrors(secondPath)).toBe('');
    // A different transition must not reuse those pieces.
    const wipe = await smartCompile(options({ outputPath: join(scratch.dir, 'out', 'cached-3.mp4'), transitionCache: cache, transition: 'wiperight' }));
    expect(wipe.windowsReused).toBe(0);
  });

  it('mixes music under the clips: it is heard where the clips are silent', async () => {
    const plainPath = join(scratch.dir, 'out', 'silent.mp4');
    const musicPath = join(scratch.dir, 'out', 'silent-music.mp4');
    await smartCompile(options({ outputPath: plainPath, clips: silent }));
    await smartCompile(options({ outputPath: musicPath, clips: silent, music: { path: music, volumeDb: -6 } }));
    const plain = await decodeAudio(plainPath);
    const mixed = await decodeAudio(musicPath);
    expect(rms(plain)).toBeLessThan(0.001);
    // The 2-second music loops, so it is still there at the end of the 5-second film.
    const lastSecond = mixed.length - 2 * 48000;
    expect(rms(mixed, 0, 2 * 48000)).toBeGreaterThan(0.02);
    expect(rms(mixed, lastSecond)).toBeGreaterThan(0.02);
  });

  it('ducks the music while the clips have sound', async () => {
    // Clip e is silent and clip a has a tone: the music must be quieter under a than under e.
    const withTone = [silent[1]!, clips[0]!];
    const outputPath = join(scratch.dir, 'out', 'ducked.mp4');
    await smartCompile(options({ outputPath, clips: withTone, transition: 'cut', music: { path: music, volumeDb: -6 } }));
    const mixed = await decodeAudio(outputPath);
    const tone = await decodeAudio(clips[0]!.path);
    // Stereo interleaved: a second is 96000 values. Compare the music's share in each half.
    const musicAlone = rms(mixed, 96000, 2 * 96000);
    const musicUnderTone = Math.sqrt(Math.max(0, rms(mixed, 4 * 96000, 5 * 96000) ** 2 - rms(tone, 1 * 96000, 2 * 96000) ** 2));
    expect(musicUnderTone).toBeLessThan(musicAlone * 0.8);
  });

  it('normalizes loudness to -16 LUFS when asked', async () => {
    const outputPath = join(scratch.dir, 'out', 'loud.mp4');
    await smartCompile(options({ outputPath, loudness: {} }));
    expect(Math.abs((await integratedLoudness(outputPath)) + 16)).toBeLessThanOrEqual(1);
    const quietPath = join(scratch.dir, 'out', 'quiet.mp4');
    await smartCompile(options({ outputPath: quietPath, loudness: { targetLufs: -23 } }));
    expect(Math.abs((await integratedLoudness(quietPath)) + 23)).toBeLessThanOrEqual(1);
  });

  it('refuses missing or non-audio music with a clear error and writes nothing', async () => {
    const dir = join(scratch.dir, 'no-music');
    await mkdir(dir, { recursive: true });
    for (const path of [join(scratch.dir, 'nope.mp3'), join(scratch.dir, 'not-audio.mp3'), join(scratch.dir, 'e.raw.mp4')]) {
      await expect(smartCompile(options({ outputPath: join(dir, 'out.mp4'), music: { path } }))).rejects.toThrow(MediaInputError);
    }
    await expect(smartCompile(options({ outputPath: join(dir, 'out.mp4'), music: { path: join(scratch.dir, 'nope.mp3') } }))).rejects.toThrow(/music/i);
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails cleanly on a clip that turns out truncated, keeping the previous output as it was', async () => {
    const dir = join(scratch.dir, 'truncated');
    await mkdir(dir, { recursive: true });
    const outputPath = join(dir, 'film.mp4');
    await writeFile(outputPath, 'the previous compile');
    // The index is at the front, so the clip still probes as whole: the damage shows mid-run.
    const bytes = await readFile(clips[2]!.path);
    const broken = join(scratch.dir, 'c-truncated.mp4');
    await writeFile(broken, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const damaged = clips.map((clip, index) => (index === 2 ? { ...clip, path: broken } : clip));
    for (const transition of ['dissolve', 'cut'] as const) {
      await expect(smartCompile(options({ outputPath, clips: damaged, transition }))).rejects.toThrow(/truncated|damaged/);
      expect(await readFile(outputPath, 'utf8')).toBe('the previous compile');
      expect(await readdir(dir)).toEqual(['film.mp4']);
    }
    expect((await readdir(scratch.dir)).filter((name) => name.startsWith('smart-compile-'))).toEqual([]);
  });

  it('refuses clips that were not normalized to the compile format', async () => {
    const outputPath = join(scratch.dir, 'refused', 'out.mp4');
    await expect(smartCompile(options({ outputPath, clips: [{ ...clips[0]!, path: join(scratch.dir, 'b.raw.mp4') }, clips[1]!] }))).rejects.toThrow(/normalizeClip/);
    await expect(smartCompile(options({ outputPath, transitionDurationSeconds: 2 }))).rejects.toBeInstanceOf(MediaInputError);
    await expect(smartCompile(options({ outputPath, clips: [] }))).rejects.toBeInstanceOf(MediaInputError);
    await expect(access(outputPath)).rejects.toThrow();
  });

  it('fails with a clear error on a full disk, keeping the previous output and leaving no pieces', async (context) => {
    const disk = join(scratch.dir, 'tiny-disk');
    await mkdir(disk, { recursive: true });
    // A 1 MB filesystem of its own; mounting needs root (as in CI), so elsewhere this is skipped.
    const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).then(() => true, () => false);
    if (!mounted) context.skip('mounting a small filesystem needs root');
    try {
      const outputPath = join(disk, 'film.mp4');
      await writeFile(outputPath, 'the previous compile');
      // Fill the disk but for a few kilobytes: the first windows or the soundtrack cannot be written.
      await run('dd', ['if=/dev/zero', `of=${join(disk, 'filler')}`, 'bs=4k', 'count=240']).catch(() => undefined);
      const failure = await smartCompile(options({ outputPath, workDir: disk })).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.message).toMatch(/disk is full|no space left on device/i);
      expect(await readFile(outputPath, 'utf8')).toBe('the previous compile');
      expect((await readdir(disk)).sort()).toEqual(['filler', 'film.mp4']);
    } finally {
      await run('umount', [disk]);
    }
  });
});
