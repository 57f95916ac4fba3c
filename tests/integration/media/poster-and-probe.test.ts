import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaProbeError } from '../../../server/media/errors.ts';
import { extractPoster } from '../../../server/media/poster.ts';
import { probeMedia } from '../../../server/media/probe.ts';
import { makeScratchDir, makeTestClip, probeStreams } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
let clip: string;
beforeAll(async () => {
  scratch = await makeScratchDir();
  clip = join(scratch.dir, 'clip.mp4');
  await makeTestClip(clip, { durationSeconds: 2, size: '320x180', fps: 25 });
});
afterAll(() => scratch.cleanup());

describe('probeMedia', () => {
  it('reads duration, size, container and both streams', async () => {
    const info = await probeMedia(clip);
    expect(Math.abs(info.durationSeconds - 2)).toBeLessThanOrEqual(0.1);
    expect(info.sizeBytes).toBeGreaterThan(1000);
    expect(info.formatName).toContain('mp4');
    expect(info.video).toEqual({ codec: 'h264', width: 320, height: 180, fps: 25, pixFmt: 'yuv420p', frames: 50 });
    expect(info.audio).toMatchObject({ codec: 'aac', sampleRate: 44100, channels: 1 });
  });

  it('names the file and the problem when it is not media', async () => {
    const text = join(scratch.dir, 'notes.mp4');
    await writeFile(text, 'not a video at all');
    const error = await probeMedia(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaProbeError);
    expect((error as Error).message).toContain(text);
  });

  it('says so when the file does not exist', async () => {
    const missing = join(scratch.dir, 'missing.mp4');
    await expect(probeMedia(missing)).rejects.toThrow(/no such file/);
  });
});

describe('extractPoster', () => {
  it('writes one JPEG 640 px wide', async () => {
    const poster = join(scratch.dir, 'posters', 'poster.jpg');
    const { atSeconds } = await extractPoster(clip, poster, 1);
    expect(atSeconds).toBe(1);
    const bytes = await readFile(poster);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const facts = await probeStreams(poster);
    expect(facts.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 640, height: 360 });
  });

  it('clamps a time past the end to the last frames', async () => {
    const poster = join(scratch.dir, 'late.jpg');
    const { atSeconds } = await extractPoster(clip, poster, 30);
    expect(atSeconds).toBeGreaterThan(1.5);
    expect(atSeconds).toBeLessThan(2);
    expect((await readFile(poster)).length).toBeGreaterThan(1000);
  });
});
