/**
 * A run the team steers, step by step with no worker running (each take is made by calling the
 * jobs' commands, so every state below is exact): pause hands the takes a worker has not started
 * back to the waiting queue and starts nothing new, while a render already running finishes;
 * waiting shots move to the front in the order given; one shot's take is cancelled; failures are
 * grouped by what went wrong and retried a group at a time. Every refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSegment } from '../../../server/commands/segment-generator.ts';
import { DEFAULT_ENGINE } from '../../../server/commands/services.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { generateAndAnalyze } from '../../support/factories.ts';
import { RefusingProvider } from '../../support/refusing-provider.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { eventually } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';
import { sql } from 'kysely';

let context: TestContext;
let server: AppServer;
let editor: TestClient;

interface Queue {
  run: { id: string; paused: boolean; pause_reason: string | null } | null;
  running: { segment_number: number }[];
  waiting: { segment_number: number; position: number; estimated_start_at: string | null }[];
  failures: { kind: string; segments: { segment_number: number; message: string | null }[] }[];
}

/** Each slot's state, in slot order: "waiting", "queued", "generating", "completed", "failed:kind"… */
async function slots(episodeId: string): Promise<string[]> {
  const rows = await context.services.db
    .selectFrom('video_segments')
    .select(['status', 'approval_status', 'queued_at', 'error_kind'])
    .where('episode_id', '=', episodeId)
    .where('is_current', '=', true)
    .orderBy('segment_number')
    .execute();
  return rows.map((row) => {
    if (row.status === 'pending') return row.queued_at ? 'queued' : 'waiting';
    if (row.status === 'failed') return `failed:${row.error_kind}`;
    return row.status;
  });
}

/** Render jobs in the job queue for these takes. */
async function renderJobs(segmentIds: string[]): Promise<number> {
  const keys = segmentIds.map((segmentId) => `generate:${segmentId}`);
  const result = await sql<{ count: string }>`SELECT count(*)::text AS count FROM graphile_worker.jobs WHERE key = ANY(${keys})`.execute(context.services.db);
  return Number(result.rows[0]?.count ?? 0);
}

const ids = async (episodeId: string) =>
  (await context.services.db.selectFrom('video_segments').select('id').where('episode_id', '=', episodeId).where('is_current', '=', true).orderBy('segment_number').execute()).map(
    (row) => row.id,
  );
const queue = async (episodeId: string) => (await editor.json<Queue>('GET', `/api/v1/episodes/${episodeId}/generate-segments/queue`)).body;
const runRow = async (episodeId: string) =>
  context.services.db.selectFrom('generation_runs').selectAll().where('episode_id', '=', episodeId).where('status', '=', 'active').executeTakeFirst();

async function parallelRun(prompts: string[]): Promise<string> {
  const id = await shotListEpisode(editor, prompts.map((prompt) => ({ prompt, duration: 1 })));
  const started = await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' });
  expect(started.status).toBe(202);
  return id;
}

beforeAll(async () => {
  context = await createTestContext({
    providers: createProviderRegistry({ videos: [new RefusingProvider()] }),
    engine: { quotas: { ...DEFAULT_ENGINE.quotas, generationRuns: 50 } },
  });
  server = await startAppServer(context);
  editor = await signedUpClient(server.base, 'editor@example.com');
});
afterAll(async () => {
  await server?.close();
  await context?.cleanup();
});

describe('pause and resume', { timeout: 240_000 }, () => {
  it('gives the takes no worker has started back to the queue, lets a running render finish, and starts nothing until resumed', async () => {
    const id = await parallelRun(['one', 'two', 'three', 'four']);
    expect(await slots(id)).toEqual(['queued', 'queued', 'waiting', 'waiting']);
    const [first, second] = await ids(id);
    // A worker has started the first take when the run is paused.
    const rendering = generateSegment(context.services, { segmentId: first!, autoApprove: false });
    await eventually(async () => (await slots(id))[0] === 'generating', 30_000, 'the first render to start');
    const paused = await editor.json<{ paused: boolean; pause_reason: string }>('POST', `/api/v1/episodes/${id}/generate-segments/pause`, { reason: 'Checking the look first' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ paused: true, pause_reason: 'Checking the look first' });
    expect(await slots(id)).toEqual(['generating', 'waiting', 'waiting', 'waiting']);
    // The second take's job, queued but not started, is withdrawn.
    expect(await renderJobs((await ids(id)).slice(1))).toBe(0);
    // The running render finishes and is kept; nothing else starts.
    expect(await rendering).toBe('analyzing');
    expect((await slots(id)).slice(1)).toEqual(['waiting', 'waiting', 'waiting']);
    // A worker that still picks up a job for a waiting take (taken before the pause) leaves it waiting.
    expect(await generateSegment(context.services, { segmentId: second!, autoApprove: false })).toBe('deferred');
    expect((await slots(id))[1]).toBe('waiting');
    const view = await queue(id);
    expect(view.run).toMatchObject({ paused: true, pause_reason: 'Checking the look first' });
    expect(view.waiting.map((w) => [w.segment_number, w.position, w.estimated_start_at])).toEqual([
      [2, 1, null],
      [3, 2, null],
      [4, 3, null],
    ]);

    const resumed = await editor.json<{ paused: boolean }>('POST', `/api/v1/episodes/${id}/generate-segments/resume`, {});
    expect(resumed.body.paused).toBe(false);
    expect((await slots(id)).slice(1)).toEqual(['queued', 'queued', 'waiting']);
    const estimates = (await queue(id)).waiting;
    expect(estimates.map((w) => w.segment_number)).toEqual([4]);
    expect(Date.parse(estimates[0]!.estimated_start_at!)).toBeGreaterThan(Date.now() - 1000);
  });

  it('refuses to pause, resume or reorder without an active run, and changes nothing', async () => {
    const id = await shotListEpisode(editor, [{ prompt: 'alone', duration: 1 }]);
    for (const path of ['pause', 'resume']) {
      const refused = await editor.json<{ error: { code: string } }>('POST', `/api/v1/episodes/${id}/generate-segments/${path}`, {});
      expect(refused.status, path).toBe(409);
    }
    expect((await editor.json('PUT', `/api/v1/episodes/${id}/generate-segments/queue`, { order: [1] })).status).toBe(409);
    expect(await slots(id)).toEqual(['waiting']);
  });
});

describe('the waiting queue', { timeout: 240_000 }, () => {
  it('starts the shots moved to the front first, in the order given', async () => {
    const id = await parallelRun(['one', 'two', 'three', 'four', 'five']);
    await editor.post(`/api/v1/episodes/${id}/generate-segments/pause`, {});
    expect(await slots(id)).toEqual(['waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
    const moved = await editor.json<Queue>('PUT', `/api/v1/episodes/${id}/generate-segments/queue`, { order: [5, 3] });
    expect(moved.status).toBe(200);
    expect(moved.body.waiting.map((w) => w.segment_number)).toEqual([5, 3, 1, 2, 4]);
    await editor.post(`/api/v1/episodes/${id}/generate-segments/resume`, {});
    expect(await slots(id)).toEqual(['waiting', 'waiting', 'queued', 'waiting', 'queued']);
  });

  it('refuses to move a shot a worker has, a shot that is not waiting, or the same shot twice, and keeps the order', async () => {
    const id = await parallelRun(['one', 'two', 'three', 'four']);
    const before = (await runRow(id))!.queue_order;
    const rendering = await editor.json<{ error: { code: string; details: { rendering: number[] } } }>('PUT', `/api/v1/episodes/${id}/generate-segments/queue`, { order: [4, 1] });
    expect(rendering.status).toBe(409);
    expect(rendering.body.error.details.rendering).toEqual([1]);
    const stranger = await editor.json<{ error: { code: string; details: { not_waiting: number[] } } }>('PUT', `/api/v1/episodes/${id}/generate-segments/queue`, { order: [3, 9] });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error).toMatchObject({ code: 'not_waiting', details: { not_waiting: [9] } });
    const twice = await editor.json<{ error: { code: string } }>('PUT', `/api/v1/episodes/${id}/generate-segments/queue`, { order: [3, 3] });
    expect(twice.status).toBe(400);
    expect((await runRow(id))!.queue_order).toEqual(before);
    expect(await slots(id)).toEqual(['queued', 'queued', 'waiting', 'waiting']);
  });
});

describe('one shot cancelled, failures by kind', { timeout: 240_000 }, () => {
  it('cancels a queued take (its job is withdrawn and the next shot takes its place), then retries the cancelled group', async () => {
    const id = await parallelRun(['one', 'two', 'three']);
    const [first] = await ids(id);
    const cancelled = await editor.json<{ status: string }>('POST', `/api/v1/segments/${first}/cancel-render`, {});
    expect(cancelled.status).toBe(200);
    expect(await slots(id)).toEqual(['failed:cancelled', 'queued', 'queued']);
    expect(await renderJobs([first!])).toBe(0);
    expect(await renderJobs((await ids(id)).slice(1))).toBe(2);
    const view = await queue(id);
    expect(view.failures).toMatchObject([{ kind: 'cancelled', segments: [{ segment_number: 1, message: 'Cancelled by editor.' }] }]);
    // Nothing to cancel on a failed take; no group to retry that has no failure.
    expect((await editor.json('POST', `/api/v1/segments/${first}/cancel-render`, {})).status).toBe(409);
    expect((await editor.json('POST', `/api/v1/episodes/${id}/generate-segments/retry`, { kind: 'rate_limited' })).status).toBe(409);
    expect((await editor.json('POST', `/api/v1/episodes/${id}/generate-segments/retry`, { kind: 'everything' })).status).toBe(400);
    expect(await slots(id)).toEqual(['failed:cancelled', 'queued', 'queued']);

    const retried = await editor.json<{ retried: number[] }>('POST', `/api/v1/episodes/${id}/generate-segments/retry`, { kind: 'cancelled' });
    expect(retried.body.retried).toEqual([1]);
    // Back in the run's queue: it starts when a lane is free.
    expect(await slots(id)).toEqual(['waiting', 'queued', 'queued']);
  });

  it('groups a refusal apart from the other failures and retries only that group', async () => {
    const id = await parallelRun(['refuse this', 'two']);
    const [first, second] = await ids(id);
    expect(await generateAndAnalyze(context.services, first!)).toBe('failed');
    expect(await generateAndAnalyze(context.services, second!)).not.toBe('failed');
    const view = await queue(id);
    expect(view.failures.map((group) => [group.kind, group.segments.map((s) => s.segment_number)])).toEqual([['refused_by_policy', [1]]]);
    const retried = await editor.json<{ retried: number[] }>('POST', `/api/v1/episodes/${id}/generate-segments/retry`, { kind: 'refused_by_policy' });
    expect(retried.body.retried).toEqual([1]);
    expect((await slots(id))[0]).toBe('queued');
  });
});
