import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegError } from '../../../server/media/errors.ts';
import { runFfmpeg, runFfprobe } from '../../../server/media/ffmpeg.ts';
import { makeScratchDir } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
beforeAll(async () => {
  scratch = await makeScratchDir();
});
afterAll(() => scratch.cleanup());

describe('runFfmpeg', () => {
  it('rejects bad arguments with FfmpegError carrying the exit code and stderr', async () => {
    const error = await runFfmpeg(['-i', join(scratch.dir, 'missing.mp4'), join(scratch.dir, 'out.mp4')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegError);
    const ffmpegError = error as FfmpegError;
    expect(ffmpegError.exitCode).not.toBe(0);
    expect(ffmpegError.exitCode).not.toBeNull();
    expect(ffmpegError.stderrTail).toContain('missing.mp4');
    expect(ffmpegError.stderrTail).toMatch(/No such file or directory/);
    expect(ffmpegError.message).toMatch(/exited with code \d+/);
  });

  it('keeps only the last 20 lines of stderr', async () => {
    const filters = Array.from({ length: 30 }, () => 'nosuchfilter').join(',');
    const error = (await runFfmpeg(['-f', 'lavfi', '-i', 'nullsrc', '-vf', filters, '-f', 'null', '-']).catch((e: unknown) => e)) as FfmpegError;
    expect(error).toBeInstanceOf(FfmpegError);
    expect(error.stderrTail.split('\n').length).toBeLessThanOrEqual(20);
    expect(error.stderrTail).toContain('nosuchfilter');
  });

  it('reports progress from 0 to 1, at most about four times a second', async () => {
    const calls: { at: number; fraction: number }[] = [];
    const out = join(scratch.dir, 'progress.mp4');
    await runFfmpeg(
      ['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=8', '-c:v', 'libx264', '-preset', 'medium', out],
      { expectedDurationSeconds: 8, onProgress: (fraction) => calls.push({ at: performance.now(), fraction }) },
    );
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.at(-1)?.fraction).toBe(1);
    const fractions = calls.map((c) => c.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(fractions.slice(0, -1).every((f) => f > 0 && f < 1)).toBe(true);
    // All but the final "done" call are at least ~250 ms apart.
    for (let i = 1; i < calls.length - 1; i++) expect(calls[i]!.at - calls[i - 1]!.at).toBeGreaterThanOrEqual(240);
  });

  it('kills ffmpeg and rejects with an AbortError when the signal aborts', async () => {
    const out = join(scratch.dir, 'aborted.mp4');
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 300);
    const error = await runFfmpeg(
      ['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=600', '-c:v', 'libx264', '-preset', 'slow', out],
      { signal: controller.signal },
    ).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('rejects at once, without starting ffmpeg, when the signal is already aborted', async () => {
    const out = join(scratch.dir, 'never.mp4');
    const error = await runFfmpeg(['-f', 'lavfi', '-i', 'testsrc2=duration=1', out], { signal: AbortSignal.abort() }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
    await expect(access(out)).rejects.toThrow();
  });
});

describe('runFfprobe', () => {
  it('returns what ffprobe printed', async () => {
    const out = await runFfprobe(['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:duration=1', '-show_entries', 'stream=width,height', '-of', 'csv=p=0']);
    expect(out.trim()).toBe('64,48');
  });
});
