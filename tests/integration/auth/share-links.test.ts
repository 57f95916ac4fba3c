/**
 * Share links: created by owners, token shown once and stored hashed, guests name themselves and
 * act as that guest via that link; expired, revoked and wrong-password links give clear errors and
 * no data; every use is recorded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../server/auth/principal.ts';
import { validateGuestSession } from '../../../server/auth/sessions.ts';
import { hashToken } from '../../../server/auth/tokens.ts';
import { approveSegment } from '../../../server/commands/segment-reviews.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';

const app = appServerForFile();
let owner: TestClient;
let episodeId: string;

interface LinkBody {
  id: string;
  token: string;
  url: string;
  role: string;
  has_password: boolean;
}

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
  const episode = await plannedEpisode(app.context.services, 'A lighthouse keeper befriends a whale', 3, me.id);
  episodeId = episode.id;
});

const createLink = (body: Record<string, unknown>) => owner.json<LinkBody>('POST', `/api/v1/episodes/${episodeId}/share-links`, body);

async function openAsGuest(token: string, body: Record<string, unknown>) {
  const guest = new TestClient(app.server.base);
  const result = await guest.json<{ error?: { code: string; message: string }; episode_id?: string }>('POST', `/api/v1/share/${token}/session`, body);
  return { guest, ...result };
}

describe('creating and listing links', () => {
  it('shows a 160-bit token once and keeps only its hash', async () => {
    const { status, body } = await createLink({ role: 'reviewer', label: 'For the client' });
    expect(status).toBe(201);
    expect(body.token).toMatch(/^[a-z2-7]{32}$/);
    expect(body.url).toBe(`/share/${body.token}`);
    const row = await app.context.services.db.selectFrom('share_links').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(body.token));
    const listed = await owner.json<{ share_links: LinkBody[] }>('GET', `/api/v1/episodes/${episodeId}/share-links`);
    expect(listed.body.share_links.map((link) => link.id)).toContain(body.id);
    expect(JSON.stringify(listed.body)).not.toContain(body.token);
  });

  it.each<[Record<string, string>, string]>([
    [{ role: 'owner' }, 'a role other than reviewer or viewer'],
    [{ role: 'viewer', expires_at: 'tomorrow' }, 'an expiry that is not a date'],
    [{ role: 'viewer', expires_at: '2001-01-01T00:00:00Z' }, 'an expiry in the past'],
    [{ role: 'viewer', password: 'abc' }, 'a password that is too short'],
  ])('refuses %j (%s) and creates nothing', async (body) => {
    const before = await databaseFingerprint(app.context.services.db);
    const { status } = await createLink(body);
    expect(status).toBe(400);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
  });
});

describe('guests', () => {
  it('name themselves, see only that episode, and review as that guest via that link', async () => {
    const { body: link } = await createLink({ role: 'reviewer', label: 'review' });
    const { guest, status, body } = await openAsGuest(link.token, { name: 'Grace' });
    expect(status).toBe(201);
    expect(body).toMatchObject({ kind: 'guest', display_name: 'Grace', episode_id: episodeId, role: 'reviewer' });
    expect((await guest.get(`/api/v1/episodes/${episodeId}`)).status).toBe(200);
    const other = await plannedEpisode(app.context.services, 'Some other story', 4);
    expect((await guest.get(`/api/v1/episodes/${other.id}`)).status).toBe(404);
    expect((await guest.json<{ episodes: { id: string }[] }>('GET', '/api/v1/me/episodes')).body.episodes.map((e) => e.id)).toEqual([episodeId]);

    // The review path records the guest and the link (the review routes call the same command).
    const [segment] = await generateFirstSegments(app.context.services, episodeId, 1);
    const principal = await validateGuestSession(app.context.services.db, guest.cookies.get('dailies_guest')!);
    await approveSegment(app.context.services, segment!.id, actorOf(principal!), { rating: 4 });
    const review = await app.context.services.db.selectFrom('segment_reviews').selectAll().where('segment_id', '=', segment!.id).executeTakeFirstOrThrow();
    expect(review).toMatchObject({ reviewer_id: null, reviewer_name: 'Grace (guest)', share_link_id: link.id, rating: 4 });

    const uses = await app.context.services.db.selectFrom('audit_events').selectAll().where('share_link_id', '=', link.id).execute();
    expect(uses.map((event) => event.action)).toEqual(expect.arrayContaining(['share_link.created', 'share_link.used', 'segment.approve']));
    const row = await app.context.services.db.selectFrom('share_links').select('use_count').where('id', '=', link.id).executeTakeFirstOrThrow();
    expect(row.use_count).toBe(1);
  });

  it('must give a name', async () => {
    const { body: link } = await createLink({ role: 'viewer' });
    const before = await databaseFingerprint(app.context.services.db);
    expect((await openAsGuest(link.token, { name: '  ' })).status).toBe(400);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
  });

  it('lose access the moment the link is revoked', async () => {
    const { body: link } = await createLink({ role: 'viewer' });
    const { guest } = await openAsGuest(link.token, { name: 'Vic' });
    expect((await guest.get(`/api/v1/episodes/${episodeId}`)).status).toBe(200);
    expect((await owner.delete(`/api/v1/share-links/${link.id}`)).status).toBe(200);
    const after = await guest.json<{ error: { code: string; message: string } }>('GET', `/api/v1/episodes/${episodeId}`);
    expect(after.status).toBe(401);
    // The guest is told why, not just asked to log in.
    expect(after.body.error).toMatchObject({ code: 'share_link_revoked', message: expect.stringMatching(/revoked/) });
    const again = await openAsGuest(link.token, { name: 'Vic' });
    expect(again.status).toBe(410);
    expect(again.body.error?.code).toBe('share_link_revoked');
    expect(again.body.error?.message).toMatch(/revoked/);
    const audit = await owner.json<{ events: { action: string }[] }>('GET', `/api/v1/episodes/${episodeId}/audit`);
    expect(audit.body.events.map((e) => e.action)).toContain('share_link.revoked');
  });

  it('get a clear error and no data from an expired link', async () => {
    const { body: link } = await createLink({ role: 'viewer', expires_at: new Date(Date.now() + 60_000).toISOString() });
    const { guest } = await openAsGuest(link.token, { name: 'Eve' });
    await app.context.services.db.updateTable('share_links').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', link.id).execute();
    expect((await guest.get(`/api/v1/episodes/${episodeId}`)).status).toBe(401);
    const info = await new TestClient(app.server.base).json<{ error: { code: string }; label?: string }>('GET', `/api/v1/share/${link.token}`);
    expect(info.status).toBe(410);
    expect(info.body.error.code).toBe('share_link_expired');
    expect(info.body.label).toBeUndefined();
  });

  it('need the password when the link has one, and are rate-limited on wrong guesses', async () => {
    const { body: link } = await createLink({ role: 'reviewer', password: 'open sesame' });
    expect(link.has_password).toBe(true);
    const missing = await openAsGuest(link.token, { name: 'Pat' });
    expect(missing.status).toBe(401);
    expect(missing.body.error?.code).toBe('share_link_password');
    expect(missing.guest.cookies.size).toBe(0);
    const right = await openAsGuest(link.token, { name: 'Pat', password: 'open sesame' });
    expect(right.status).toBe(201);
    let last = 0;
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const guest = new TestClient(app.server.base);
      const response = await guest.post(`/api/v1/share/${link.token}/session`, { name: 'Mallory', password: `guess ${attempt}` });
      last = response.status;
      retryAfter = response.headers.get('retry-after');
      await response.text();
    }
    expect(last).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    const failures = await app.context.services.db.selectFrom('audit_events').selectAll().where('action', '=', 'share_link.password_failed').execute();
    expect(failures.length).toBeGreaterThanOrEqual(9);
  });

  it('answer a malformed or unknown token without data', async () => {
    const anonymous = new TestClient(app.server.base);
    expect((await anonymous.get('/api/v1/share/../../etc')).status).toBe(404);
    expect((await anonymous.get('/api/v1/share/short')).status).toBe(400);
    const unknown = await anonymous.json<{ error: { code: string } }>('GET', `/api/v1/share/${'b'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('share_link_invalid');
  });
});

describe('who may manage links', () => {
  it('only owners create, list and revoke', async () => {
    const editor = await signedUpClient(app.server.base, 'editor@example.com');
    const editorId = (await editor.json<{ id: string }>('GET', '/api/v1/me')).body.id;
    await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'editor@example.com', role: 'editor' });
    const before = await databaseFingerprint(app.context.services.db);
    expect((await editor.post(`/api/v1/episodes/${episodeId}/share-links`, { role: 'viewer' })).status).toBe(403);
    expect((await editor.get(`/api/v1/episodes/${episodeId}/share-links`)).status).toBe(403);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
    const audit = await owner.json<{ events: { action: string; details: { user_id?: string } }[] }>('GET', `/api/v1/episodes/${episodeId}/audit`);
    expect(audit.body.events).toContainEqual(expect.objectContaining({ action: 'member.added', details: expect.objectContaining({ user_id: editorId }) }));
  });
});

describe('share links and accounts', () => {
  it('give a signed-in person without a role the link’s access, as themselves', async () => {
    const { body: link } = await createLink({ role: 'viewer' });
    const bob = await signedUpClient(app.server.base, 'bob@example.com', 'Bob');
    expect((await bob.get(`/api/v1/episodes/${episodeId}`)).status).toBe(404);
    expect((await bob.post(`/api/v1/share/${link.token}/session`, { name: 'Bob' })).status).toBe(201);
    expect((await bob.get(`/api/v1/episodes/${episodeId}`)).status).toBe(200);
    expect((await bob.json<{ kind: string; email: string }>('GET', '/api/v1/me')).body).toMatchObject({ kind: 'user', email: 'bob@example.com' });
    // Viewer through the link: no reviewing.
    expect((await bob.post(`/api/v1/episodes/${episodeId}/generate-segments`, {})).status).toBe(403);
  });

  it('show guests the members’ names but not their email addresses', async () => {
    const { body: link } = await createLink({ role: 'reviewer' });
    const { guest } = await openAsGuest(link.token, { name: 'Gus' });
    const { status, body } = await guest.json<{ members: { email: string | null; display_name: string }[] }>('GET', `/api/v1/episodes/${episodeId}/members`);
    expect(status).toBe(200);
    expect(body.members.length).toBeGreaterThan(0);
    expect(body.members.every((m) => m.email === null && m.display_name)).toBe(true);
    const own = await owner.json<{ members: { email: string | null }[] }>('GET', `/api/v1/episodes/${episodeId}/members`);
    expect(own.body.members.every((m) => m.email?.includes('@'))).toBe(true);
  });
});

