/**
 * The final video in the live document says when it is out of date: a real Yjs client sees
 * `outOfDate` and the changes in words after a reorder, a reopened take and a new take, without
 * reconnecting; a new compile of the episode as it is now is up to date again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileEpisode } from '../../../server/commands/episode-compiler.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { connectLive, liveTokenFor, type LiveClient } from '../../support/live-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let owner: TestClient;
let episodeId: string;
let segmentIds: string[];
let client: LiveClient;

/** Starts a compile of the three takes through the API and runs it as the worker would. */
async function compile(ids: string[]): Promise<string> {
  const started = await owner.json<{ compilation_job_id: string }>('POST', `/api/v1/episodes/${episodeId}/compile`, { segment_ids: ids, transition_style: 'cut' });
  expect(started.status).toBe(202);
  expect(await compileEpisode(context.services, started.body.compilation_job_id, { number: 1, max: 1 })).toBe('completed');
  return started.body.compilation_job_id;
}

beforeAll(async () => {
  context = await createTestContext();
  server = await startAppServer(context);
  owner = await signedUpClient(server.base, 'owner@example.com');
  const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  episodeId = (await plannedEpisode(context.services, 'A lighthouse keeper at dawn', 2, ownerId)).id;
  segmentIds = (await generateFirstSegments(context.services, episodeId, 3)).slice(0, 3).map((segment) => segment.id);
  for (const id of segmentIds) expect((await owner.post(`/api/v1/segments/${id}/approve`, {})).status).toBe(200);
  client = connectLive(server.port, episodeId, await liveTokenFor(server.base, 'owner@example.com'));
  await client.synced();
}, 120_000);
afterAll(async () => {
  client?.close();
  await server?.close();
  await context?.cleanup();
});

describe('the final video in the live document', () => {
  it('is up to date after a compile, and says so live after a reorder and a reopened take', async () => {
    const firstId = await compile(segmentIds);
    const fresh = await client.until((live) => live.outputs.some((output) => output.id === firstId), 'the compiled video');
    expect(fresh.outputs.find((output) => output.id === firstId)).toMatchObject({ outOfDate: false, changes: [] });

    const slots = client.read()!.slots.map((slot) => slot.slot);
    const swapped = [slots[1]!, slots[0]!, ...slots.slice(2)];
    expect((await owner.put(`/api/v1/episodes/${episodeId}/order`, { order: swapped })).status).toBe(200);
    const reordered = await client.until((live) => live.outputs[0]?.outOfDate === true, 'the out-of-date flag');
    expect(reordered.outputs[0]!.changes).toEqual(['The order changed']);

    expect((await owner.post(`/api/v1/segments/${segmentIds[2]}/reopen`, { reason: 'The horizon tilts' })).status).toBe(200);
    const reopened = await client.until((live) => (live.outputs[0]?.changes.length ?? 0) === 2, 'the reopened take');
    expect(reopened.outputs[0]!.changes).toEqual(['Shot 3 is no longer approved', 'The order changed']);
  });

  it('a compile of the episode as it is now is up to date again', async () => {
    expect((await owner.post(`/api/v1/segments/${segmentIds[2]}/approve`, {})).status).toBe(200);
    const secondId = await compile([segmentIds[1]!, segmentIds[0]!, segmentIds[2]!]);
    const live = await client.until((state) => state.outputs[0]?.id === secondId, 'the new video');
    expect(live.outputs[0]).toMatchObject({ outOfDate: false, changes: [] });
  });

  it('says so live when a shot\'s own transition in changes', async () => {
    const { body } = await owner.json<{ shots: { id: string; shot_number: number; segment: { id: string } | null }[] }>('GET', `/api/v1/episodes/${episodeId}`);
    // The take played second in the last compile: its join from the first is the shot's to change.
    const second = body.shots.find((shot) => shot.segment?.id === segmentIds[0])!;
    expect((await owner.json('PATCH', `/api/v1/shots/${second.id}`, { transition_in: { style: 'dissolve', duration_seconds: 0.5 } })).status).toBe(200);
    const live = await client.until((state) => state.outputs[0]?.outOfDate === true, 'the changed transition');
    expect(live.outputs[0]!.changes).toEqual([`Shot ${second.shot_number} has a new transition in`]);
  });
});

