import { access, chmod, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FfmpegError } from '../../../server/media/errors.ts';
import { probeMedia } from '../../../server/media/probe.ts';
import { createBuiltinVideoProvider } from '../../../server/providers/builtin/builtin-video.provider.ts';
import { ProviderError } from '../../../server/providers/errors.ts';
import type { VideoProvider, VideoRequest } from '../../../server/providers/video.types.ts';
import { buildVideoRequest, makeScratchDir } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
let provider: VideoProvider;
beforeAll(async () => {
  scratch = await makeScratchDir();
  provider = createBuiltinVideoProvider();
});
afterAll(() => scratch.cleanup());
afterEach(() => {
  vi.unstubAllEnvs();
});

const small = (overrides: Parameters<typeof buildVideoRequest>[0] = {}) =>
  buildVideoRequest({ width: 320, height: 180, ...overrides, shot: { duration: 1, ...overrides.shot } });

describe('BuiltinVideoProvider', () => {
  it('identifies itself and its limits', () => {
    expect(provider.id).toBe('builtin');
    expect(provider.limits.maxConcurrent).toBe(2);
  });

  it('renders a shot into the work folder and reports it done', async () => {
    const workDir = join(scratch.dir, 'ok');
    const { jobId } = await provider.submit(small({ width: 640, height: 360 }), { workDir });
    const result = await provider.result(jobId);
    expect(result).toEqual({ kind: 'file', path: join(workDir, `builtin-${jobId}.mp4`), mimeType: 'video/mp4' });
    expect(await provider.progress(jobId)).toEqual({ state: 'succeeded', progress: 100 });
    const info = await probeMedia(join(workDir, `builtin-${jobId}.mp4`));
    expect(info.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(await readdir(workDir)).toEqual([`builtin-${jobId}.mp4`]);
  });

  it.each<[string, (r: VideoRequest) => void]>([
    ['zero duration', (r) => (r.shot.duration = 0)],
    ['negative duration', (r) => (r.shot.duration = -2)],
    ['a duration over 60 s', (r) => (r.shot.duration = 61)],
    ['zero width', (r) => (r.width = 0)],
    ['an odd width', (r) => (r.width = 1281)],
    ['an odd height', (r) => (r.height = 721)],
    ['fps 0', (r) => (r.fps = 0)],
    ['fps 61', (r) => (r.fps = 61)],
    ['an empty character colour', (r) => (r.characters = r.characters.map((c) => (c.key === 'mika' ? { ...c, color: '' } : c)))],
    ['a shot character missing from the sheet', (r) => (r.shot.characterKeys = ['mika', 'nobody'])],
  ])('rejects %s as invalid_input before starting', async (_, spoil) => {
    const request = small();
    spoil(request);
    const workDir = join(scratch.dir, 'invalid');
    const error = await provider.submit(request, { workDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('invalid_input');
    expect((error as ProviderError).provider).toBe('builtin');
    await expect(access(workDir)).rejects.toThrow();
  });

  it('answers invalid_input for a job id it does not know', async () => {
    await expect(provider.progress('no-such-job')).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(provider.result('no-such-job')).rejects.toMatchObject({ kind: 'invalid_input' });
  });

  it('cancels a running render: ffmpeg stops and no file is left', async () => {
    const workDir = join(scratch.dir, 'cancel');
    const { jobId } = await provider.submit(buildVideoRequest({ shot: { duration: 40 } }), { workDir });
    // Past 5 % means ffmpeg itself is encoding (the still is painted before it starts).
    const until = Date.now() + 10_000;
    while ((await provider.progress(jobId)).progress <= 5 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(await provider.progress(jobId)).toMatchObject({ state: 'running' });
    const cancelledAt = performance.now();
    await provider.cancel(jobId);
    const error = await provider.result(jobId).catch((e: unknown) => e);
    expect(performance.now() - cancelledAt).toBeLessThan(1500);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).cause).toMatchObject({ name: 'AbortError' });
    expect((await provider.progress(jobId)).state).toBe('cancelled');
    expect(await readdir(workDir)).toEqual([]);
  });

  it('queues work beyond two concurrent renders', async () => {
    const workDir = join(scratch.dir, 'queue');
    const jobs = await Promise.all([1, 2, 3].map((seed) => provider.submit(small({ seed }), { workDir })));
    const states = await Promise.all(jobs.map(({ jobId }) => provider.progress(jobId).then((p) => p.state)));
    expect(states.filter((s) => s === 'queued').length).toBeGreaterThanOrEqual(1);
    const results = await Promise.all(jobs.map(({ jobId }) => provider.result(jobId)));
    expect(results.map((r) => r.kind)).toEqual(['file', 'file', 'file']);
  });

  it('turns an ffmpeg crash into a retryable error that keeps the cause', async () => {
    const fake = join(scratch.dir, 'crashing-ffmpeg');
    await writeFile(fake, '#!/bin/sh\necho "Segmentation fault in libx264 (simulated)" >&2\nexit 139\n');
    await chmod(fake, 0o755);
    vi.stubEnv('FFMPEG_PATH', fake);
    const workDir = join(scratch.dir, 'crash');
    const { jobId } = await provider.submit(small(), { workDir });
    const error = await provider.result(jobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).kind).toBe('retryable');
    expect((error as ProviderError).retryable).toBe(true);
    const cause = (error as Error).cause;
    expect(cause).toBeInstanceOf(FfmpegError);
    expect((cause as FfmpegError).exitCode).toBe(139);
    expect((cause as FfmpegError).stderrTail).toContain('simulated');
    const status = await provider.progress(jobId);
    expect(status.state).toBe('failed');
    expect(status.error).toBe(error);
    expect(await readdir(workDir)).toEqual([]);
  });
});
