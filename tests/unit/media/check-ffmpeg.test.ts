import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { FfmpegMissingError } from '../../../server/media/errors.ts';
import { checkFfmpeg, parseFfmpegVersion, runFfmpeg } from '../../../server/media/ffmpeg.ts';
import { makeScratchDir } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
beforeAll(async () => {
  scratch = await makeScratchDir();
});
afterAll(() => scratch.cleanup());
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('checkFfmpeg', () => {
  it('resolves with the installed version (5 or newer)', async () => {
    const { version } = await checkFfmpeg();
    expect(version).toMatch(/^n?\d+\./);
    expect(Number(/^n?(\d+)/.exec(version)?.[1])).toBeGreaterThanOrEqual(5);
  });

  it('rejects with a one-line install hint when FFMPEG_PATH points at nothing', async () => {
    vi.stubEnv('FFMPEG_PATH', join(scratch.dir, 'no-such-ffmpeg'));
    const error = await checkFfmpeg().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegMissingError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('ffmpeg ≥ 5 was not found');
    expect(message).toContain('apt-get install ffmpeg');
    expect(message).toContain('brew install ffmpeg');
    expect((error as FfmpegMissingError).binary).toBe(join(scratch.dir, 'no-such-ffmpeg'));
  });

  it('rejects an ffmpeg older than 5, naming the version found', async () => {
    const fake = join(scratch.dir, 'old-ffmpeg');
    await writeFile(fake, '#!/bin/sh\necho "ffmpeg version 4.4.2-0ubuntu0.22.04.1 Copyright (c) 2000-2021"\n');
    await chmod(fake, 0o755);
    vi.stubEnv('FFMPEG_PATH', fake);
    const error = await checkFfmpeg().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegMissingError);
    expect((error as FfmpegMissingError).foundVersion).toBe('4.4.2-0ubuntu0.22.04.1');
    expect((error as Error).message).not.toContain('\n');
  });

  it('honours FFPROBE_PATH too', async () => {
    vi.stubEnv('FFPROBE_PATH', join(scratch.dir, 'no-such-ffprobe'));
    await expect(checkFfmpeg()).rejects.toBeInstanceOf(FfmpegMissingError);
  });

  it('makes runFfmpeg reject with FfmpegMissingError when the binary is missing', async () => {
    vi.stubEnv('FFMPEG_PATH', join(scratch.dir, 'no-such-ffmpeg'));
    await expect(runFfmpeg(['-version'])).rejects.toBeInstanceOf(FfmpegMissingError);
  });
});

describe('parseFfmpegVersion', () => {
  it.each([
    ['ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026', '5.1.9-0+deb12u1', 5],
    ['ffmpeg version n7.0.2 Copyright', 'n7.0.2', 7],
    ['ffprobe version 6.1.1-3ubuntu5 Copyright', '6.1.1-3ubuntu5', 6],
    ['ffmpeg version N-113546-g12345 Copyright', 'N-113546-g12345', undefined],
  ])('reads %s', (line, version, major) => {
    expect(parseFfmpegVersion(line)).toEqual({ version, major });
  });

  it('returns undefined for output that is not a version banner', () => {
    expect(parseFfmpegVersion('command not found')).toBeUndefined();
  });
});
