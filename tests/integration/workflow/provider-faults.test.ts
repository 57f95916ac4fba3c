/**
 * Provider faults and limits with a real worker: a provider that fails twice then succeeds is
 * retried with backoff; a policy refusal fails at once with the provider's message and does not
 * stop the others; per-provider concurrency holds across two worker runners; requests per minute
 * defer the excess to the next minute.
 */
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startGenerationRun } from '../../../server/commands/generation-runs.ts';
import { createEpisode } from '../../../server/commands/episode-creator.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import type { VideoProvider, VideoRequest } from '../../../server/providers/video.types.ts';
import { InstrumentedProvider } from '../../support/instrumented-provider.ts';
import { eventually } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';
import { makeTestClip } from '../../support/media-fixtures.ts';
import { startTestWorker } from '../../support/worker.ts';

let context: TestContext | undefined;
const workers: WorkerHandle[] = [];
const actor = { userId: null, name: 'test' };

async function setUp(provider: InstrumentedProvider, limits: Record<string, { maxConcurrent?: number; requestsPerMinute?: number }> = {}) {
  context = await createTestContext({ providers: createProviderRegistry({ videos: [provider] }), engine: { providerLimits: limits, maxAttempts: 4 } });
  return context;
}

async function shotEpisode(ctx: TestContext, provider: string, prompts: string[]) {
  const shots = prompts.map((prompt) => ({ scene: 'EXT. FIELD - DAY', prompt, duration: 1.5 }));
  // Small takes: these tests are about retries and limits, and must finish on a busy machine.
  return createEpisode(ctx.services, { shots, videoProvider: provider, title: 'Faults', width: 320, height: 180 }, actor);
}

afterEach(async () => {
  while (workers.length) await workers.pop()!.stop();
  await context?.cleanup();
  context = undefined;
});
afterAll(async () => {
  while (workers.length) await workers.pop()!.stop();
});

describe('provider faults', () => {
  it('retries a provider that fails twice, then succeeds', async () => {
    const provider = new InstrumentedProvider('flaky');
    provider.failFirst = 2;
    const ctx = await setUp(provider);
    workers.push(await startTestWorker(ctx));
    const episode = await shotEpisode(ctx, 'flaky', ['A windmill']);
    await startGenerationRun(ctx.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: false }, actor);
    const [done] = await eventually(async () => {
      const segments = await listCurrentSegments(ctx.services.db, episode.id);
      return segments[0]?.status === 'completed' && segments;
    }, 60_000, 'the third attempt');
    expect(provider.submits).toBe(3);
    expect(done).toMatchObject({ version: 1, status: 'completed' });
  });

  it('fails a refused segment at once with the provider’s message, and the others still complete', async () => {
    const provider = new InstrumentedProvider('strict');
    provider.refuse = (request) => request.shot.prompt.includes('forbidden');
    const ctx = await setUp(provider);
    workers.push(await startTestWorker(ctx));
    const episode = await shotEpisode(ctx, 'strict', ['A calm lake', 'Something forbidden', 'A quiet forest']);
    await startGenerationRun(ctx.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: true }, actor);
    const settled = await eventually(async () => {
      const segments = await listCurrentSegments(ctx.services.db, episode.id);
      return segments.every((s) => s.status === 'failed' || s.approval_status === 'approved') && segments;
    }, 60_000, 'the run to settle');
    expect(settled.map((s) => s.status)).toEqual(['completed', 'failed', 'completed']);
    expect(settled[1]).toMatchObject({ error_kind: 'refused_by_policy', error_message: 'This prompt violates the content policy.' });
    expect(provider.submits).toBe(3);
  });
});

describe('per-provider limits', () => {
  it('hold the concurrency limit across two worker runners', async () => {
    const provider = new InstrumentedProvider('narrow');
    const ctx = await setUp(provider, { narrow: { maxConcurrent: 1 } });
    workers.push(await startTestWorker(ctx, { concurrency: 3 }), await startTestWorker(ctx, { concurrency: 3 }));
    const episode = await shotEpisode(ctx, 'narrow', ['One', 'Two', 'Three', 'Four']);
    await startGenerationRun(ctx.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: true }, actor);
    await eventually(async () => (await listCurrentSegments(ctx.services.db, episode.id)).every((s) => s.approval_status === 'approved'), 90_000, 'all four');
    expect(provider.maxActive).toBe(1);
  });

  it('let a wider limit run segments side by side (the counter sees concurrency)', async () => {
    const provider = new InstrumentedProvider('wide');
    const ctx = await setUp(provider, { wide: { maxConcurrent: 3 } });
    workers.push(await startTestWorker(ctx, { concurrency: 3 }));
    const episode = await shotEpisode(ctx, 'wide', ['One', 'Two', 'Three']);
    await startGenerationRun(ctx.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: true }, actor);
    await eventually(async () => (await listCurrentSegments(ctx.services.db, episode.id)).every((s) => s.approval_status === 'approved'), 90_000, 'all three');
    expect(provider.maxActive).toBeGreaterThan(1);
  });

  it('defer requests over the per-minute limit to the next minute', async () => {
    const provider = new InstrumentedProvider('metered');
    const ctx = await setUp(provider, { metered: { requestsPerMinute: 2 } });
    workers.push(await startTestWorker(ctx));
    const episode = await shotEpisode(ctx, 'metered', ['One', 'Two', 'Three']);
    const minuteStart = Math.floor(Date.now() / 60_000) * 60_000;
    await startGenerationRun(ctx.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: false }, actor);
    const segments = await eventually(async () => {
      const rows = await listCurrentSegments(ctx.services.db, episode.id);
      return rows.filter((s) => s.status === 'completed').length === 2 && rows;
    }, 60_000, 'two renders');
    // Unless the minute turned meanwhile, the third waits for the next one.
    if (Date.now() - minuteStart < 55_000) {
      const third = segments.find((s) => s.status !== 'completed')!;
      expect(third.status).toBe('pending');
      const job = await sql<{ run_at: Date }>`SELECT run_at FROM graphile_worker._private_jobs WHERE key = ${`generate:${third.id}`}`.execute(ctx.services.db);
      expect(job.rows[0]!.run_at.getTime()).toBeGreaterThanOrEqual(minuteStart + 60_000);
      expect(provider.submits).toBe(2);
    }
  });
});

describe('consistency', () => {
  it('gives every take of a shot the same character sheet and location, whatever else changes', async () => {
    const provider = new InstrumentedProvider('recording');
    const ctx = await setUp(provider);
    const shots = [{ scene: 'EXT. PIER - DUSK', location_description: 'Wet planks, gulls, a red lamp', prompt: 'Ada waits', characters: ['Ada', 'Bo'], duration: 1.5 }];
    const characters = [{ name: 'Ada', visual_traits: ['yellow raincoat'], color: '#aa3322' }];
    const episode = await createEpisode(ctx.services, { shots, characters, videoProvider: 'recording', width: 320, height: 180 }, actor);
    const [first] = await listCurrentSegments(ctx.services.db, episode.id);
    const { generateAndAnalyze } = await import('../../support/factories.ts');
    const { rejectSegment } = await import('../../../server/commands/segment-reviews.ts');
    const { regenerateSegment } = await import('../../../server/commands/segment-versions.ts');
    await generateAndAnalyze(ctx.services, first!.id);
    await rejectSegment(ctx.services, first!.id, actor, { reason: 'darker', suggestedChanges: { style_adjustments: 'noir' } });
    const second = await regenerateSegment(ctx.services, first!.id, { changes: { prompt_modifications: 'in the rain', seed: 7 }, keepOriginal: true }, actor);
    await generateAndAnalyze(ctx.services, second.id);
    const [a, b] = provider.requests;
    expect(b!.characters).toEqual(a!.characters);
    expect(a!.characters.find((c) => c.name === 'Ada')).toMatchObject({ color: '#aa3322', visualTraits: ['yellow raincoat'] });
    expect(b!.scene).toEqual(a!.scene);
    expect(b!.scene.locationDescription).toBe('Wet planks, gulls, a red lamp');
    expect(b!.shot.prompt).toBe(`${a!.shot.prompt} in the rain`);
    expect(b!.style).toBe(`${a!.style}, noir`);
    expect(b!.seed).toBe(7);
    expect(a!.seed).not.toBe(7);
  });
});

/** A provider whose renders "succeed" with a file that is not a video. */
/** A provider whose jobs finish at once with a file it wrote; subclasses say what the file is. */
abstract class InstantFileProvider implements VideoProvider {
  abstract readonly id: string;
  readonly limits = { maxConcurrent: 1 };
  private readonly files = new Map<string, string>();
  protected abstract write(request: VideoRequest, path: string): Promise<void>;
  async submit(request: VideoRequest, context: { workDir: string }) {
    const jobId = `job-${this.files.size}`;
    const path = `${context.workDir}/${jobId}.mp4`;
    await this.write(request, path);
    this.files.set(jobId, path);
    return { jobId };
  }
  async progress() {
    return { state: 'succeeded' as const, progress: 100 };
  }
  async result(jobId: string) {
    return { kind: 'file' as const, path: this.files.get(jobId)!, mimeType: 'video/mp4' };
  }
  async cancel() {}
}

class GarbageProvider extends InstantFileProvider {
  readonly id = 'garbage';
  protected async write(_request: VideoRequest, path: string) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, 'this is not a video, whatever its name says');
  }
}

describe('ingest of a bad provider file', () => {
  it('fails the segment with a clear message and keeps no file under the final name', async () => {
    const ctx = await setUp(new InstrumentedProvider('unused'));
    ctx.services.providers = createProviderRegistry({ videos: [new GarbageProvider()] });
    workers.push(await startTestWorker(ctx));
    const episode = await shotEpisode(ctx, 'garbage', ['A shot that never renders']);
    await startGenerationRun(ctx.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: false }, actor);
    const [failed] = await eventually(async () => {
      const segments = await listCurrentSegments(ctx.services.db, episode.id);
      return segments[0]?.status === 'failed' && segments;
    }, 60_000, 'the analysis to refuse the file');
    expect(failed).toMatchObject({ error_kind: 'invalid_output', video_url: null });
    expect(failed!.error_message).toMatch(/cannot be used/);
    // Reviewers read this: it names the file, not where the server keeps it.
    expect(failed!.error_message).not.toContain(ctx.services.dataDir);
    expect(failed!.error_message).not.toContain(`${tmpdir()}/`);
    const { existsSync } = await import('node:fs');
    expect(existsSync(ctx.services.storage.localPath(`segments/${episode.id}/${failed!.id}/video.mp4`)!)).toBe(false);
  });
});

/** Renders a valid clip with no sound track at all; says whether it promises sound. */
class SilentClipProvider extends InstantFileProvider {
  readonly id: string;
  readonly makesSound: boolean;
  constructor(id: string, makesSound: boolean) {
    super();
    this.id = id;
    this.makesSound = makesSound;
  }
  protected async write(request: VideoRequest, path: string) {
    await makeTestClip(path, { durationSeconds: request.shot.duration, audio: false, size: '320x180', fps: 24 });
  }
}

describe('silence in the quality score', () => {
  it('scores a silent take down only when its provider promises sound', async () => {
    const ctx = await setUp(new InstrumentedProvider('unused'));
    ctx.services.providers = createProviderRegistry({ videos: [new SilentClipProvider('mute', false), new SilentClipProvider('talkie', true)] });
    workers.push(await startTestWorker(ctx));
    const scores: Record<string, { score: number; expected: unknown; silence: unknown }> = {};
    for (const provider of ['mute', 'talkie']) {
      const episode = await shotEpisode(ctx, provider, ['A quiet street at dawn']);
      await startGenerationRun(ctx.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: false }, actor);
      const [segment] = await eventually(async () => {
        const segments = await listCurrentSegments(ctx.services.db, episode.id);
        return segments[0]?.status === 'completed' && segments;
      }, 60_000, `the ${provider} take to be analyzed`);
      const metrics = segment!.quality_metrics as { audio_expected?: unknown; silence_ratio?: unknown };
      scores[provider] = { score: Number(segment!.quality_score), expected: metrics.audio_expected, silence: metrics.silence_ratio };
    }
    expect(scores.mute).toMatchObject({ expected: false });
    expect(scores.talkie).toMatchObject({ expected: true });
    // The same silent picture: only the promise of sound makes the difference (silence weight 0.3).
    expect(scores.talkie!.score).toBeCloseTo(scores.mute!.score * 0.7, 2);
  });
});

