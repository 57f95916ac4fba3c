/**
 * The quality gate with a real worker, real ffmpeg and a renderer that makes poor clips first (a
 * blurred picture, then black; tests/support/poor-first-provider.ts), priced at $0.05 a second so
 * that a one-second take costs $0.05. A take below the gate is made again with a new seed before
 * anyone is asked to review it, and the gate stops at a good take; it gives up after its retries
 * and keeps the best try; it stops at the budget or the run's cap without passing it; it works for
 * a single regeneration and through a worker restart; the run's progress counts shots, not the
 * gate's retries; the card (live document) and the take page say what happened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TakeGateRecord } from '../../../src/lib/domain/quality-gate.ts';
import { inOneSnapshot, loadLiveJobRows } from '../../../server/db/queries/live.queries.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { startHarness, shotListEpisode, type Harness } from '../../support/harness.ts';
import type { TestClient } from '../../support/http-client.ts';
import { connectLive, type LiveClient } from '../../support/live-client.ts';
import { PoorFirstProvider } from '../../support/poor-first-provider.ts';
import { eventually } from '../../support/server-process.ts';
import { startTestWorker } from '../../support/worker.ts';

const provider = new PoorFirstProvider({ pricePerSecondUsd: 0.05 });
let harness: Harness;
let editor: TestClient;
let token: string;
let worker: WorkerHandle;
const live: LiveClient[] = [];

interface Take {
  id: string;
  version: number;
  status: string;
  approval_status: string;
  is_current: boolean;
  quality_score: number | null;
  quality_gate: TakeGateRecord | null;
}

/** Every take of an episode's shot, oldest first. */
async function takes(episodeId: string, slot = 1): Promise<Take[]> {
  const rows = await harness.context.services.db
    .selectFrom('video_segments')
    .select(['id', 'version', 'status', 'approval_status', 'is_current', 'quality_score', 'quality_gate'])
    .where('episode_id', '=', episodeId)
    .where('segment_number', '=', slot)
    .orderBy('version')
    .execute();
  return rows.map((row) => ({ ...row, quality_score: row.quality_score === null ? null : Number(row.quality_score) }));
}

/** The segments reviewers were asked about: inbox items and `take.ready` activity. */
async function askedAbout(episodeId: string): Promise<{ inbox: string[]; ready: string[] }> {
  const { db } = harness.context.services;
  const inbox = await db.selectFrom('inbox_items').select('segment_id').where('episode_id', '=', episodeId).where('kind', '=', 'decision').execute();
  const ready = await db.selectFrom('activity').select('segment_id').where('episode_id', '=', episodeId).where('kind', '=', 'take.ready').execute();
  return { inbox: inbox.map((row) => row.segment_id!).sort(), ready: ready.map((row) => row.segment_id!).sort() };
}

const settled = async (episodeId: string, slots = 1) => {
  const current = await harness.context.services.db
    .selectFrom('video_segments')
    .select(['status', 'quality_gate'])
    .where('episode_id', '=', episodeId)
    .where('is_current', '=', true)
    .execute();
  return current.length === slots && current.every((take) => take.status === 'completed');
};

async function gatedEpisode(prompts: string[], gate: Record<string, unknown> = { enabled: true, min_quality: 0.5, max_retries: 3 }): Promise<string> {
  const id = await shotListEpisode(editor, prompts.map((prompt) => ({ prompt, duration: 1 })));
  const set = await editor.json('PUT', `/api/v1/episodes/${id}/quality-gate`, gate);
  expect(set.status).toBe(200);
  return id;
}

function watch(episodeId: string): LiveClient {
  const client = connectLive(harness.server.port, episodeId, token);
  live.push(client);
  return client;
}

beforeAll(async () => {
  harness = await startHarness({ providers: createProviderRegistry({ videos: [provider] }) });
  worker = harness.worker;
  editor = harness.editor;
  token = (await editor.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'live' })).body.token;
}, 120_000);

afterAll(async () => {
  for (const client of live) client.close();
  await worker?.stop();
  await harness?.server.close();
  await harness?.context.cleanup();
});

describe('the quality gate', { timeout: 240_000 }, () => {
  it('makes a poor take again before review and stops at a good one; progress counts shots; the card says so', async () => {
    const id = await gatedEpisode(['The harbour at dawn, poor 2', 'The quay at noon']);
    const client = watch(id);
    await client.synced();
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' })).status).toBe(202);

    // While the gate's retries render, the shot is not finished: the run's progress stays at the good shot alone.
    await client.until((doc) => doc.slots[0]?.gate?.startsWith('Quality gate: try') === true, 'a retry under way', 90_000);
    const during = await inOneSnapshot(harness.context.services.db, async (trx) => ({
      first: await trx.selectFrom('video_segments').select('status').where('episode_id', '=', id).where('segment_number', '=', 1).where('is_current', '=', true).executeTakeFirstOrThrow(),
      second: await trx.selectFrom('video_segments').select('status').where('episode_id', '=', id).where('segment_number', '=', 2).where('is_current', '=', true).executeTakeFirstOrThrow(),
      run: (await loadLiveJobRows(trx, id)).runs[0]!,
    }));
    if (during.first.status !== 'completed') expect(during.run.progress).toBe(during.second.status === 'completed' ? 50 : 0);

    await eventually(async () => settled(id, 2), 120_000, 'both shots reviewable');
    const tries = await takes(id);
    expect(tries.map((take) => [take.version, take.status, take.is_current, take.quality_gate?.outcome])).toEqual([
      [1, 'completed', false, 'retried'],
      [2, 'completed', false, 'retried'],
      [3, 'completed', true, 'passed'],
    ]);
    expect(tries[0]!.quality_score).toBeLessThan(0.5);
    expect(tries[1]!.quality_score).toBeLessThan(0.5);
    expect(tries[2]!.quality_score).toBeGreaterThanOrEqual(0.5);
    // Only the take that passed (and the other shot's) was put up for review.
    const good = (await takes(id, 2))[0]!;
    expect(await askedAbout(id)).toEqual({ inbox: [tries[2]!.id, good.id].sort(), ready: [tries[2]!.id, good.id].sort() });
    expect(good.quality_gate?.outcome).toBe('passed');

    const text = `Regenerated twice by the quality gate: quality ${tries[0]!.quality_score!.toFixed(2)} and ${tries[1]!.quality_score!.toFixed(2)} were below 0.50.`;
    const doc = await client.until((state) => state.slots[0]?.version === 3 && state.slots[0].status === 'completed', 'the passed take in the document');
    expect(doc.slots[0]!.gate).toBe(text);
    expect(doc.slots[1]!.gate).toBeNull();
    const page = await editor.json<{ quality_gate: { outcome: string; text: string } }>('GET', `/api/v1/segments/${tries[2]!.id}`);
    expect(page.body.quality_gate).toMatchObject({ outcome: 'passed', text });
    // Two shots in the run, however many takes the gate made.
    expect((await loadLiveJobRows(harness.context.services.db, id)).runs[0]!.progress).toBe(100);
    expect(provider.rendersOf('The harbour at dawn, poor 2')).toBe(3);
  });

  it('gives up after its retries and keeps the best try for review', async () => {
    const id = await gatedEpisode(['The lighthouse at night, poor 9'], { enabled: true, min_quality: 0.5, max_retries: 2 });
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'sequential' })).status).toBe(202);
    await eventually(async () => (await takes(id)).some((take) => take.quality_gate?.outcome === 'gave_up'), 120_000, 'the gate to give up');
    const tries = await takes(id);
    // Three tries (the first and two retries): blurred, black, black; the blurred first one is the best.
    expect(tries.map((take) => [take.version, take.is_current, take.quality_gate?.outcome])).toEqual([
      [1, true, 'gave_up'],
      [2, false, 'retried'],
      [3, false, 'not_kept'],
    ]);
    expect(await askedAbout(id)).toEqual({ inbox: [tries[0]!.id], ready: [tries[0]!.id] });
    const scores = tries.map((take) => take.quality_score!.toFixed(2));
    const page = await editor.json<{ quality_gate: { text: string }; is_current: boolean; previous_versions: { version: number; gate_outcome: string | null }[] }>(
      'GET',
      `/api/v1/segments/${tries[0]!.id}`,
    );
    expect(page.body.is_current).toBe(true);
    // Every try stays as a version, marked with what the gate did.
    expect(page.body.previous_versions.map((v) => [v.version, v.gate_outcome]).sort()).toEqual([
      [2, 'retried'],
      [3, 'not_kept'],
    ]);
    expect(page.body.quality_gate.text).toBe(`Quality gate gave up after 3 tries (quality ${scores.join(', ').replace(/, ([^,]*)$/u, ' and $1')} were below 0.50); the best, version 1, is kept.`);
    const doc = await watch(id).until((state) => state.slots[0]?.version === 1 && state.slots[0].gate !== null, 'the kept take in the document');
    expect(doc.slots[0]!.gate).toBe(page.body.quality_gate.text);
    expect(provider.rendersOf('The lighthouse at night, poor 9')).toBe(3);
  });

  it('stops at the budget, never past it, and says so', async () => {
    const id = await gatedEpisode(['The market in the rain, poor 9'], { enabled: true, min_quality: 0.5, max_retries: 4 });
    // Two one-second takes at $0.05 each.
    expect((await editor.json('PUT', `/api/v1/episodes/${id}/budget`, { budget_usd: 0.1 })).status).toBe(200);
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
    await eventually(async () => (await takes(id)).some((take) => take.quality_gate?.outcome === 'stopped'), 120_000, 'the gate to stop');
    const tries = await takes(id);
    expect(tries.map((take) => [take.version, take.is_current, take.quality_gate?.outcome])).toEqual([
      [1, true, 'stopped'],
      [2, false, 'not_kept'],
    ]);
    const costs = await editor.json<{ budget: { spent_usd: number; remaining_usd: number } }>('GET', `/api/v1/episodes/${id}/costs`);
    expect(costs.body.budget).toMatchObject({ spent_usd: 0.1, remaining_usd: 0 });
    const page = await editor.json<{ quality_gate: { text: string } }>('GET', `/api/v1/segments/${tries[0]!.id}`);
    expect(page.body.quality_gate.text).toMatch(
      /^Quality gate stopped after 2 tries \(quality 0\.\d\d and 0\.\d\d were below 0\.50\): Budget reached: \$0\.10 of the episode's \$0\.10 is spent or committed, and shot 1 would cost about \$0\.05\. The best, version 1, is kept\.$/u,
    );
    expect(provider.rendersOf('The market in the rain, poor 9')).toBe(2);
    expect(await askedAbout(id)).toEqual({ inbox: [tries[0]!.id], ready: [tries[0]!.id] });
  });

  it('stops at the run’s cost cap as well', async () => {
    const id = await gatedEpisode(['The ferry in fog, poor 9'], { enabled: true, min_quality: 0.5, max_retries: 4 });
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'sequential', cost_cap_usd: 0.1 })).status).toBe(202);
    await eventually(async () => (await takes(id)).some((take) => take.quality_gate?.outcome === 'stopped'), 120_000, 'the gate to stop');
    const tries = await takes(id);
    expect(tries.map((take) => [take.version, take.is_current, take.quality_gate?.outcome])).toEqual([
      [1, true, 'stopped'],
      [2, false, 'not_kept'],
    ]);
    expect(tries[0]!.quality_gate!.reason).toBe('Run cap reached: this run has spent or committed $0.10 of its $0.10 cap, and shot 1 would cost about $0.05.');
    expect(provider.rendersOf('The ferry in fog, poor 9')).toBe(2);
  });

  it('holds a single regeneration to the gate too, through a worker restart', async () => {
    // Made before the gate is on: the blurred first take goes to review as it is.
    const id = await shotListEpisode(editor, [{ prompt: 'The bridge at dusk, poor 2', duration: 1 }]);
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
    await eventually(async () => settled(id), 90_000, 'the first take');
    expect((await takes(id))[0]!.quality_gate).toBeNull();
    expect((await editor.json('PUT', `/api/v1/episodes/${id}/quality-gate`, { enabled: true, min_quality: 0.5, max_retries: 2 })).status).toBe(200);
    const [first] = await takes(id);
    expect((await editor.post(`/api/v1/segments/${first!.id}/regenerate`, {})).status).toBe(202);

    // The worker stops once the gate has put the black second take aside; a new one carries on.
    await eventually(async () => (await takes(id)).some((take) => take.quality_gate?.outcome === 'retried'), 90_000, 'the gate to retry');
    await worker.stop();
    worker = await startTestWorker(harness.context);
    await eventually(async () => (await takes(id)).some((take) => take.quality_gate?.outcome === 'passed'), 90_000, 'the retry to pass');
    const tries = await takes(id);
    expect(tries.map((take) => [take.version, take.is_current, take.quality_gate?.outcome ?? null])).toEqual([
      [1, false, null],
      [2, false, 'retried'],
      [3, true, 'passed'],
    ]);
    const page = await editor.json<{ quality_gate: { text: string } }>('GET', `/api/v1/segments/${tries[2]!.id}`);
    expect(page.body.quality_gate.text).toBe(`Regenerated once by the quality gate: quality ${tries[1]!.quality_score!.toFixed(2)} was below 0.50.`);
    expect(provider.rendersOf('The bridge at dusk, poor 2')).toBe(3);
  });
});
