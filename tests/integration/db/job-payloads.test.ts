/**
 * Job payloads have one schema per task: jobs queued by the real write path pass it, and a task
 * given a malformed payload fails with a message naming the task and the field, before it touches
 * anything.
 */
import type { JobHelpers } from 'graphile-worker';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGenerationRun } from '../../../server/commands/generation-runs.ts';
import { JOB_PAYLOADS, type TaskName } from '../../../server/db/job-payloads.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { generateSegmentTask } from '../../../server/jobs/tasks/generate-segment.task.ts';
import { planEpisodeTask } from '../../../server/jobs/tasks/plan-episode.task.ts';
import { plannedEpisode } from '../../support/factories.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

const helpers = { abortSignal: new AbortController().signal } as unknown as JobHelpers;

describe('job payloads', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext();
  });
  afterAll(async () => {
    await context.cleanup();
  });

  const queuedJobs = async () =>
    (
      await sql<{ task_identifier: string; payload: unknown }>`
        SELECT t.identifier AS task_identifier, j.payload
        FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
        ORDER BY j.id
      `.execute(context.services.db)
    ).rows;

  /** What a task could change: the episode's rows and the queue. */
  const snapshot = async (episodeId: string) => ({
    episode: await context.services.db.selectFrom('episodes').select(['status', 'updated_at', 'error_message']).where('id', '=', episodeId).executeTakeFirst(),
    segments: await context.services.db.selectFrom('video_segments').selectAll().where('episode_id', '=', episodeId).orderBy('id').execute(),
    scenes: await context.services.db.selectFrom('scenes').select('id').where('episode_id', '=', episodeId).execute(),
    jobs: await queuedJobs(),
  });

  it('jobs queued by the write path pass their task schema', async () => {
    const episode = await plannedEpisode(context.services);
    await startGenerationRun(context.services, episode.id, { mode: 'parallel', batchSize: 3, startFrom: 1, autoApprove: false }, { userId: null, name: 'tester' });
    const jobs = await queuedJobs();
    expect(jobs.map((job) => job.task_identifier)).toEqual(expect.arrayContaining(['plan_episode', 'generate_segment']));
    for (const job of jobs) {
      expect(Object.keys(JOB_PAYLOADS)).toContain(job.task_identifier);
      const parsed = JOB_PAYLOADS[job.task_identifier as TaskName].safeParse(job.payload);
      expect(parsed.success, `${job.task_identifier} ${JSON.stringify(job.payload)}`).toBe(true);
    }
    const generate = jobs.filter((job) => job.task_identifier === 'generate_segment');
    const segments = await listCurrentSegments(context.services.db, episode.id);
    // The run hands the workers as many takes as the built-in provider renders at once (two), not
    // its whole batch of three: the rest wait in the run's own queue.
    expect(generate.map((job) => (job.payload as { segmentId: string }).segmentId).sort()).toEqual(segments.slice(0, 2).map((segment) => segment.id).sort());
  });

  it('a plan job with a malformed payload fails naming the task and the field, and changes nothing', async () => {
    const episode = await plannedEpisode(context.services, 'A lighthouse keeper befriends a storm');
    const before = await snapshot(episode.id);
    await expect(planEpisodeTask(context.services)({ episode_id: episode.id }, helpers)).rejects.toThrow(/plan_episode job's payload is malformed.*episodeId/);
    expect(await snapshot(episode.id)).toEqual(before);
  });

  it('a generation job with one bad field fails before it touches the take it names', async () => {
    const episode = await plannedEpisode(context.services, 'Two rival bakers share one oven');
    const [first] = await listCurrentSegments(context.services.db, episode.id);
    const before = await snapshot(episode.id);
    await expect(generateSegmentTask(context.services)({ segmentId: first!.id, attempt: 0 }, helpers)).rejects.toMatchObject({
      code: 'job_payload_invalid',
      message: expect.stringMatching(/generate_segment job's payload is malformed.*attempt/),
    });
    expect(await snapshot(episode.id)).toEqual(before);
  });
});
