/**
 * The episode answer and the compile answers say whether the final video is out of date and what
 * changed since it was compiled: nothing right after a compile; the order after a reorder; a shot
 * no longer approved after its take is reopened; the shot's new take once it is made and approved.
 * Music is chosen per compile and the episode records no choice of its own, so a recompile with
 * other music is up to date and an earlier compile does not say the music changed.
 * Each expected phrase is written out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAndWait } from '../../support/compile.ts';
import { shotListEpisode, startHarness, type Harness } from '../../support/harness.ts';
import type { TestClient } from '../../support/http-client.ts';
import { eventually } from '../../support/server-process.ts';

interface Since {
  changes_since: string[] | null;
  out_of_date: boolean;
}
interface EpisodeAnswer extends Since {
  latest_compilation: (Since & { id: string; status: string }) | null;
}
interface Slot {
  id: string;
  segment_number: number;
  version: number;
  status: string;
}

let harness: Harness;
let editor: TestClient;
let episodeId: string;
let firstCompileId: string;

const episode = async () => (await editor.json<EpisodeAnswer>('GET', `/api/v1/episodes/${episodeId}`)).body;
const compileJob = async (id: string) => (await editor.json<Since & { id: string; status: string }>('GET', `/api/v1/compilation-jobs/${id}`)).body;

/** The current takes, once every one of them is made. */
async function madeTakes(): Promise<Slot[]> {
  return eventually(async () => {
    const { body } = await editor.json<{ segments: Slot[] }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    if (body.segments.some((segment) => segment.status === 'failed')) throw new Error('a take failed');
    return body.segments.every((segment) => segment.status === 'completed') && body.segments;
  }, 90_000, 'the takes');
}

/** Expects the episode answer, its latest compile and GET of that compile to say the same. */
async function expectSince(compileId: string, changes: string[]): Promise<void> {
  const answer = await episode();
  expect({ changes_since: answer.changes_since, out_of_date: answer.out_of_date }).toEqual({ changes_since: changes, out_of_date: changes.length > 0 });
  expect(answer.latest_compilation).toMatchObject({ id: compileId, changes_since: changes, out_of_date: changes.length > 0 });
  expect(await compileJob(compileId)).toMatchObject({ changes_since: changes, out_of_date: changes.length > 0 });
}

beforeAll(async () => {
  harness = await startHarness();
  ({ editor } = harness);
  episodeId = await shotListEpisode(editor, [
    { scene: 'EXT. HARBOUR - DAWN', prompt: 'Boats at anchor', duration: 2 },
    { scene: 'INT. LIGHTHOUSE - DAWN', prompt: 'A lamp turning', duration: 2 },
    { scene: 'EXT. CLIFF - DAY', prompt: 'Gulls over the cliff', duration: 2 },
  ], 'Harbour');
  expect((await editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
  for (const take of await madeTakes()) expect((await editor.post(`/api/v1/segments/${take.id}/approve`, {})).status).toBe(200);
}, 120_000);
afterAll(async () => harness?.close());

describe('changes since the last compile, over the API', () => {
  it('an episode never compiled has no changes to list and is not out of date', async () => {
    const answer = await episode();
    expect(answer).toMatchObject({ changes_since: null, out_of_date: false, latest_compilation: null });
  });

  it('a compile just queued has no video, so no changes; once done it is up to date', async () => {
    const started = await editor.json<{ compilation_job_id: string; job: Since }>('POST', `/api/v1/episodes/${episodeId}/compile`, { transition_style: 'cut' });
    expect(started.status).toBe(202);
    expect(started.body.job).toMatchObject({ changes_since: null, out_of_date: false });
    firstCompileId = started.body.compilation_job_id;
    await eventually(async () => (await compileJob(firstCompileId)).status === 'completed', 120_000, 'the compile');
    await expectSince(firstCompileId, []);
  }, 150_000);

  it('after a reorder it says the order changed, and is up to date again once the order is put back', async () => {
    expect((await editor.put(`/api/v1/episodes/${episodeId}/order`, { order: [2, 1, 3] })).status).toBe(200);
    await expectSince(firstCompileId, ['The order changed']);
    expect((await editor.put(`/api/v1/episodes/${episodeId}/order`, { order: [1, 2, 3] })).status).toBe(200);
    await expectSince(firstCompileId, []);
  });

  it('after a reopened take it names the shot no longer approved, then the shot’s new take once it is approved', async () => {
    const second = (await madeTakes()).find((take) => take.segment_number === 2)!;
    expect((await editor.post(`/api/v1/segments/${second.id}/reopen`, { reason: 'The lamp should turn faster' })).status).toBe(200);
    await expectSince(firstCompileId, ['Shot 2 is no longer approved']);

    const regenerated = await editor.json<{ id: string; version: number }>('POST', `/api/v1/segments/${second.id}/regenerate`, { changes: { prompt: 'A lamp turning fast' } });
    expect(regenerated.status).toBe(202);
    expect(regenerated.body.version).toBe(2);
    // Made but not yet approved, the new take still leaves the shot unapproved.
    const made = (await madeTakes()).find((take) => take.segment_number === 2)!;
    expect(made).toMatchObject({ id: regenerated.body.id, version: 2 });
    await expectSince(firstCompileId, ['Shot 2 is no longer approved']);

    expect((await editor.post(`/api/v1/segments/${made.id}/approve`, {})).status).toBe(200);
    await expectSince(firstCompileId, ['Shot 2 has a new take (v2)']);
  }, 120_000);

  it('a recompile with other music is up to date, and the earlier compile lists only its shots’ changes', async () => {
    const { job } = await compileAndWait(editor, episodeId, { transition_style: 'cut', audio_config: { background_music: true } });
    const latest = await episode();
    expect(latest.latest_compilation!.id).not.toBe(firstCompileId);
    await expectSince(latest.latest_compilation!.id, []);
    expect(job).toMatchObject({ changes_since: [], out_of_date: false });
    // The first compile had no music; nothing on the episode says which music it should have now.
    expect(await compileJob(firstCompileId)).toMatchObject({ changes_since: ['Shot 2 has a new take (v2)'], out_of_date: true });
  }, 150_000);
});
