/**
 * Notes in the live document: a real Yjs client sees each shot's open and total threads, the
 * latest note, and a revision that changes with every note change (a reply, an edit, resolving),
 * without reconnecting, and never the whole threads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { connectLive, liveTokenFor, type LiveClient } from '../../support/live-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let owner: TestClient;
let episodeId: string;
let takeId: string;
let client: LiveClient;

beforeAll(async () => {
  context = await createTestContext();
  server = await startAppServer(context);
  owner = await signedUpClient(server.base, 'owner@example.com', 'Olga');
  const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  episodeId = (await plannedEpisode(context.services, 'A lighthouse keeper at dawn', 2, ownerId)).id;
  takeId = (await generateFirstSegments(context.services, episodeId, 1))[0]!.id;
  client = connectLive(server.port, episodeId, await liveTokenFor(server.base, 'owner@example.com'));
  await client.synced();
}, 120_000);
afterAll(async () => {
  client?.close();
  await server?.close();
  await context?.cleanup();
});

describe('notes in the live document', () => {
  it('carries counts, the latest note and a revision per shot, live', async () => {
    const first = client.read()!.slots[0]!;
    expect(first.notes).toEqual({ open: 0, total: 0, revision: '', latest: null });

    const made = await owner.json<{ id: string }>('POST', `/api/v1/segments/${takeId}/notes`, {
      text: 'The horizon tilts here',
      frame_in: 12,
      drawing: { shapes: [{ kind: 'ellipse', color: '#2a9d8f', width: 0.01, cx: 0.5, cy: 0.4, rx: 0.1, ry: 0.05 }] },
    });
    expect(made.status).toBe(201);
    const noted = await client.until((live) => live.slots[0]!.notes.total === 1, 'the first note');
    const summary = noted.slots[0]!.notes;
    expect(summary).toMatchObject({ open: 1, total: 1, latest: { id: made.body.id, author: 'Olga', text: 'The horizon tilts here', frameIn: 12, version: 1 } });
    expect(summary.revision).not.toBe('');
    // The other shot has none.
    expect(noted.slots[1]!.notes.total).toBe(0);

    await owner.post(`/api/v1/notes/${made.body.id}/replies`, { text: 'Fixed in the next take' });
    const replied = await client.until((live) => live.slots[0]!.notes.latest?.text === 'Fixed in the next take', 'the reply');
    // A reply is not a thread.
    expect(replied.slots[0]!.notes).toMatchObject({ open: 1, total: 1 });
    const afterReply = replied.slots[0]!.notes.revision;
    expect(afterReply).not.toBe(summary.revision);

    await owner.request('PATCH', `/api/v1/notes/${made.body.id}`, { text: 'The horizon tilts to the left here' });
    const edited = await client.until((live) => live.slots[0]!.notes.revision !== afterReply, 'the edit');
    const afterEdit = edited.slots[0]!.notes.revision;

    await owner.post(`/api/v1/notes/${made.body.id}/resolve`);
    const resolved = await client.until((live) => live.slots[0]!.notes.open === 0, 'the resolved thread');
    expect(resolved.slots[0]!.notes.total).toBe(1);
    expect(resolved.slots[0]!.notes.revision).not.toBe(afterEdit);
  });

  it('keeps the latest note short', async () => {
    const long = 'x'.repeat(1000);
    await owner.post(`/api/v1/segments/${takeId}/notes`, { text: long });
    const seen = await client.until((live) => live.slots[0]!.notes.total === 2, 'the long note');
    expect(seen.slots[0]!.notes.latest!.text).toBe('x'.repeat(140));
  });
});
