/**
 * A worker killed mid-render (kill -9) must not keep its job locked for hours: a live process
 * notices the missing heartbeat, releases the job, and the segment completes within 60 s with one
 * version and no partial file.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEpisode } from '../../../server/commands/episode-creator.ts';
import { startGenerationRun } from '../../../server/commands/generation-runs.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { childEnv, startCli, stopChild, waitForOutput } from '../../support/cli.ts';
import { jobLockSeconds } from '../../support/jobs.ts';
import { eventually } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';
import { startTestWorker } from '../../support/worker.ts';

let context: TestContext;
let survivor: WorkerHandle | undefined;

beforeAll(async () => {
  context = await createTestContext();
});
afterAll(async () => {
  await survivor?.stop();
  await context?.cleanup();
});

describe('a worker killed mid-job', () => {
  it('has its job released and completed by another worker within 60 s', async () => {
    const doomed = startCli(['worker'], childEnv({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir }));
    await waitForOutput(doomed, /Worker running/, 60_000);
    const actor = { userId: null, name: 'test' };
    // A long shot, so that the render is still running when the worker dies.
    // Small frames: the survivor renders the whole shot again, on what may be a busy machine.
    const episode = await createEpisode(context.services, { shots: [{ prompt: 'A long slow pan over the city', duration: 45, camera: 'pan-left' }], width: 320, height: 180 }, actor);
    await startGenerationRun(context.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: false }, actor);
    await eventually(async () => {
      const [segment] = await listCurrentSegments(context.services.db, episode.id);
      return segment?.status === 'generating' && segment.progress > 0;
    }, 60_000, 'the render to start');
    doomed.kill('SIGKILL');
    await stopChild(doomed, 'SIGKILL');
    const killedAt = Date.now();

    survivor = await startTestWorker(context, { heartbeat: { intervalMs: 500, staleSeconds: 4, graceSeconds: 2 } });
    const [done] = await eventually(async () => {
      const segments = await listCurrentSegments(context.services.db, episode.id);
      return segments[0]?.status === 'completed' && segments;
    }, 60_000, 'the released job to complete');
    expect(Date.now() - killedAt).toBeLessThan(60_000);

    const versions = await context.services.db.selectFrom('video_segments').select(['id', 'version']).where('episode_id', '=', episode.id).execute();
    expect(versions).toEqual([{ id: done!.id, version: 1 }]);
    const files = await readdir(join(context.dataDir, 'segments', episode.id, done!.id));
    // One take's files, once: the normalized video, its poster and sprite, and the provider's original.
    expect(files.sort()).toEqual(['poster.jpg', 'source.mp4', 'sprite.jpg', 'video.mp4']);
    expect(done!.duration).toBeCloseTo(45, 0);
    await survivor.stop();
    survivor = undefined;
  }, 150_000);

  it('leaves the job of a live worker alone, however long it runs', async () => {
    const actor = { userId: null, name: 'test' };
    // Two live processes: whichever takes the render, the other's reaper must leave it alone too.
    const busy = await startTestWorker(context, { heartbeat: { intervalMs: 300, staleSeconds: 2, graceSeconds: 1 } });
    const bystander = await startTestWorker(context, { heartbeat: { intervalMs: 300, staleSeconds: 2, graceSeconds: 1 } });
    try {
      const episode = await createEpisode(context.services, { shots: [{ prompt: 'Another long take', duration: 40 }] }, actor);
      await startGenerationRun(context.services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: false }, actor);
      await eventually(async () => (await listCurrentSegments(context.services.db, episode.id))[0]?.status === 'generating', 90_000, 'the render');
      // Once the render's lock is older than a stale heartbeat and the grace period together, both
      // processes' reapers still find nothing to release.
      await eventually(async () => ((await jobLockSeconds(context.services.db, 'generate_segment')) ?? 0) > 3.5, 30_000, 'the lock to outlive the grace period');
      expect(await busy.heartbeat.beat()).toEqual([]);
      expect(await bystander.heartbeat.beat()).toEqual([]);
      expect((await listCurrentSegments(context.services.db, episode.id))[0]?.status).toBe('generating');
      await eventually(async () => (await listCurrentSegments(context.services.db, episode.id))[0]?.status === 'completed', 180_000, 'completion');
    } finally {
      await Promise.all([busy.stop(), bystander.stop()]);
    }
  }, 300_000);
});
