/**
 * Presence cannot lie: a view-only guest attacks the presence of an episode's reviewers with a
 * real provider client, and every attack fails. The server stamps name, colour and account or
 * guest id from the connection's credentials; a connection speaks only for its own client ids (at
 * most two); states over 4 KiB are dropped and messages over 16 KiB close the connection; more
 * than 20 updates a second are dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { othersPresent, PRESENCE_FIELD, presenceColour, type Presence } from '../../../src/lib/live/presence.ts';
import { PRESENCE_LIMITS } from '../../../server/collab/extensions/presence.extension.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';
import { connectLive, type LiveClient } from '../../support/live-client.ts';
import { eventually } from '../../support/server-process.ts';

const app = appServerForFile();
let owner: TestClient;
let episodeId: string;
let linkToken: string;
let reviewerId: string;
/** The owner's client: sees what everyone else is shown. */
let observer: LiveClient;
/** The reviewer's client, whose presence the guest tries to take over. */
let victim: LiveClient;
const clients: LiveClient[] = [];

async function live(credentials: string | { cookie: string }): Promise<LiveClient> {
  const client = connectLive(app.server.port, episodeId, credentials);
  clients.push(client);
  await client.synced();
  return client;
}

/** A view-only guest with a connection of its own. */
async function guest(name: string): Promise<LiveClient> {
  const client = new TestClient(app.server.base);
  expect((await client.post(`/api/v1/share/${linkToken}/session`, { name })).status).toBe(201);
  return live({ cookie: [...client.cookies].map(([key, value]) => `${key}=${value}`).join('; ') });
}

const present = (client: LiveClient) => othersPresent(client.provider.awareness!.getStates() as Map<number, Record<string, unknown>>, client.document.clientID);
const serverStates = () => app.server.collab.documents.get(`episode/${episodeId}`)!.awareness.getStates();

/** Waits until the observer shows `clientId` with a presence that passes `check`. */
const shown = (clientId: number, check: (presence: Presence) => boolean, what: string) =>
  eventually(async () => {
    const presence = present(observer).get(clientId);
    return presence && check(presence) ? presence : undefined;
  }, 10_000, what);

const activity = (slotInView: number, extra: Record<string, unknown> = {}) => ({ [PRESENCE_FIELD]: { slotInView, playhead: null, following: null, ...extra } });

/** An awareness update carrying `entries` ([client id, clock, state]), as y-protocols encodes it. */
function craftedUpdate(entries: [number, number, Record<string, unknown>][]): Uint8Array {
  const scratch = new Awareness(new Y.Doc());
  for (const [clientId, clock, state] of entries) {
    scratch.states.set(clientId, state);
    scratch.meta.set(clientId, { clock, lastUpdated: Date.now() });
  }
  const update = encodeAwarenessUpdate(scratch, entries.map(([clientId]) => clientId));
  scratch.destroy();
  return update;
}

/**
 * Every state the server's own awareness takes for `clientId` from now on (what it would send to
 * everyone), until `stop()`.
 */
function recordOnServer(clientId: number) {
  const awareness = app.server.collab.documents.get(`episode/${episodeId}`)!.awareness;
  const states: { state: Record<string, unknown>; at: number }[] = [];
  const listener = ({ added, updated }: { added: number[]; updated: number[] }) => {
    if (added.includes(clientId) || updated.includes(clientId)) states.push({ state: awareness.getStates().get(clientId)!, at: performance.now() });
  };
  awareness.on('update', listener);
  const slots = () => states.map(({ state }) => (state[PRESENCE_FIELD] as Presence).slotInView);
  return { states, slots, stop: () => awareness.off('update', listener) };
}

/** Makes the attacker's provider send `update` as its own (it forwards every change it did not receive). */
const send = (attacker: LiveClient, update: Uint8Array) => applyAwarenessUpdate(attacker.provider.awareness!, update, 'attack');

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Olive Owner');
  const reviewer = await signedUpClient(app.server.base, 'rita@example.com', 'Rita Reviewer');
  reviewerId = (await reviewer.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  episodeId = (await plannedEpisode(app.context.services, 'A bell tower at noon', 4, ownerId)).id;
  expect((await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'rita@example.com', role: 'reviewer' })).status).toBe(200);
  linkToken = (await owner.json<{ token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role: 'viewer' })).body.token;
  const token = async (client: TestClient) => (await client.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'live' })).body.token;
  observer = await live(await token(owner));
  victim = await live(await token(reviewer));
  victim.provider.awareness!.setLocalState(activity(1));
  await shown(victim.document.clientID, (presence) => presence.slotInView === 1, 'the reviewer on slot 1');
});
afterAll(async () => {
  for (const client of clients) client.close();
});

describe('presence from a view-only guest', () => {
  it('shows the identity the server stamped, not the one the guest claims', async () => {
    const mallory = await guest('Mallory');
    mallory.provider.awareness!.setLocalState(
      activity(2, { name: 'Rita Reviewer', colour: presenceColour(reviewerId), userId: reviewerId, guestId: null, role: 'owner' }),
    );
    const seen = await shown(mallory.document.clientID, (presence) => presence.slotInView === 2, 'the guest on slot 2');
    expect(seen.name).toBe('Mallory (guest)');
    expect(seen.userId).toBeNull();
    expect(seen.guestId).toMatch(/^[0-9a-f]{16}$/);
    expect(seen.colour).toBe(presenceColour(seen.guestId!));
    // Nothing but the presence travels: the extra field is gone, on the server too.
    expect(serverStates().get(mallory.document.clientID)).toEqual({
      [PRESENCE_FIELD]: { name: 'Mallory (guest)', colour: seen.colour, userId: null, guestId: seen.guestId, slotInView: 2, playhead: null, following: null },
    });
  });

  it('cannot overwrite another client’s entry', async () => {
    const mallory = await guest('Mallory');
    const victimId = victim.document.clientID;
    const recorded = recordOnServer(victimId);
    const clock = (mallory.provider.awareness!.meta.get(victimId)?.clock ?? 0) + 10;
    send(mallory, craftedUpdate([[victimId, clock, activity(3, { name: 'Rita Reviewer' })]]));
    // Then an honest update of its own: the server handles a connection's messages in order.
    mallory.provider.awareness!.setLocalState(activity(4));
    await shown(mallory.document.clientID, (presence) => presence.slotInView === 4, 'the guest’s own update');
    recorded.stop();
    expect(recorded.slots()).not.toContain(3);
    expect(present(observer).get(victimId)).toMatchObject({ name: 'Rita Reviewer', userId: reviewerId, slotInView: 1 });
    expect((serverStates().get(victimId)![PRESENCE_FIELD] as Presence).slotInView).toBe(1);
  });

  it('cannot inject 200 fake people: it speaks for at most two client ids', async () => {
    const mallory = await guest('Mallory');
    const fakes = Array.from({ length: 200 }, (_, index): [number, number, Record<string, unknown>] => [
      900_000_000 + index,
      1,
      activity(index % 4, { name: `Fake ${index}` }),
    ]);
    // In messages of 20, each under the message limit.
    for (let start = 0; start < fakes.length; start += 20) send(mallory, craftedUpdate(fakes.slice(start, start + 20)));
    // A later state of the first fake marks the end: the server handles a connection's messages in order.
    const first = fakes[0]![0];
    send(mallory, craftedUpdate([[first, 2, activity(3)]]));
    await shown(first, (presence) => presence.slotInView === 3, 'the last message of the attack');
    const fakeIds = new Set(fakes.map(([clientId]) => clientId));
    const fromFakes = [...present(observer).keys()].filter((clientId) => fakeIds.has(clientId));
    expect(fromFakes.length).toBeLessThanOrEqual(PRESENCE_LIMITS.clientIdsPerConnection);
    // Whatever got through is the guest, under the guest's name.
    for (const clientId of fromFakes) expect(present(observer).get(clientId)!.name).toBe('Mallory (guest)');
    expect([...serverStates().keys()].filter((clientId) => fakeIds.has(clientId))).toHaveLength(fromFakes.length);
  });

  it('drops a state over 4 KiB', async () => {
    const mallory = await guest('Mallory');
    const recorded = recordOnServer(mallory.document.clientID);
    // Under the message limit, over the state limit.
    mallory.provider.awareness!.setLocalState({ ...activity(2), padding: 'x'.repeat(PRESENCE_LIMITS.stateBytes + 1000) });
    mallory.provider.awareness!.setLocalState(activity(3));
    await shown(mallory.document.clientID, (presence) => presence.slotInView === 3, 'the guest’s small update');
    recorded.stop();
    expect(recorded.slots()).toEqual([3]);
  });

  it('cannot push megabytes to every reviewer: a 3.7 MB presence closes its connection', async () => {
    const mallory = await guest('Mallory');
    const bystander = await guest('Bea');
    const before = observer.received();
    mallory.provider.awareness!.setLocalState({ ...activity(2), padding: 'x'.repeat(3_700_000) });
    expect((await mallory.closedByServer()).reason).toBe('presence_too_large');
    // Something sent after it reaches the observer; by then the large state would have too.
    bystander.provider.awareness!.setLocalState(activity(4));
    await shown(bystander.document.clientID, (presence) => presence.slotInView === 4, 'the bystander’s update');
    expect(observer.received() - before).toBeLessThan(20_000);
    expect(serverStates().has(mallory.document.clientID)).toBe(false);
  });

  it('is held to 20 updates a second', async () => {
    const mallory = await guest('Mallory');
    const recorded = recordOnServer(mallory.document.clientID);
    const playheads = () => recorded.states.map(({ state }) => (state[PRESENCE_FIELD] as Presence).playhead ?? -1);
    try {
      for (let index = 0; index < 200; index++) mallory.provider.awareness!.setLocalState(activity(1, { playhead: index }));
      // Nudge until an update is let through again: messages are handled in order, so by then
      // the whole burst was.
      let probe = 10_000;
      await eventually(async () => {
        mallory.provider.awareness!.setLocalState(activity(1, { playhead: probe++ }));
        return playheads().some((playhead) => playhead >= 10_000);
      }, 15_000, 'the limiter to let an update through again');
      const burst = recorded.states.filter((_, index) => playheads()[index]! < 10_000);
      const seconds = (burst.at(-1)!.at - burst[0]!.at) / 1000;
      expect(burst.length).toBeGreaterThan(0);
      expect(burst.length).toBeLessThanOrEqual(PRESENCE_LIMITS.updatesPerSecond * (1 + seconds) + 1);
      expect(burst.length).toBeLessThan(200);
    } finally {
      recorded.stop();
    }
  });
});
