/**
 * Live connections end when access does: revoking a share link, removing a member, taking away the
 * last role (admin rights of someone with no membership), logging out and changing the password
 * each close the affected `/collab` connections within 2 s, with a reason the page can show; the
 * closed client receives nothing more. A lowered role that still reads keeps its connection. The
 * change may be made through another server process on the same database. An expiry, which no
 * change announces, closes the connection at the next periodic check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVE_CLOSE_REASONS } from '../../../src/lib/live/close-reasons.ts';
import { appServerForFile, startAppServer, type AppServer } from '../../support/app-server.ts';
import { addMember, plannedEpisode } from '../../support/factories.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';
import { connectLive, type LiveClient, type LiveCredentials } from '../../support/live-client.ts';

const app = appServerForFile();
/** A second server process's worth of HTTP and collaboration, on the same database. */
let other: AppServer;
let owner: TestClient;
let episodeId: string;
let witness: LiveClient;
const clients: LiveClient[] = [];

const cookieOf = (client: TestClient) => ({ cookie: [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ') });

async function tokenOf(client: TestClient): Promise<string> {
  const { status, body } = await client.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'live' });
  expect(status).toBe(201);
  return body.token;
}

async function live(credentials: LiveCredentials, port = app.server.port): Promise<LiveClient> {
  const client = connectLive(port, episodeId, credentials);
  clients.push(client);
  await client.synced();
  return client;
}

const documentName = () => `episode/${episodeId}`;
const connectionsOn = (on: AppServer) => on.collab.documents.get(documentName())?.getConnections().length ?? 0;

/**
 * Runs `change` and resolves with the close reason and how long after the change it arrived;
 * the server `on` holds one connection fewer.
 */
async function closedAfter(client: LiveClient, change: () => Promise<void>, on = app.server): Promise<{ reason: string; ms: number }> {
  const before = connectionsOn(on);
  const started = performance.now();
  await change();
  const { reason, at } = await client.closedByServer();
  expect(connectionsOn(on)).toBe(before - 1);
  return { reason, ms: at - started };
}

/** The closed client misses a change that the witness sees. */
async function expectCutOff(closed: LiveClient) {
  const before = closed.read()!.order;
  const order = [...witness.read()!.order].reverse();
  expect((await owner.put(`/api/v1/episodes/${episodeId}/order`, { order })).status).toBe(200);
  await witness.until((state) => state.order.join() === order.join(), 'the witness to see the new order');
  expect(closed.read()!.order).toEqual(before);
}

beforeAll(async () => {
  other = await startAppServer(app.context);
  // The first account is the server's admin; it is not a member of the episode.
  const admin = await signedUpClient(app.server.base, 'admin@example.com');
  await admin.get('/api/v1/me');
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Olive Owner');
  const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(app.context.services, 'A tram line through the fog', 4, me.id)).id;
  witness = await live(await tokenOf(owner));
});
afterAll(async () => {
  for (const client of clients) client.close();
  await other?.close();
});

describe('a live connection whose access ends is closed within 2 s', () => {
  it('when the share link it was opened with is revoked', async () => {
    const link = (await owner.json<{ id: string; token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role: 'viewer' })).body;
    const guest = new TestClient(app.server.base);
    expect((await guest.post(`/api/v1/share/${link.token}/session`, { name: 'Gus' })).status).toBe(201);
    const watching = await live(cookieOf(guest));

    const { reason, ms } = await closedAfter(watching, async () => {
      expect((await owner.delete(`/api/v1/share-links/${link.id}`)).status).toBe(200);
    });
    expect(reason).toBe('share_link_revoked');
    expect(LIVE_CLOSE_REASONS[reason as 'share_link_revoked']).toMatch(/revoked/);
    expect(ms).toBeLessThan(2000);
    await expectCutOff(watching);
  });

  it('when the member is removed', async () => {
    const member = await signedUpClient(app.server.base, 'reviewer@example.com');
    await addMember(app.context.services, episodeId, 'reviewer@example.com', 'reviewer', { userId: null, name: 'Olive Owner' });
    const watching = await live(await tokenOf(member));

    const { reason, ms } = await closedAfter(watching, async () => {
      expect((await owner.delete(`/api/v1/episodes/${episodeId}/members`, { email: 'reviewer@example.com' })).status).toBe(204);
    });
    expect(reason).toBe('access_removed');
    expect(ms).toBeLessThan(2000);
    await expectCutOff(watching);
  });

  it('when a role is lowered: to viewer it stays open, below viewer (admin rights taken from a non-member) it closes', async () => {
    const editor = await signedUpClient(app.server.base, 'editor@example.com');
    await addMember(app.context.services, episodeId, 'editor@example.com', 'editor', { userId: null, name: 'Olive Owner' });
    const lowered = await live(await tokenOf(editor));
    const admin = new TestClient(app.server.base);
    expect((await admin.post('/api/v1/auth/login', { email: 'admin@example.com', password: PASSWORD })).status).toBe(200);
    const adminWatching = await live(await tokenOf(admin));

    // Editor → viewer: still reads, so the connection stays and keeps receiving changes.
    expect((await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'editor@example.com', role: 'viewer' })).status).toBe(200);
    const order = [...witness.read()!.order].reverse();
    expect((await owner.put(`/api/v1/episodes/${episodeId}/order`, { order })).status).toBe(200);
    await lowered.until((state) => state.order.join() === order.join(), 'the viewer to keep receiving');

    // Admin rights are taken away by an operator (there is no API for it): no role is left.
    const { reason, ms } = await closedAfter(adminWatching, async () => {
      await app.context.services.db.updateTable('users').set({ is_admin: false }).where('email', '=', 'admin@example.com').execute();
    });
    expect(reason).toBe('access_removed');
    expect(ms).toBeLessThan(2000);
    await expectCutOff(adminWatching);
    // The lowered editor's connection was checked by the same notifications and kept.
    expect(lowered.provider.isSynced).toBe(true);
    expect(app.server.collab.documents.get(documentName())!.getConnections().some((connection) => connection.context.principal.email === 'editor@example.com')).toBe(true);
  });

  it('when the person logs out (and a share-link session held beside the account ends too)', async () => {
    const person = await signedUpClient(app.server.base, 'guesting@example.com');
    // Not a member: the account sees the episode only through the share link it also opened.
    const link = (await owner.json<{ token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role: 'reviewer' })).body;
    expect((await person.post(`/api/v1/share/${link.token}/session`, { name: 'Gina' })).status).toBe(201);
    expect([...person.cookies.keys()].sort()).toEqual(['dailies_device', 'dailies_guest', 'dailies_session']);
    const cookies = cookieOf(person);
    const watching = await live(cookies);

    const { reason, ms } = await closedAfter(watching, async () => {
      expect((await person.post('/api/v1/auth/logout')).status).toBe(204);
    });
    expect(reason).toBe('signed_out');
    expect(ms).toBeLessThan(2000);
    await expectCutOff(watching);
    // The same cookies open nothing any more, neither as the account nor as the guest.
    const replay = connectLive(app.server.port, episodeId, cookies);
    clients.push(replay);
    await expect(replay.synced()).rejects.toThrow(/refused/);
  });

  it('when the password is changed: sessions and API tokens of the account, on every server process', async () => {
    const person = await signedUpClient(app.server.base, 'changer@example.com');
    await addMember(app.context.services, episodeId, 'changer@example.com', 'reviewer', { userId: null, name: 'Olive Owner' });
    const laptop = new TestClient(other.base);
    expect((await laptop.post('/api/v1/auth/login', { email: 'changer@example.com', password: PASSWORD })).status).toBe(200);
    const bySession = await live(cookieOf(laptop), other.port);
    const byToken = await live(await tokenOf(person));

    const onOther = connectionsOn(other);
    const started = performance.now();
    expect((await person.post('/api/v1/auth/password', { current_password: PASSWORD, new_password: 'another long password' })).status).toBe(200);
    const [session, token] = await Promise.all([bySession.closedByServer(), byToken.closedByServer()]);
    expect(session.reason).toBe('signed_out');
    expect(token.reason).toBe('token_revoked');
    expect(Math.max(session.at, token.at) - started).toBeLessThan(2000);
    expect(connectionsOn(other)).toBe(onOther - 1);
    await expectCutOff(byToken);
    await expectCutOff(bySession);
  });

  it('when the share link it was opened with expires (found by the periodic check)', async () => {
    const sweeping = await startAppServer(app.context, {}, { accessSweepMs: 200 });
    try {
      const expiresAt = new Date(Date.now() + 3000);
      const link = (await owner.json<{ token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role: 'viewer', expires_at: expiresAt.toISOString() })).body;
      const guest = new TestClient(sweeping.base);
      expect((await guest.post(`/api/v1/share/${link.token}/session`, { name: 'Eve' })).status).toBe(201);
      const watching = await live(cookieOf(guest), sweeping.port);
      const { reason, at } = await watching.closedByServer(15_000);
      expect(reason).toBe('share_link_expired');
      expect(performance.timeOrigin + at).toBeGreaterThanOrEqual(expiresAt.getTime());
    } finally {
      await sweeping.close();
    }
  });
});
