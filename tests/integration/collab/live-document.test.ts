/**
 * The live document with real provider clients against a real server and Postgres: decisions made
 * through the API reach every client as small updates; orders arrive in order; a read-only
 * client's write is dropped; a client that was away catches up with what it missed only; a new
 * server process continues the same document, so a reconnecting client merges without conflicts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLiveEpisode } from '../../../src/lib/live/episode-document.ts';
import { projectionOf } from '../../../server/collab/server.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { connectLive, liveTokenFor, type LiveClient } from '../../support/live-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let owner: TestClient;
let ownerId: string;
let episodeId: string;
let segmentIds: string[];
const tokens: Record<string, string> = {};
const clients: LiveClient[] = [];

function live(token: string, document?: Y.Doc, port = server.port): LiveClient {
  const client = connectLive(port, episodeId, token, document);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  context = await createTestContext();
  server = await startAppServer(context);
  owner = await signedUpClient(server.base, 'owner@example.com');
  await signedUpClient(server.base, 'viewer@example.com');
  ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  const episode = await plannedEpisode(context.services, 'A ferry crossing at night', 4, ownerId);
  episodeId = episode.id;
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'viewer@example.com', role: 'viewer' });
  const segments = await generateFirstSegments(context.services, episodeId, 3);
  segmentIds = segments.slice(0, 3).map((segment) => segment.id);
  tokens.owner = await liveTokenFor(server.base, 'owner@example.com');
  tokens.viewer = await liveTokenFor(server.base, 'viewer@example.com');
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.close();
  await context?.cleanup();
});

describe('the live document', () => {
  it('shows both clients an approval made through the API, as a small update', async () => {
    const first = live(tokens.owner!);
    const second = live(tokens.viewer!);
    await Promise.all([first.synced(), second.synced()]);
    const initial = first.read()!;
    expect(initial.episode.id).toBe(episodeId);
    expect(initial.slots.slice(0, 3).map((slot) => [slot.segmentId, slot.status, slot.approval])).toEqual(
      segmentIds.map((id) => [id, 'completed', 'pending']),
    );
    const updates: number[] = [];
    first.document.on('update', (update: Uint8Array) => updates.push(update.byteLength));

    expect((await owner.post(`/api/v1/segments/${segmentIds[0]}/approve`, { rating: 4 })).status).toBe(200);
    for (const client of [first, second]) {
      const seen = await client.until((state) => state.slots[0]?.approval === 'approved' && state.slots[0].ratingCount === 1, 'the approval');
      expect(seen.slots[0]).toMatchObject({ ratingMean: 4, ratings: [{ name: expect.any(String), rating: 4 }] });
    }
    // Only the changed keys travel: tens of bytes, not the document.
    const full = Y.encodeStateAsUpdate(server.collab.documents.get(`episode/${episodeId}`)!).byteLength;
    expect(Math.max(...updates)).toBeLessThan(400);
    expect(updates.reduce((sum, size) => sum + size, 0)).toBeLessThan(full / 5);
  });

  it('shows each reviewer’s decision and the rule’s count live', async () => {
    const watcher = live(tokens.viewer!);
    await watcher.synced();
    expect((await owner.put(`/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'count', count: 2 })).status).toBe(200);
    expect((await owner.put(`/api/v1/segments/${segmentIds[2]}/decision`, { decision: 'changes_requested', note: 'Too dark' })).status).toBe(200);
    const seen = await watcher.until((state) => state.slots[2]?.decisions.length === 1 && state.slots[2].approvalsNeeded === 2, 'the decision');
    expect(seen.slots[2]).toMatchObject({ approval: 'needs_revision', approvals: 0, decisions: [{ reviewer: ownerId, decision: 'changes_requested', rating: null }] });
    expect((await owner.put(`/api/v1/segments/${segmentIds[2]}/decision`, { decision: 'approve', rating: 3 })).status).toBe(200);
    const changed = await watcher.until((state) => state.slots[2]?.decisions[0]?.decision === 'approve', 'the changed decision');
    expect(changed.slots[2]).toMatchObject({ approval: 'pending', approvals: 1, approvalsNeeded: 2, ratings: [{ reviewer: ownerId, rating: 3 }] });
    expect((await owner.put(`/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'any' })).status).toBe(200);
  });

  it('delivers order changes in the order they were made', async () => {
    const watcher = live(tokens.viewer!);
    await watcher.synced();
    const seen: string[] = [];
    watcher.document.on('update', () => {
      const order = readLiveEpisode(watcher.document)?.order.join(',');
      if (order && order !== seen.at(-1)) seen.push(order);
    });
    const original = watcher.read()!.order;
    // The last order differs from the one the watcher starts with, so waiting for it cannot end
    // before the changes arrive.
    const last = [original[1]!, original[0]!, ...original.slice(2)];
    const orders = [[...original].reverse(), [...original.slice(1), original[0]!], last];
    for (const order of orders) expect((await owner.put(`/api/v1/episodes/${episodeId}/order`, { order })).status).toBe(200);
    await watcher.until((state) => state.order.join(',') === last.join(','), 'the last order');
    // Intermediate orders may be folded together, but never seen out of order.
    const positions = orders.map((order) => seen.indexOf(order.join(','))).filter((index) => index >= 0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(last.join(','));
    expect((await owner.put(`/api/v1/episodes/${episodeId}/order`, { order: original })).status).toBe(200);
    await watcher.until((state) => state.order.join(',') === original.join(','), 'the original order again');
  });

  it('drops what a read-only client writes: no other client, no server document, no row changes', async () => {
    const forger = live(tokens.viewer!);
    const witness = live(tokens.owner!);
    await Promise.all([forger.synced(), witness.synced()]);
    forger.document.transact(() => {
      forger.document.getMap('slots').set('2/approval', 'approved');
      forger.document.getMap('episode').set('title', 'Forged');
    });
    // The server has handled the write (and said it did not apply it) before anything is checked.
    await forger.writesRefused();
    expect(witness.read()!.slots[1]!.approval).toBe('pending');
    expect(readLiveEpisode(server.collab.documents.get(`episode/${episodeId}`)!)!.episode.title).not.toBe('Forged');
    const row = await context.services.db.selectFrom('video_segments').select('approval_status').where('id', '=', segmentIds[1]!).executeTakeFirstOrThrow();
    expect(row.approval_status).toBe('pending');
  });

  it('catches a client up on reconnect with only what it missed', async () => {
    const away = live(tokens.owner!);
    // Another client keeps the document loaded on the server while the first is away.
    const keeper = live(tokens.viewer!);
    await Promise.all([away.synced(), keeper.synced()]);
    const before = Y.encodeStateVector(away.document);
    away.socket.disconnect();
    expect((await owner.post(`/api/v1/segments/${segmentIds[1]}/approve`, { rating: 5 })).status).toBe(200);
    await projectionOf(server.collab).settled();
    const serverDoc = server.collab.documents.get(`episode/${episodeId}`)!;
    const missing = Y.encodeStateAsUpdate(serverDoc, before).byteLength;
    const whole = Y.encodeStateAsUpdate(serverDoc).byteLength;
    away.resetReceived();
    await away.socket.connect();
    await away.until((state) => state.slots[1]?.approval === 'approved', 'the approval made while away');
    // Received: the missed update plus protocol framing (sync steps, awareness), far from the whole document.
    expect(away.received()).toBeLessThan(missing + 600);
    expect(away.received()).toBeLessThan(whole / 2);
  });

  it('continues the same document after a server restart: a reconnecting client merges without conflicts', async () => {
    // The first two takes approved before the restart (earlier tests may have done it already).
    for (const id of segmentIds.slice(0, 2)) {
      const row = await context.services.db.selectFrom('video_segments').select('approval_status').where('id', '=', id).executeTakeFirstOrThrow();
      if (row.approval_status !== 'approved') expect((await owner.post(`/api/v1/segments/${id}/approve`, {})).status).toBe(200);
    }
    const survivor = live(tokens.owner!);
    await survivor.until((state) => state.slots.slice(0, 2).every((slot) => slot.approval === 'approved'), 'both approvals');
    const kept = survivor.document;
    survivor.close();
    await server.close();

    // Changed while no server had the document loaded.
    await context.services.db.updateTable('episodes').set({ title: 'The night ferry' }).where('id', '=', episodeId).execute();
    server = await startAppServer(context);
    const back = live(tokens.owner!, kept, server.port);
    await back.until((state) => state.episode.title === 'The night ferry', 'the change made during the restart');
    // The new process continued the stored document, so the client needed only the change.
    const whole = Y.encodeStateAsUpdate(server.collab.documents.get(`episode/${episodeId}`)!).byteLength;
    expect(back.received()).toBeLessThan(whole / 2);
    const fresh = live(tokens.viewer!);
    await fresh.synced();
    await projectionOf(server.collab).settled();
    // The reconnected copy equals a fresh one and the server's: no stale value won a merge.
    const serverView = readLiveEpisode(server.collab.documents.get(`episode/${episodeId}`)!);
    expect(back.read()).toEqual(serverView);
    expect(fresh.read()).toEqual(serverView);
    expect(back.read()!.slots.slice(0, 2).map((slot) => slot.approval)).toEqual(['approved', 'approved']);
  });

  it('listens to Postgres on one connection per server, however many documents it loads', async () => {
    const others = [];
    for (const idea of ['A kite festival', 'A night market']) {
      const episode = await plannedEpisode(context.services, idea, 5, ownerId);
      const client = connectLive(server.port, episode.id, tokens.owner!);
      clients.push(client);
      others.push(client.synced());
    }
    await Promise.all(others);
    expect(projectionOf(server.collab).loadedEpisodes().length).toBeGreaterThanOrEqual(2);
    const { rows } = await context.database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'",
    );
    expect(rows[0]!.n).toBe(1);
  });
});
