/**
 * The continuity graph: each take records what it was made from; changing a character's reference
 * picture or looks, or a scene's set, marks exactly the takes made from the old ones stale (in the
 * API's graph and, live, on every open page), with why; "regenerate stale" makes new takes of
 * those shots only, in one run, and leaves approved ones approved. Bad requests change nothing.
 *
 * Takes are made by calling the jobs' commands (no worker runs), so every state is exact.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateAndAnalyze } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { connectLive, liveTokenFor, type LiveClient } from '../../support/live-client.ts';
import { makeScratchDir } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const app = appServerForFile();
let owner: TestClient;
let viewer: TestClient;
let episodeId: string;
let scratch: { dir: string; cleanup: () => Promise<void> };
const clients: LiveClient[] = [];

interface Graph {
  nodes: ({ id: string; kind: string } & Record<string, unknown>)[];
  edges: { from: string; to: string; kind: string; version_used: number | null; asset_id_used: string | null; sent: boolean; stale: boolean }[];
}
interface GraphTake {
  id: string;
  kind: 'take';
  segment_id: string;
  slot: number;
  version: number;
  stale: boolean;
  stale_reasons: { kind: string; message: string; changed_at: string | null }[];
}

const graph = async () => {
  const answer = await owner.json<Graph>('GET', `/api/v1/episodes/${episodeId}/graph`);
  expect(answer.status).toBe(200);
  return answer.body;
};
const takes = async () => (await graph()).nodes.filter((node): node is GraphTake & Graph['nodes'][number] => node.kind === 'take').sort((a, b) => (a as GraphTake).slot - (b as GraphTake).slot) as unknown as GraphTake[];
/** Slot → the messages of its current take's stale reasons (slots whose take is not stale left out). */
const staleBySlot = async () => Object.fromEntries((await takes()).filter((take) => take.stale).map((take) => [take.slot, take.stale_reasons.map((reason) => reason.message)]));
const current = () => listCurrentSegments(app.context.services.db, episodeId);
interface StaleRun {
  job_id: string;
  total_segments: number;
  joined_active_run: boolean;
  regenerated: { segment_number: number; new_segment_id: string; new_version: number; candidate: boolean; reasons: string[] }[];
  waiting: { segment_number: number; segment_id: string; candidate_id: string }[];
  voting: { segment_number: number; segment_id: string; choice_id: string }[];
}

beforeAll(async () => {
  scratch = await makeScratchDir('continuity');
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  viewer = await signedUpClient(app.server.base, 'viewer@example.com');
  const { status, body } = await owner.json<{ id: string }>('POST', '/api/v1/episodes', {
    width: 320,
    height: 180,
    characters: [{ name: 'Mara', description: 'a lighthouse keeper', visual_traits: ['red coat'] }, { name: 'Bo', description: 'a ferryman' }],
    shots: [
      { scene: 'INT. LIGHTHOUSE - NIGHT', prompt: 'Mara climbs the stairs', duration: 1, characters: ['Mara'] },
      { scene: 'INT. LIGHTHOUSE - NIGHT', prompt: 'Bo waits by the door', duration: 1, characters: ['Bo'] },
      { scene: 'EXT. HARBOUR - DAWN', prompt: 'Mara and Bo push the boat out', duration: 1, characters: ['Mara', 'Bo'] },
      { scene: 'EXT. HARBOUR - DAWN', prompt: 'The empty harbour', duration: 1 },
      { scene: 'EXT. HARBOUR - DAWN', prompt: 'Gulls over the water', duration: 1 },
    ],
  });
  expect(status).toBe(201);
  episodeId = body.id;
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'viewer@example.com', role: 'viewer' });
  // Shots 1–4 are made; shot 5 never is.
  for (const take of (await current()).slice(0, 4)) expect(await generateAndAnalyze(app.context.services, take.id)).toBe('completed');
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await scratch?.cleanup();
});

describe('the continuity graph', () => {
  it('records what each take was made from', async () => {
    const { nodes, edges } = await graph();
    const characters = nodes.filter((node) => node.kind === 'character');
    const mara = characters.find((node) => node.name === 'Mara')!;
    const bo = characters.find((node) => node.name === 'Bo')!;
    const locations = nodes.filter((node) => node.kind === 'location');
    expect(locations.map((node) => node.location).sort()).toEqual(['HARBOUR', 'LIGHTHOUSE']);
    const [one, two, three, four, five] = await takes();
    const inputsOf = (take: GraphTake) => edges.filter((edge) => edge.from === take.id).map((edge) => `${edge.kind}:${edge.to}`).sort();
    const lighthouse = locations.find((node) => node.location === 'LIGHTHOUSE')!.id;
    const harbour = locations.find((node) => node.location === 'HARBOUR')!.id;
    expect(inputsOf(one!)).toEqual([`character:${mara.id}`, `location:${lighthouse}`, `reference_picture:${mara.id}`].sort());
    expect(inputsOf(two!)).toEqual([`character:${bo.id}`, `location:${lighthouse}`, `reference_picture:${bo.id}`].sort());
    expect(inputsOf(three!)).toEqual([`character:${mara.id}`, `character:${bo.id}`, `location:${harbour}`, `reference_picture:${mara.id}`, `reference_picture:${bo.id}`].sort());
    expect(inputsOf(four!)).toEqual([`location:${harbour}`]);
    // Not made yet: made from nothing so far.
    expect(inputsOf(five!)).toEqual([]);
    // The looks at version 1; no picture yet, and the built-in animatic takes none.
    expect(edges.find((edge) => edge.from === one!.id && edge.kind === 'character')).toMatchObject({ version_used: 1, sent: true, stale: false });
    expect(edges.find((edge) => edge.from === one!.id && edge.kind === 'reference_picture')).toMatchObject({ asset_id_used: null, sent: false, stale: false });
    expect(await staleBySlot()).toEqual({});
  });

  it('marks the takes of a character whose reference picture changed stale, live and in the graph', async () => {
    const live = connectLive(app.server.port, episodeId, await liveTokenFor(app.server.base, 'viewer@example.com'));
    clients.push(live);
    await live.synced();
    expect(live.read()!.slots.every((slot) => slot.stale.length === 0)).toBe(true);

    const picture = join(scratch.dir, 'mara.png');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=red:s=256x256', '-frames:v', '1', picture]);
    const uploaded = await owner.request('PUT', `/api/v1/episodes/${episodeId}/characters/mara/reference?filename=mara.png`, new Uint8Array(await readFile(picture)), { 'content-type': 'image/png' });
    expect(uploaded.status).toBe(200);

    const given = 'Mara was given a reference picture after this take was made';
    expect(await staleBySlot()).toEqual({ 1: [given], 3: [given] });
    const seen = await live.until((state) => state.slots.filter((slot) => slot.stale.length > 0).length === 2, 'the stale marks');
    expect(seen.slots.map((slot) => [slot.slot, slot.stale])).toEqual([[1, [given]], [2, []], [3, [given]], [4, []], [5, []]]);

    // A second picture: the same takes, now because the reference changed.
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=blue:s=256x256', '-frames:v', '1', picture]);
    const replaced = await owner.request('PUT', `/api/v1/episodes/${episodeId}/characters/mara/reference?filename=mara2.png`, new Uint8Array(await readFile(picture)), { 'content-type': 'image/png' });
    expect(replaced.status).toBe(200);
    expect(await staleBySlot()).toEqual({ 1: [given], 3: [given] });
  });

  it('marks the takes of a character whose looks changed, and of a set that changed', async () => {
    const edited = await owner.json<{ character: { looks_version: number }; stale_takes: { shot_id: string; reasons: string[] }[] }>('PATCH', `/api/v1/episodes/${episodeId}/characters/bo`, {
      visual_traits: ['grey beard', 'yellow oilskin'],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.character.looks_version).toBe(2);
    const shots = await current();
    expect(edited.body.stale_takes.map((entry) => shots.find((take) => take.shot_id === entry.shot_id)!.segment_number).sort()).toEqual([2, 3]);
    // A new name is not new looks.
    const renamed = await owner.json<{ character: { looks_version: number } }>('PATCH', `/api/v1/episodes/${episodeId}/characters/bo`, { name: 'Bodil' });
    expect(renamed.body.character.looks_version).toBe(2);

    const set = await owner.json<{ scene: { set_version: number } }>('PATCH', `/api/v1/episodes/${episodeId}/scenes/2`, { time_of_day: 'DUSK' });
    expect(set.status).toBe(200);
    expect(set.body.scene.set_version).toBe(2);

    const given = 'Mara was given a reference picture after this take was made';
    const looks = "Bodil's looks changed after this take was made";
    const harbour = 'The set of scene 2 (HARBOUR) changed after this take was made';
    expect(await staleBySlot()).toEqual({ 1: [given], 2: [looks], 3: [given, looks, harbour].sort(), 4: [harbour] });
  });

  it('regenerates the stale takes in one run; an approved one stays current, and in the cut, until its new take is approved', async () => {
    const db = app.context.services.db;
    const before = await current();
    const four = before.find((take) => take.segment_number === 4)!;
    expect((await owner.post(`/api/v1/segments/${four.id}/approve`, {})).status).toBe(200);

    const started = await owner.json<StaleRun>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, {});
    expect(started.status).toBe(202);
    expect(started.body.total_segments).toBe(4);
    expect(started.body.regenerated.map((entry) => [entry.segment_number, entry.new_version, entry.candidate])).toEqual([[1, 2, false], [2, 2, false], [3, 2, false], [4, 2, true]]);
    expect(started.body.waiting).toEqual([]);
    expect(started.body.voting).toEqual([]);

    const after = await current();
    const bySlot = (n: number) => after.find((take) => take.segment_number === n)!;
    for (const n of [1, 2, 3]) {
      expect(bySlot(n)).toMatchObject({ version: 2, status: 'pending' });
      expect(String(bySlot(n).generation_params.notes)).toMatch(/^Stale: /);
    }
    // Shot 4's approved take is still the current one; its new take waits beside it.
    expect(bySlot(4)).toMatchObject({ id: four.id, approval_status: 'approved', is_current: true });
    const candidateId = started.body.regenerated[3]!.new_segment_id;
    expect(await db.selectFrom('video_segments').select(['version', 'is_current', 'replaces_segment_id', 'status']).where('id', '=', candidateId).executeTakeFirstOrThrow()).toEqual({
      version: 2, is_current: false, replaces_segment_id: four.id, status: 'pending',
    });
    const run = await db.selectFrom('generation_runs').select(['shot_ids']).where('id', '=', started.body.job_id).executeTakeFirstOrThrow();
    expect(run.shot_ids?.sort()).toEqual([1, 2, 3, 4].map((n) => bySlot(n).shot_id).sort());
    // The built-in animatic renders two at once: two are handed to the workers, the rest wait in the run.
    const queued = await db.selectFrom('video_segments').select('id').where('generation_run_id', '=', started.body.job_id).where('queued_at', 'is not', null).execute();
    expect(queued).toHaveLength(2);
    // Shot 5 is not stale: the run does not make it.
    expect(bySlot(5)).toMatchObject({ status: 'pending', queued_at: null, generation_run_id: null });
    // Every open page shows the new take waiting on shot 4's card.
    const live = clients[0]!;
    await live.until((state) => state.slots.find((slot) => slot.slot === 4)?.candidate?.segmentId === candidateId, 'the candidate on shot 4');

    for (const id of [bySlot(1).id, bySlot(2).id, bySlot(3).id, candidateId]) expect(await generateAndAnalyze(app.context.services, id)).toBe('completed');
    // Made from the new picture, looks and set; shot 4's approved take is current until its new take is approved.
    expect(Object.keys(await staleBySlot())).toEqual(['4']);
    expect((await current()).find((take) => take.segment_number === 4)!.id).toBe(four.id);

    expect((await owner.post(`/api/v1/segments/${candidateId}/approve`, {})).status).toBe(200);
    const promoted = (await current()).find((take) => take.segment_number === 4)!;
    expect(promoted).toMatchObject({ id: candidateId, version: 2, approval_status: 'approved', is_current: true });
    expect(await db.selectFrom('video_segments').select(['is_current', 'approval_status']).where('id', '=', four.id).executeTakeFirstOrThrow()).toEqual({ is_current: false, approval_status: 'approved' });
    expect(await staleBySlot()).toEqual({});
    await live.until((state) => state.slots.find((slot) => slot.slot === 4)?.segmentId === candidateId && state.slots.find((slot) => slot.slot === 4)?.candidate === null, 'shot 4 on its new take');
    // The take it replaced takes no more decisions.
    expect((await owner.post(`/api/v1/segments/${four.id}/approve`, {})).status).toBe(409);
  });

  it('leaves the approved take in place when its new take is sent back, and makes another on request', async () => {
    const db = app.context.services.db;
    expect((await owner.post(`/api/v1/episodes/${episodeId}/generate-segments/cancel`, {})).status).toBe(200);
    const one = (await current()).find((take) => take.segment_number === 1)!;
    expect((await owner.post(`/api/v1/segments/${one.id}/approve`, {})).status).toBe(200);
    expect((await owner.json('PATCH', `/api/v1/episodes/${episodeId}/scenes/1`, { location_description: 'a narrow spiral stair' })).status).toBe(200);
    expect(Object.keys(await staleBySlot()).sort()).toEqual(['1', '2']);

    const first = await owner.json<StaleRun>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, { segment_ids: [one.id] });
    expect(first.status).toBe(202);
    expect(first.body.regenerated.map((entry) => [entry.segment_number, entry.new_version, entry.candidate])).toEqual([[1, 3, true]]);
    const candidateId = first.body.regenerated[0]!.new_segment_id;
    expect(await generateAndAnalyze(app.context.services, candidateId)).toBe('completed');
    expect((await owner.post(`/api/v1/segments/${candidateId}/reject`, { reason: 'the stair reads as a ladder' })).status).toBe(200);
    // The approved take stays current and approved; the new take stays a version.
    expect((await current()).find((take) => take.segment_number === 1)).toMatchObject({ id: one.id, approval_status: 'approved', is_current: true });
    expect(await db.selectFrom('video_segments').select(['is_current', 'approval_status']).where('id', '=', candidateId).executeTakeFirstOrThrow()).toEqual({ is_current: false, approval_status: 'rejected' });
    expect(Object.keys(await staleBySlot()).sort()).toEqual(['1', '2']);
    // Its only shot decided, the run is over.
    expect((await db.selectFrom('generation_runs').select('status').where('id', '=', first.body.job_id).executeTakeFirstOrThrow()).status).toBe('completed');

    const again = await owner.json<StaleRun>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, { segment_ids: [one.id] });
    expect(again.status).toBe(202);
    expect(again.body.joined_active_run).toBe(false);
    expect(again.body.regenerated.map((entry) => [entry.segment_number, entry.new_version, entry.candidate])).toEqual([[1, 4, true]]);
  });

  it('makes the new takes with a run already under way, as single regenerations', async () => {
    const db = app.context.services.db;
    // The run regenerating shot 1 is active; shot 2's take is stale too.
    const active = await db.selectFrom('generation_runs').select('id').where('episode_id', '=', episodeId).where('status', '=', 'active').executeTakeFirstOrThrow();
    const two = (await current()).find((take) => take.segment_number === 2)!;
    const joined = await owner.json<StaleRun>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, { segment_ids: [two.id] });
    expect(joined.status).toBe(202);
    expect(joined.body).toMatchObject({ job_id: active.id, joined_active_run: true });
    expect(joined.body.regenerated.map((entry) => [entry.segment_number, entry.candidate])).toEqual([[2, false]]);
    // Handed to the workers at once, like a regeneration asked for alone.
    const made = await db.selectFrom('video_segments').select(['queued_at', 'is_current', 'version']).where('id', '=', joined.body.regenerated[0]!.new_segment_id).executeTakeFirstOrThrow();
    expect(made).toMatchObject({ is_current: true, version: 3 });
    expect(made.queued_at).not.toBeNull();
  });

  it('refuses bad requests and changes nothing', async () => {
    const db = app.context.services.db;
    const expectError = async (answer: Promise<{ status: number; body: { error: { code: string; message: string } } }>, status: number, code: string) => {
      const { status: got, body } = await answer;
      expect(got).toBe(status);
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(10);
    };
    type E = { error: { code: string; message: string } };
    expect((await owner.post(`/api/v1/episodes/${episodeId}/generate-segments/cancel`, {})).status).toBe(200);
    // The live document is a projection of the rest, and an open page may still be catching up on the cancel.
    const fingerprint = await databaseFingerprint(db, { except: ['live_document_updates'] });
    await expectError(owner.json<E>('PATCH', `/api/v1/episodes/${episodeId}/characters/nobody`, { name: 'X' }), 404, 'not_found');
    await expectError(owner.json<E>('PATCH', `/api/v1/episodes/${episodeId}/characters/mara`, {}), 400, 'validation_failed');
    await expectError(owner.json<E>('PATCH', `/api/v1/episodes/${episodeId}/characters/mara`, { colour: 'red' }), 400, 'validation_failed');
    await expectError(owner.json<E>('PATCH', `/api/v1/episodes/${episodeId}/characters/mara`, { visual_traits: 'red coat' }), 400, 'validation_failed');
    await expectError(owner.json<E>('PATCH', `/api/v1/episodes/${episodeId}/scenes/abc`, { location: 'X' }), 400, 'validation_failed');
    await expectError(owner.json<E>('PATCH', `/api/v1/episodes/${episodeId}/scenes/9`, { location: 'X' }), 404, 'not_found');
    await expectError(owner.json<E>('PATCH', `/api/v1/episodes/${episodeId}/scenes/1`, { location: '' }), 400, 'validation_failed');
    // Shot 5 was never made, so it is not stale; shot 1's new take already waits for its decision.
    const takes = await current();
    const one = takes.find((take) => take.segment_number === 1)!;
    const five = takes.find((take) => take.segment_number === 5)!;
    await expectError(owner.json<E>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, { segment_ids: [five.id] }), 422, 'not_stale');
    await expectError(owner.json<E>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, { segment_ids: ['not-a-uuid'] }), 400, 'validation_failed');
    await expectError(owner.json<E>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, { segment_ids: [one.id] }), 409, 'stale_takes_waiting');
    await expectError(owner.json<E>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, { mode: 'sideways' }), 400, 'validation_failed');
    await expectError(viewer.json<E>('PATCH', `/api/v1/episodes/${episodeId}/characters/mara`, { name: 'X' }), 403, 'forbidden');
    await expectError(viewer.json<E>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, {}), 403, 'forbidden');
    expect(await databaseFingerprint(db, { except: ['live_document_updates'] })).toEqual(fingerprint);
  });

  it('leaves a shot whose takes are being voted on as it is until the vote closes', async () => {
    const db = app.context.services.db;
    const three = (await current()).find((take) => take.segment_number === 3)!;
    const asked = await owner.json<{ choice: { id: string }; takes: { segment_id: string }[] }>('POST', `/api/v1/segments/${three.id}/takes`, { count: 2 });
    expect(asked.status).toBe(202);
    for (const take of asked.body.takes) expect(await generateAndAnalyze(app.context.services, take.segment_id)).toBe('completed');
    expect((await owner.json('PATCH', `/api/v1/episodes/${episodeId}/characters/mara`, { visual_traits: ['green coat'] })).status).toBe(200);
    const voted = (await current()).find((take) => take.segment_number === 3)!;
    expect((await staleBySlot())[3]).toEqual(["Mara's looks changed after this take was made"]);

    // A new take made now would be undone by the vote's winner: the shot waits for its vote.
    const fingerprint = await databaseFingerprint(db, { except: ['live_document_updates'] });
    const refused = await owner.json<{ error: { code: string; message: string; details: { voting: { segment_number: number; choice_id: string }[] } } }>(
      'POST',
      `/api/v1/episodes/${episodeId}/generate-segments/stale`,
      { segment_ids: [voted.id] },
    );
    expect([refused.status, refused.body.error.code]).toEqual([409, 'stale_takes_waiting']);
    expect(refused.body.error.message).toContain('being voted on (close the vote first)');
    expect(refused.body.error.details.voting.map((entry) => [entry.segment_number, entry.choice_id])).toEqual([[3, asked.body.choice.id]]);
    expect(await databaseFingerprint(db, { except: ['live_document_updates'] })).toEqual(fingerprint);

    // All the stale takes: shot 1's new take still waits for its decision, and shot 3 for its vote.
    const all = await owner.json<{ error: { code: string; message: string; details: { waiting: { segment_number: number }[]; voting: { segment_number: number }[] } } }>(
      'POST',
      `/api/v1/episodes/${episodeId}/generate-segments/stale`,
      {},
    );
    expect([all.status, all.body.error.code]).toEqual([409, 'stale_takes_waiting']);
    expect(all.body.error.message).toBe('No stale take can be made again now: one has a new take waiting for its decision (decide on it first); one is being voted on (close the vote first).');
    expect([all.body.error.details.waiting.map((entry) => entry.segment_number), all.body.error.details.voting.map((entry) => entry.segment_number)]).toEqual([[1], [3]]);
    expect((await current()).find((take) => take.segment_number === 3)!.id).toBe(voted.id);

    // Once the vote has chosen, the stale winner is made again.
    const winner = asked.body.takes[1]!.segment_id;
    expect((await owner.json('POST', `/api/v1/episodes/${episodeId}/take-choices/${asked.body.choice.id}/close`, { segment_id: winner })).status).toBe(200);
    const after = await owner.json<StaleRun>('POST', `/api/v1/episodes/${episodeId}/generate-segments/stale`, { segment_ids: [winner] });
    expect(after.status).toBe(202);
    expect(after.body.regenerated.map((entry) => [entry.segment_number, entry.candidate])).toEqual([[3, false]]);
  });
});
