/**
 * What a generation run queues, step by step, with no worker running: the jobs stay queued and
 * each take is made by calling the two jobs' commands, so every count below is exact. A parallel
 * run keeps at most `batch_size` takes in flight (a failed take frees its place); a sequential run
 * makes `batch_size`, then waits for their review; `start_from` 0 and 1 both start at the first
 * segment; an auto-approving run approves the takes made before it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE } from '../../../server/commands/services.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { generateAndAnalyze } from '../../support/factories.ts';
import { RefusingProvider } from '../../support/refusing-provider.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let editor: TestClient;

interface Slot {
  id: string;
  segment_number: number;
  status: string;
  approval_status: string;
}
interface Status {
  segments: Slot[];
  active_run: { job_id: string; mode: string; batch_size: number; start_from: number; status: string } | null;
}

/** Each slot's state, in slot order: "waiting", "queued", "generating", "completed", "approved", "failed"… */
async function slots(episodeId: string): Promise<string[]> {
  const rows = await context.services.db
    .selectFrom('video_segments')
    .select(['segment_number', 'status', 'approval_status', 'queued_at'])
    .where('episode_id', '=', episodeId)
    .where('is_current', '=', true)
    .orderBy('segment_number')
    .execute();
  return rows.map((row) => {
    if (row.status === 'pending') return row.queued_at ? 'queued' : 'waiting';
    if (row.status === 'completed') return row.approval_status === 'pending' ? 'completed' : row.approval_status;
    return row.status;
  });
}

const status = async (episodeId: string) => (await editor.json<Status>('GET', `/api/v1/episodes/${episodeId}/segments/status`)).body;
const slotIds = async (episodeId: string) => (await status(episodeId)).segments.sort((a, b) => a.segment_number - b.segment_number).map((s) => s.id);
const start = (episodeId: string, body: Record<string, unknown>) =>
  editor.json<{ status: string; total_segments: number; run: Status['active_run'] }>('POST', `/api/v1/episodes/${episodeId}/generate-segments`, body);

async function episode(prompts: string[]): Promise<string> {
  return shotListEpisode(editor, prompts.map((prompt) => ({ prompt, duration: 1 })));
}

beforeAll(async () => {
  // Same id as the built-in renderer, which it replaces: episodes use it by default.
  // No worker runs here, so every run started below stays active: one account holds them all.
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

describe('parallel runs', { timeout: 240_000 }, () => {
  it('keep at most batch_size takes in flight, and a finished or failed take frees its place', async () => {
    const id = await episode(['one', 'two (refuse)', 'three', 'four', 'five']);
    const started = await start(id, { mode: 'parallel', batch_size: 2 });
    expect(started.status).toBe(202);
    expect(started.body.run).toMatchObject({ mode: 'parallel', batch_size: 2 });
    expect(await slots(id)).toEqual(['queued', 'queued', 'waiting', 'waiting', 'waiting']);

    const ids = await slotIds(id);
    expect(await generateAndAnalyze(context.services, ids[0]!)).toBe('completed');
    // Made and waiting for review: no longer in flight, so the next one is queued.
    expect(await slots(id)).toEqual(['completed', 'queued', 'queued', 'waiting', 'waiting']);
    expect(await generateAndAnalyze(context.services, ids[1]!)).toBe('failed');
    expect(await slots(id)).toEqual(['completed', 'failed', 'queued', 'queued', 'waiting']);
  });

  it('without batch_size, hand the workers as many takes as the provider renders at once, and the next as each render ends', async () => {
    const id = await episode(['one', 'two', 'three']);
    const started = await start(id, { mode: 'parallel' });
    expect(started.body.run).toMatchObject({ batch_size: 3 });
    // The built-in renderer makes two at once; the third waits where the team can still move or pause it.
    expect(await slots(id)).toEqual(['queued', 'queued', 'waiting']);
    const ids = await slotIds(id);
    await generateAndAnalyze(context.services, ids[0]!);
    expect(await slots(id)).toEqual(['completed', 'queued', 'queued']);
  });
});

describe('sequential runs', { timeout: 240_000 }, () => {
  it('make batch_size takes, then wait until they are approved before the next batch', async () => {
    const id = await episode(['one', 'two', 'three', 'four', 'five']);
    await start(id, { mode: 'sequential', batch_size: 2 });
    expect(await slots(id)).toEqual(['queued', 'queued', 'waiting', 'waiting', 'waiting']);
    const ids = await slotIds(id);
    await generateAndAnalyze(context.services, ids[0]!);
    await generateAndAnalyze(context.services, ids[1]!);
    expect(await slots(id)).toEqual(['completed', 'completed', 'waiting', 'waiting', 'waiting']);
    expect((await editor.post(`/api/v1/segments/${ids[0]}/approve`, {})).status).toBe(200);
    expect(await slots(id)).toEqual(['approved', 'completed', 'waiting', 'waiting', 'waiting']);
    expect((await editor.post(`/api/v1/segments/${ids[1]}/approve`, {})).status).toBe(200);
    expect(await slots(id)).toEqual(['approved', 'approved', 'queued', 'queued', 'waiting']);
  });

  it('make one take at a time without batch_size', async () => {
    const id = await episode(['one', 'two']);
    const started = await start(id, { mode: 'sequential' });
    expect(started.body.run).toMatchObject({ batch_size: 1 });
    expect(await slots(id)).toEqual(['queued', 'waiting']);
  });
});

describe('start_from', () => {
  it.each([0, 1])('%i starts at the first segment', async (from) => {
    const id = await episode(['one', 'two', 'three']);
    const started = await start(id, { mode: 'sequential', start_from: from });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total_segments: 3, run: { start_from: 1 } });
    expect(await slots(id)).toEqual(['queued', 'waiting', 'waiting']);
  });

  it('2 starts at the second segment', async () => {
    const id = await episode(['one', 'two', 'three']);
    const started = await start(id, { mode: 'sequential', start_from: 2 });
    expect(started.body).toMatchObject({ total_segments: 2, run: { start_from: 2 } });
    expect(await slots(id)).toEqual(['waiting', 'queued', 'waiting']);
  });
});

describe('auto_approve', { timeout: 240_000 }, () => {
  it('approves the takes made before the run, and completes at once when nothing else is left', async () => {
    const id = await episode(['one', 'two']);
    for (const segment of await slotIds(id)) await generateAndAnalyze(context.services, segment);
    expect(await slots(id)).toEqual(['completed', 'completed']);
    const started = await start(id, { mode: 'sequential', auto_approve: true });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('completed');
    expect(await slots(id)).toEqual(['approved', 'approved']);
    expect((await status(id)).active_run).toBeNull();
    const reviews = await context.services.db.selectFrom('segment_reviews').select(['action', 'reviewer_name']).where('episode_id', '=', id).execute();
    expect(reviews).toEqual([
      { action: 'approve', reviewer_name: 'Dailies (auto-approve)' },
      { action: 'approve', reviewer_name: 'Dailies (auto-approve)' },
    ]);
  });

  it('leaves a take someone rejected alone, and approves one queued before the run once it is made', async () => {
    const id = await episode(['one', 'two', 'three']);
    const [first, second, third] = await slotIds(id);
    await generateAndAnalyze(context.services, first!);
    expect((await editor.post(`/api/v1/segments/${first}/reject`, { reason: 'Too dark' })).status).toBe(200);
    // A run without auto-approval queues the second and third, and is cancelled.
    await start(id, { mode: 'parallel' });
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments/cancel`)).status).toBe(200);
    await generateAndAnalyze(context.services, second!);
    expect(await slots(id)).toEqual(['rejected', 'completed', 'queued']);

    await start(id, { mode: 'parallel', auto_approve: true });
    expect(await slots(id)).toEqual(['rejected', 'approved', 'queued']);
    // Its job was queued without auto-approval; the run approves it all the same.
    await generateAndAnalyze(context.services, third!, false);
    expect(await slots(id)).toEqual(['rejected', 'approved', 'approved']);
    expect((await status(id)).active_run).toMatchObject({ status: 'active' });
  });
});
