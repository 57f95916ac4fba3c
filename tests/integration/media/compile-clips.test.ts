import { access, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileClips } from '../../../server/media/compile.ts';
import { MediaInputError, MediaProbeError } from '../../../server/media/errors.ts';
import { makeScratchDir, makeTestClip, probeStreams } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
let clips: { path: string; durationSeconds: number }[];
let audioOnly: string;

beforeAll(async () => {
  scratch = await makeScratchDir();
  const specs = [
    { name: 'a.mp4', durationSeconds: 2, audio: true, size: '320x180', fps: 24 },
    // Different size, rate and no sound: compile must normalize and fill with silence.
    { name: 'b.mp4', durationSeconds: 2.5, audio: false, size: '640x360', fps: 30 },
    { name: 'c.mp4', durationSeconds: 3, audio: true, size: '320x180', fps: 24 },
  ];
  await Promise.all(specs.map((spec) => makeTestClip(join(scratch.dir, spec.name), spec)));
  clips = specs.map((spec) => ({ path: join(scratch.dir, spec.name), durationSeconds: spec.durationSeconds }));
  audioOnly = join(scratch.dir, 'audio-only.m4a');
  await writeFile(join(scratch.dir, 'not-media.mp4'), 'this is not a video');
  const { execFile } = await import('node:child_process');
  await new Promise<void>((resolve, reject) =>
    execFile('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=2', '-c:a', 'aac', audioOnly], (e) => (e ? reject(e) : resolve())),
  );
});
afterAll(() => scratch.cleanup());

async function streamsOf(path: string) {
  const facts = await probeStreams(path);
  return {
    duration: facts.duration,
    video: facts.streams.filter((s) => s.codec_type === 'video'),
    audio: facts.streams.filter((s) => s.codec_type === 'audio'),
  };
}

describe('compileClips', () => {
  it('dissolves three clips, each join shortening the whole by the transition', async () => {
    const outputPath = join(scratch.dir, 'out', 'dissolve.mp4');
    const progress: number[] = [];
    const result = await compileClips({
      clips,
      transition: 'dissolve',
      transitionDurationSeconds: 0.5,
      outputPath,
      onProgress: (f) => progress.push(f),
    });
    const facts = await streamsOf(outputPath);
    expect(Math.abs(facts.duration - 6.5)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(result.durationSeconds - 6.5)).toBeLessThanOrEqual(0.1);
    expect(facts.video).toHaveLength(1);
    expect(facts.audio).toHaveLength(1);
    expect(facts.video[0]).toMatchObject({ codec_name: 'h264', width: 320, height: 180, pix_fmt: 'yuv420p' });
    expect(facts.audio[0]).toMatchObject({ codec_name: 'aac', channels: 2, sample_rate: '48000' });
    expect(progress.at(-1)).toBe(1);
  });

  it('fades through black with the same arithmetic', async () => {
    const outputPath = join(scratch.dir, 'out', 'fade.mp4');
    await compileClips({ clips, transition: 'fade', transitionDurationSeconds: 0.5, outputPath });
    expect(Math.abs((await streamsOf(outputPath)).duration - 6.5)).toBeLessThanOrEqual(0.1);
  });

  it('cuts without losing any time', async () => {
    const outputPath = join(scratch.dir, 'out', 'cut.mp4');
    await compileClips({ clips, transition: 'cut', transitionDurationSeconds: 0.5, outputPath });
    const facts = await streamsOf(outputPath);
    expect(Math.abs(facts.duration - 7.5)).toBeLessThanOrEqual(0.1);
    expect(facts.video).toHaveLength(1);
    expect(facts.audio).toHaveLength(1);
  });

  it('leaves no file at outputPath when an input is missing', async () => {
    const outputPath = join(scratch.dir, 'failed', 'missing.mp4');
    const broken = [clips[0]!, { path: join(scratch.dir, 'nope.mp4'), durationSeconds: 2 }];
    await expect(compileClips({ clips: broken, transition: 'dissolve', transitionDurationSeconds: 0.5, outputPath })).rejects.toBeInstanceOf(
      MediaProbeError,
    );
    await expect(access(outputPath)).rejects.toThrow();
  });

  it('leaves no file, and no partial file, when ffmpeg itself fails', async () => {
    const outputPath = join(scratch.dir, 'failed', 'ffmpeg.mp4');
    // An audio-only input has no video to join: probing passes, ffmpeg fails.
    const broken = [clips[0]!, { path: audioOnly, durationSeconds: 2 }];
    await expect(compileClips({ clips: broken, transition: 'cut', transitionDurationSeconds: 0, outputPath })).rejects.toThrow();
    await expect(access(outputPath)).rejects.toThrow();
    expect((await readdir(join(scratch.dir, 'failed'))).filter((name) => name.includes('ffmpeg.mp4'))).toEqual([]);
  });

  it('refuses a transition as long as a clip', async () => {
    const outputPath = join(scratch.dir, 'failed', 'long.mp4');
    await expect(compileClips({ clips, transition: 'dissolve', transitionDurationSeconds: 2, outputPath })).rejects.toBeInstanceOf(
      MediaInputError,
    );
    await expect(compileClips({ clips: [], transition: 'cut', transitionDurationSeconds: 0, outputPath })).rejects.toBeInstanceOf(
      MediaInputError,
    );
  });
});
