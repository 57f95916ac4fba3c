/**
 * Money and a run that outlives its worker, with a real worker and a remote video model (a mock
 * server speaking Veo's protocol, $0.05 a second, every shot billed as a 4-s clip: $0.20 a take).
 * The owner's budget refuses a run it cannot cover and is never set below what is spent; a run's
 * cost cap pauses the run mid-way with the reason, and raising it as the run resumes finishes the
 * run; the costs view counts cost per approved second, the share of takes rejected and spend per
 * person. A run paused while its worker stops stays paused when the server and a new worker start,
 * and finishes once resumed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiSdkVideoProvider } from '../../../server/providers/ai-video/ai-sdk-video.provider.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { BuiltinVideoProvider } from '../../../server/providers/builtin/builtin-video.provider.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { addMember } from '../../support/factories.ts';
import { startHarness, type Harness } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { jobsDone } from '../../support/jobs.ts';
import { startMockVideoApiServer, type MockVideoApiServer } from '../../support/mock-video-api-server.ts';
import { eventually } from '../../support/server-process.ts';
import { startTestWorker } from '../../support/worker.ts';

const KEY = 'veo-test-key';

let mock: MockVideoApiServer;
let harness: Harness;
let owner: TestClient;
let editor: TestClient;

interface Costs {
  spent: { cost_usd: number };
  budget: { budget_usd: number | null; spent_usd: number; committed_usd: number; remaining_usd: number | null };
  cost_per_approved_second_usd: number | null;
  takes_made: number;
  rejected_share: number | null;
  by_requester: { name: string; takes: number; cost_usd: number }[];
}
interface Run {
  paused: boolean;
  pause_reason: string | null;
  status: string;
}
interface Segment {
  id: string;
  segment_number: number;
  status: string;
  approval_status: string;
}

const costs = async (id: string) => (await owner.json<Costs>('GET', `/api/v1/episodes/${id}/costs`)).body;
const segments = async (id: string) =>
  (await owner.json<{ segments: Segment[] }>('GET', `/api/v1/episodes/${id}/segments/status`)).body.segments.sort((a, b) => a.segment_number - b.segment_number);
const activeRun = async (id: string) => (await owner.json<{ active_run: Run | null }>('GET', `/api/v1/episodes/${id}/segments/status`)).body.active_run;
/** Each take's status, read from the database (the restart test has no server for a while). */
const statuses = async (id: string) =>
  (await harness.context.services.db.selectFrom('video_segments').select('status').where('episode_id', '=', id).where('is_current', '=', true).orderBy('segment_number').execute()).map(
    (row) => row.status,
  );
const runRows = async (id: string) => harness.context.services.db.selectFrom('generation_runs').selectAll().where('episode_id', '=', id).execute();

async function episode(count: number, provider = 'veo'): Promise<string> {
  const shots = Array.from({ length: count }, (_, index) => ({ prompt: `Shot ${index + 1} of the harbour`, duration: 2 }));
  const { status, body } = await owner.json<{ id: string }>('POST', '/api/v1/episodes', { shots, title: 'The harbour', video_provider: provider });
  expect(status).toBe(201);
  return body.id;
}

beforeAll(async () => {
  // Each render polls a few times, long enough to pause while one is running.
  mock = await startMockVideoApiServer({ acceptKey: KEY, defaultJob: { steps: 3, stepMs: 60 } });
  const veo = createAiSdkVideoProvider({
    id: 'veo',
    kind: 'google',
    model: 'veo-3.1-generate-preview',
    apiKey: KEY,
    keySetting: 'GEMINI_KEY',
    baseUrl: mock.veoBase,
    maxConcurrent: 1,
    pricePerSecondUsd: 0.05,
    imageInput: { firstFrame: true, references: true },
    durations: [4, 6, 8],
    timeoutMs: 5_000,
    pollMs: 30,
    maxJobMs: 60_000,
  });
  harness = await startHarness({ providers: createProviderRegistry({ videos: [new BuiltinVideoProvider(), veo] }) });
  owner = harness.editor;
  editor = await signedUpClient(harness.server.base, 'second-editor@example.com', 'Sam');
}, 120_000);

afterAll(async () => {
  // The restart test stops the harness's worker and server itself; stopping twice is harmless.
  await harness?.worker.stop();
  await harness?.server.close().catch(() => undefined);
  await harness?.context.cleanup();
  await mock?.close();
});

describe('budgets', { timeout: 300_000 }, () => {
  it('refuses a run the budget cannot cover, and a budget below what is spent, changing nothing', async () => {
    const id = await episode(3);
    // One take first: $0.20 spent.
    expect((await owner.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'sequential' })).status).toBe(202);
    await eventually(async () => (await segments(id))[0]?.status === 'completed', 60_000, 'the first take');
    expect((await owner.post(`/api/v1/episodes/${id}/generate-segments/cancel`, {})).status).toBe(200);
    await jobsDone(harness.context.services.db);
    expect((await costs(id)).spent.cost_usd).toBe(0.2);

    const below = await owner.json<{ error: { code: string; details: Record<string, number> } }>('PUT', `/api/v1/episodes/${id}/budget`, { budget_usd: 0.1 });
    expect(below.status).toBe(422);
    expect(below.body.error).toMatchObject({ code: 'budget_below_spend', details: { spent_usd: 0.2, budget_usd: 0.1 } });
    expect((await costs(id)).budget.budget_usd).toBeNull();
    expect((await owner.json('PUT', `/api/v1/episodes/${id}/budget`, { budget_usd: -1 })).status).toBe(400);
    expect((await owner.json('PUT', `/api/v1/episodes/${id}/budget`, { budget_usd: '5' })).status).toBe(400);

    const set = await owner.json<{ budget_usd: number }>('PUT', `/api/v1/episodes/${id}/budget`, { budget_usd: 0.5 });
    expect(set.status).toBe(200);
    expect((await costs(id)).budget).toEqual({ budget_usd: 0.5, spent_usd: 0.2, committed_usd: 0, remaining_usd: 0.3 });

    // Two shots left at $0.20 each: $0.40 does not fit the $0.30 left.
    const refused = await owner.json<{ error: { code: string; details: Record<string, number> } }>('POST', `/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'budget_exceeded', details: { estimate_usd: 0.4, spent_usd: 0.2, remaining_usd: 0.3, budget_usd: 0.5 } });
    expect((await runRows(id)).filter((run) => run.status === 'active')).toEqual([]);
    expect((await segments(id)).map((s) => s.status)).toEqual(['completed', 'pending', 'pending']);

    // Only the owner sets a budget.
    await addMember(harness.context.services, id, 'second-editor@example.com', 'editor');
    expect((await editor.json('PUT', `/api/v1/episodes/${id}/budget`, { budget_usd: 10 })).status).toBe(403);
    // Raised by the owner, the run starts.
    expect((await owner.json('PUT', `/api/v1/episodes/${id}/budget`, { budget_usd: 0.6 })).status).toBe(200);
    expect((await owner.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
    await eventually(async () => (await segments(id)).every((s) => s.status === 'completed'), 90_000, 'every take');
    expect((await costs(id)).budget).toMatchObject({ spent_usd: 0.6, remaining_usd: 0 });
  });

  it('pauses a run at its cost cap with the reason, and finishes it when the owner raises the cap as it resumes', async () => {
    const id = await episode(4);
    await addMember(harness.context.services, id, 'second-editor@example.com', 'editor');
    // The cap is the owner's: an editor may start runs, not set what they may spend.
    expect((await editor.json('POST', `/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel', cost_cap_usd: 1 })).status).toBe(403);
    expect((await runRows(id)).length).toBe(0);
    expect((await owner.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel', cost_cap_usd: 0.4 })).status).toBe(202);
    const paused = await eventually(async () => {
      const run = await activeRun(id);
      return run?.paused ? run : undefined;
    }, 90_000, 'the run to pause at its cap');
    expect(paused.pause_reason).toMatch(/^Run cap reached: this run has spent or committed \$0\.40 of its \$0\.40 cap, and shot 3 would cost about \$0\.20\.$/u);
    await eventually(async () => (await segments(id)).filter((s) => s.status === 'completed').length === 2, 60_000, 'the two takes the cap covers');
    expect((await segments(id)).map((s) => s.status)).toEqual(['completed', 'completed', 'pending', 'pending']);
    // An editor resumes, but may not raise the cap; the run pauses again at once for the same reason.
    expect((await editor.json('POST', `/api/v1/episodes/${id}/generate-segments/resume`, { cost_cap_usd: 5 })).status).toBe(403);
    const again = await editor.json<Run>('POST', `/api/v1/episodes/${id}/generate-segments/resume`, {});
    expect(again.body).toMatchObject({ paused: true, pause_reason: expect.stringMatching(/^Run cap reached/u) });
    const resumed = await owner.json<Run>('POST', `/api/v1/episodes/${id}/generate-segments/resume`, { cost_cap_usd: 0.8 });
    expect(resumed.body.paused).toBe(false);
    await eventually(async () => (await segments(id)).every((s) => s.status === 'completed'), 90_000, 'every take');
    expect((await costs(id)).spent.cost_usd).toBe(0.8);
  });

  it('counts cost per approved second, the share of takes rejected and spend per person who asked', async () => {
    const id = await episode(2);
    await addMember(harness.context.services, id, 'second-editor@example.com', 'editor');
    expect((await owner.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
    await eventually(async () => (await segments(id)).every((s) => s.status === 'completed'), 90_000, 'both takes');
    const [first, second] = await segments(id);
    expect((await owner.post(`/api/v1/segments/${first!.id}/approve`, {})).status).toBe(200);
    expect((await owner.post(`/api/v1/segments/${second!.id}/reject`, { reason: 'Too dark' })).status).toBe(200);
    // Sam asks for the second shot again.
    expect((await editor.post(`/api/v1/segments/${second!.id}/regenerate`, {})).status).toBe(202);
    await eventually(async () => (await segments(id)).every((s) => s.status === 'completed'), 90_000, 'the new take');
    const view = await costs(id);
    expect(view.takes_made).toBe(3);
    expect(view.rejected_share).toBe(0.333);
    // $0.60 spent over the seconds of film the one approved take lasts.
    expect(view.spent.cost_usd).toBe(0.6);
    const approved = (await owner.json<{ duration: number }>('GET', `/api/v1/segments/${first!.id}`)).body.duration;
    expect(approved).toBeGreaterThan(0);
    expect(view.cost_per_approved_second_usd).toBe(Math.round((0.6 / approved) * 10_000) / 10_000);
    expect(view.by_requester.map((r) => [r.name, r.takes, r.cost_usd])).toEqual([
      ['editor', 2, 0.4],
      ['Sam', 1, 0.2],
    ]);
  });
});

describe('a paused run through a restart', { timeout: 300_000 }, () => {
  it('stays paused when the server and a new worker start, and finishes when resumed', async () => {
    const id = await episode(4);
    expect((await owner.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
    await eventually(async () => (await statuses(id)).includes('generating'), 60_000, 'a render to start');
    expect((await owner.post(`/api/v1/episodes/${id}/generate-segments/pause`, { reason: 'Lunch' })).status).toBe(200);
    // Everything stops: the worker and the web server.
    await harness.worker.stop();
    await harness.server.close();
    const before = await statuses(id);

    const server: AppServer = await startAppServer(harness.context);
    const worker = await startTestWorker(harness.context);
    try {
      const client = await signedUpClient(server.base, 'after-restart@example.com');
      await addMember(harness.context.services, id, 'after-restart@example.com', 'editor');
      // The render that was running is followed to its end; nothing else starts.
      await eventually(async () => !(await statuses(id)).includes('generating'), 60_000, 'the running render to end');
      await jobsDone(harness.context.services.db);
      const held = await client.json<{ run: { paused: boolean; pause_reason: string } | null; waiting: unknown[] }>('GET', `/api/v1/episodes/${id}/generate-segments/queue`);
      expect(held.body.run).toMatchObject({ paused: true, pause_reason: 'Lunch' });
      const after = await statuses(id);
      expect(after.filter((status) => status === 'completed').length).toBe(before.filter((status) => status !== 'pending').length);
      expect(held.body.waiting.length).toBe(after.filter((status) => status === 'pending').length);
      expect(held.body.waiting.length).toBeGreaterThan(0);

      expect((await client.post(`/api/v1/episodes/${id}/generate-segments/resume`, {})).status).toBe(200);
      await eventually(async () => (await statuses(id)).every((status) => status === 'completed'), 90_000, 'every take after the restart');
    } finally {
      await worker.stop();
      await server.close();
    }
  });
});
