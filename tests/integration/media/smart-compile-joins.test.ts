import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { MediaInputError } from '../../../server/media/errors.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { smartCompile, type SmartCompileOptions, type SmartCompileResult } from '../../../server/media/smart-compile.ts';
import { directoryTransitionCache } from '../../../server/media/transitions.ts';
import { buildVideoRequest, decodeFrame, makeScratchDir, meanAbsoluteDifference } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const FORMAT = { width: 320, height: 180, fps: 24 } as const;

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
let clips: SmartCompileOptions['clips'];
let output: string;
let result: SmartCompileResult;

/** Four 2 s animatic takes, night and day in turn so that every join changes the picture a lot. */
const TAKES = [
  { name: 'a', heading: 'EXT. HARBOUR - NIGHT', location: 'Harbour', timeOfDay: 'night' },
  { name: 'b', heading: 'INT. BAKERY - DAY', location: 'Bakery', timeOfDay: 'day' },
  { name: 'c', heading: 'EXT. ROOFTOP - NIGHT', location: 'Rooftop', timeOfDay: 'night' },
  { name: 'd', heading: 'EXT. BEACH - DAY', location: 'Beach', timeOfDay: 'day' },
] as const;

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-compile-joins-');
  await Promise.all(
    TAKES.map(async (take, index) => {
      const request = buildVideoRequest({
        ...FORMAT,
        seed: index + 1,
        scene: { number: index + 1, heading: take.heading, location: take.location, locationDescription: take.location, timeOfDay: take.timeOfDay },
        shot: { duration: 2, dialogue: [], characterKeys: [] },
      });
      await renderAnimatic(request, join(scratch.dir, `${take.name}.raw.mp4`), { workDir: scratch.dir });
      await normalizeClip(join(scratch.dir, `${take.name}.raw.mp4`), join(scratch.dir, `${take.name}.mp4`), FORMAT);
    }),
  );
  clips = TAKES.map((take) => ({ path: join(scratch.dir, `${take.name}.mp4`), durationSeconds: 2, chapterTitle: `Shot ${take.name.toUpperCase()}` }));
  output = join(scratch.dir, 'joined.mp4');
  // The compile's own transition is a cut; the screenplay asks for a dissolve into C and a fade through black into D.
  result = await smartCompile({
    clips,
    transition: 'cut',
    transitionDurationSeconds: 0.5,
    joins: [undefined, { transition: 'dissolve', durationSeconds: 0.5 }, { transition: 'fade', durationSeconds: 0.25 }],
    outputPath: output,
    workDir: scratch.dir,
    ...FORMAT,
  });
}, 120_000);
afterAll(() => scratch.cleanup());

async function probeFacts(path: string) {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', path]);
  return JSON.parse(stdout) as {
    format: { duration: string };
    streams: { codec_type: string; duration: string; nb_read_frames?: string }[];
    chapters: { start_time: string; end_time: string; tags?: { title?: string } }[];
  };
}

const mean = (frame: Buffer) => frame.reduce((sum, value) => sum + value, 0) / frame.length;
/** A time that decodes frame `n`: ffmpeg's seek gives the first frame starting at or after it. */
const at = (frame: number) => Math.max(0, frame - 0.25) / FORMAT.fps;

describe('a compile whose joins have their own transitions', () => {
  it('lasts the sum of the takes less the dissolve and the fade only: the cut overlaps nothing', async () => {
    const facts = await probeFacts(output);
    // 4 × 2 s − 0.5 s dissolve − 0.25 s fade = 7.25 s = 174 frames.
    expect(result.frames).toBe(174);
    expect(Number(facts.format.duration)).toBeCloseTo(7.25, 1);
    const video = facts.streams.find((stream) => stream.codec_type === 'video')!;
    expect(Number(video.nb_read_frames)).toBe(174);
    const audio = facts.streams.find((stream) => stream.codec_type === 'audio')!;
    expect(Math.abs(Number(audio.duration) - 7.25)).toBeLessThan(0.05);
  });

  it('puts chapters on the frames where each take starts to come in', async () => {
    const expected = [
      ['Shot A', 0, 2],
      ['Shot B', 2, 3.5],
      ['Shot C', 3.5, 5.25],
      ['Shot D', 5.25, 7.25],
    ];
    const facts = await probeFacts(output);
    expect(facts.chapters.map((chapter) => [chapter.tags?.title, Number(chapter.start_time), Number(chapter.end_time)])).toEqual(expected);
    expect(result.chapters.map((chapter) => [chapter.title, chapter.startSeconds, chapter.endSeconds])).toEqual(expected);
  });

  it('cuts from A to B with no blend: the frames either side are A\'s and B\'s own', async () => {
    const [beforeCut, afterCut, lastOfA, firstOfB] = await Promise.all([
      decodeFrame(output, at(47), 'gray'),
      decodeFrame(output, at(48), 'gray'),
      decodeFrame(clips[0]!.path, at(47), 'gray'),
      decodeFrame(clips[1]!.path, at(0), 'gray'),
    ]);
    // A's night and B's day differ a lot, so a blend would sit far from both.
    expect(meanAbsoluteDifference(lastOfA, firstOfB)).toBeGreaterThan(20);
    expect(meanAbsoluteDifference(beforeCut, lastOfA)).toBeLessThan(3);
    expect(meanAbsoluteDifference(afterCut, firstOfB)).toBeLessThan(3);
  });

  it('dissolves from B to C: the middle frame of the dissolve is half of each', async () => {
    // The dissolve runs over output frames 84–95 (B's frames 36–47 under C's frames 0–11); frame 90 is halfway.
    const [middle, ofB, ofC] = await Promise.all([
      decodeFrame(output, at(90), 'gray'),
      decodeFrame(clips[1]!.path, at(42), 'gray'),
      decodeFrame(clips[2]!.path, at(6), 'gray'),
    ]);
    const [low, high] = [Math.min(mean(ofB), mean(ofC)), Math.max(mean(ofB), mean(ofC))];
    expect(high - low).toBeGreaterThan(20);
    // Halfway through, the brightness sits well inside the span between the two pictures.
    expect(mean(middle)).toBeGreaterThan(low + (high - low) / 4);
    expect(mean(middle)).toBeLessThan(high - (high - low) / 4);
    expect(meanAbsoluteDifference(middle, ofB)).toBeGreaterThan(8);
    expect(meanAbsoluteDifference(middle, ofC)).toBeGreaterThan(8);
  });

  it('fades from C to D through black', async () => {
    // The 6-frame fade runs over output frames 126–131; on its way the picture goes black.
    const [ofC, ofD, ...fade] = await Promise.all([
      decodeFrame(clips[2]!.path, at(45), 'gray'),
      decodeFrame(clips[3]!.path, at(3), 'gray'),
      ...[126, 127, 128, 129, 130, 131].map((frame) => decodeFrame(output, at(frame), 'gray')),
    ]);
    expect(Math.min(mean(ofC), mean(ofD))).toBeGreaterThan(30);
    expect(Math.min(...fade.map(mean))).toBeLessThan(8);
    // Before it the picture is C's, after it D's.
    const [before, after] = await Promise.all([decodeFrame(output, at(125), 'gray'), decodeFrame(output, at(132), 'gray')]);
    expect(Math.abs(mean(before) - mean(ofC))).toBeLessThan(3);
    expect(Math.abs(mean(after) - mean(ofD))).toBeLessThan(3);
  });

  it('refuses a join longer than the takes it joins, and more joins than there are pairs of takes', async () => {
    const base = { clips, transition: 'cut' as const, transitionDurationSeconds: 0.5, workDir: scratch.dir, ...FORMAT, outputPath: join(scratch.dir, 'bad.mp4') };
    await expect(smartCompile({ ...base, joins: [{ transition: 'dissolve', durationSeconds: 2 }] })).rejects.toThrow(/between clips 1 and 2 is as long as the shorter/);
    await expect(smartCompile({ ...base, joins: [undefined, undefined, undefined, { transition: 'dissolve' }] })).rejects.toBeInstanceOf(MediaInputError);
    await expect(smartCompile({ ...base, joins: [{ transition: 'wipe-sideways' as never }] })).rejects.toThrow(/Unknown transition "wipe-sideways" between clips 1 and 2/);
  });

  it('caches each window with its own joins: changing one join renders only its window again', async () => {
    const transitionCache = directoryTransitionCache(join(scratch.dir, 'cache'));
    const base = { clips, transition: 'cut' as const, transitionDurationSeconds: 0.5, workDir: scratch.dir, ...FORMAT, transitionCache };
    const first = await smartCompile({ ...base, joins: [undefined, { transition: 'dissolve', durationSeconds: 0.5 }, { transition: 'fade', durationSeconds: 0.25 }], outputPath: join(scratch.dir, 'cached-1.mp4') });
    expect([first.windowsRendered, first.windowsReused]).toEqual([2, 0]);
    const again = await smartCompile({ ...base, joins: [undefined, { transition: 'dissolve', durationSeconds: 0.5 }, { transition: 'fade', durationSeconds: 0.25 }], outputPath: join(scratch.dir, 'cached-2.mp4') });
    expect([again.windowsRendered, again.windowsReused, again.soundtrackReused]).toEqual([0, 2, true]);
    // The last join becomes a dissolve of the same length: a different picture, so its window is
    // rendered again; the sound crossfades over the same samples, so it is reused.
    const changed = await smartCompile({ ...base, joins: [undefined, { transition: 'dissolve', durationSeconds: 0.5 }, { transition: 'dissolve', durationSeconds: 0.25 }], outputPath: join(scratch.dir, 'cached-3.mp4') });
    expect([changed.windowsRendered, changed.windowsReused, changed.soundtrackReused]).toEqual([1, 1, true]);
    expect(changed.frames).toBe(174);
    const [fadeMiddle, dissolveMiddle] = await Promise.all([decodeFrame(join(scratch.dir, 'cached-2.mp4'), at(128), 'gray'), decodeFrame(join(scratch.dir, 'cached-3.mp4'), at(128), 'gray')]);
    expect(mean(dissolveMiddle) - mean(fadeMiddle)).toBeGreaterThan(20);
  });
});

