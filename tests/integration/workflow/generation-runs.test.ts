/**
 * Generation runs through the API with a real worker: sequential runs wait for approval between
 * batches, parallel runs generate everything, start_from resumes, approved segments are never
 * regenerated, and a second start while a run is active is a 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.ts';
import type { TestClient } from '../../support/http-client.ts';
import { jobsDone } from '../../support/jobs.ts';
import { eventually } from '../../support/server-process.ts';
import type { TestContext } from '../../support/services.ts';

let harness: Harness;
let context: TestContext;
let editor: TestClient;

interface Status {
  totals: Record<string, number>;
  current_segment: number | null;
  active_run: { job_id: string; status: string } | null;
  segments: { id: string; segment_number: number; status: string; approval_status: string; version: number }[];
}

/** A short shot list: quick renders, known slots. */
async function shortEpisode(count: number): Promise<string> {
  const shots = Array.from({ length: count }, (_, i) => ({
    scene: i < 2 ? 'EXT. HARBOUR - DAWN' : 'INT. LIGHTHOUSE - DAWN',
    prompt: `Shot ${i + 1}: the keeper looks out to sea`,
    duration: 1.5 + i * 0.25,
    characters: ['Keeper'],
    dialogue: [{ character: 'Keeper', line: `Line ${i + 1}` }],
  }));
  // Small takes: these tests are about runs, and must finish on a busy machine.
  const { status, body } = await editor.json<{ id: string; status: string }>('POST', '/api/v1/episodes', { shots, title: 'Harbour', width: 320, height: 180 });
  expect(status).toBe(201);
  expect(body.status).toBe('planned');
  return body.id;
}

const status = async (id: string) => (await editor.json<Status>('GET', `/api/v1/episodes/${id}/segments/status`)).body;

beforeAll(async () => {
  harness = await startHarness();
  ({ context, editor } = harness);
});
afterAll(async () => harness?.close());

// Each test waits for renders, which a busy machine slows: the time bound is generous, the waits are for conditions.
describe('sequential runs', { timeout: 180_000 }, () => {
  it('generate a batch, then wait for approval before the next', async () => {
    const id = await shortEpisode(4);
    const started = await editor.json<{ job_id: string; total_segments: number; status: string }>('POST', `/api/v1/episodes/${id}/generate-segments`, { mode: 'sequential', batch_size: 2 });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ total_segments: 4, status: 'started', run: { status: 'active', batch_size: 2 } });

    const first = await eventually(async () => {
      const s = await status(id);
      return s.totals.completed === 2 && s;
    }, 60_000, 'the first batch');
    expect(first.segments.map((s) => s.status)).toEqual(['completed', 'completed', 'pending', 'pending']);
    expect(first.current_segment).toBe(1);
    // Nothing more happens until both are approved: the worker runs out of work, the rest still pending.
    await jobsDone(context.services.db);
    expect((await status(id)).totals.pending).toBe(2);

    expect((await editor.post(`/api/v1/segments/${first.segments[0]!.id}/approve`, { rating: 5 })).status).toBe(200);
    await jobsDone(context.services.db);
    expect((await status(id)).totals.pending).toBe(2);
    // Reject the second, regenerate it, approve the new take: only then does the next batch start.
    expect((await editor.post(`/api/v1/segments/${first.segments[1]!.id}/reject`, { reason: 'Too dark' })).status).toBe(200);
    const regenerated = await editor.json<{ id: string; version: number }>('POST', `/api/v1/segments/${first.segments[1]!.id}/regenerate`, { changes: { prompt_modifications: 'brighter' } });
    expect(regenerated.body.version).toBe(2);
    const retake = await eventually(async () => {
      const s = await status(id);
      const slot = s.segments.find((x) => x.segment_number === 2)!;
      return slot.status === 'completed' && slot;
    }, 60_000, 'the retake');
    expect((await status(id)).totals.pending).toBe(2);
    expect((await editor.post(`/api/v1/segments/${retake.id}/approve`, {})).status).toBe(200);

    const second = await eventually(async () => {
      const s = await status(id);
      return s.totals.completed === 4 && s;
    }, 60_000, 'the second batch');
    for (const segment of second.segments.filter((s) => s.approval_status !== 'approved')) {
      expect((await editor.post(`/api/v1/segments/${segment.id}/approve`, {})).status).toBe(200);
    }
    const done = await status(id);
    expect(done.totals.approved).toBe(4);
    expect(done.active_run).toBeNull();
  });

  it('refuses a second start while a run is active, naming it', async () => {
    const id = await shortEpisode(2);
    const first = await editor.json<{ job_id: string }>('POST', `/api/v1/episodes/${id}/generate-segments`, { mode: 'sequential', batch_size: 1 });
    const second = await editor.json<{ error: { code: string; details: { active_job: { job_id: string } } } }>('POST', `/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' });
    expect(second.status).toBe(409);
    expect(second.body.error.details.active_job.job_id).toBe(first.body.job_id);
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments/cancel`)).status).toBe(200);
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel', auto_approve: true })).status).toBe(202);
  });
});

describe('parallel runs', { timeout: 180_000 }, () => {
  it('generate every remaining segment, auto-approve them, and complete', async () => {
    const id = await shortEpisode(3);
    expect((await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel', auto_approve: true })).status).toBe(202);
    const done = await eventually(async () => {
      const s = await status(id);
      return s.totals.approved === 3 && s;
    }, 60_000, 'all approved');
    expect(done.active_run).toBeNull();
    const reviews = await context.services.db.selectFrom('segment_reviews').selectAll().where('episode_id', '=', id).execute();
    expect(reviews.map((r) => r.action)).toEqual(['approve', 'approve', 'approve']);
  });

  it('resume at start_from and never regenerate approved segments', async () => {
    const id = await shortEpisode(4);
    await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel', start_from: 3, auto_approve: true });
    const later = await eventually(async () => {
      const s = await status(id);
      return s.totals.approved === 2 && s;
    }, 60_000, 'slots 3 and 4');
    expect(later.segments.map((s) => s.approval_status)).toEqual(['pending', 'pending', 'approved', 'approved']);
    const before = later.segments.filter((s) => s.segment_number >= 3).map((s) => s.id);
    await editor.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel', auto_approve: true });
    const all = await eventually(async () => {
      const s = await status(id);
      return s.totals.approved === 4 && s;
    }, 60_000, 'all slots');
    expect(all.segments.filter((s) => s.segment_number >= 3).map((s) => s.id)).toEqual(before);
    expect(all.segments.every((s) => s.version === 1)).toBe(true);
  });
});
