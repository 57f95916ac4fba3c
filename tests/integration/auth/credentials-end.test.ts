/**
 * Credentials end when the person means them to: a password change revokes every API token of the
 * account and says so; logging out ends a share-link guest session held beside the account
 * session; two owners demoting (or removing) themselves at once leave the episode one owner.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/auth/tokens.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, plannedEpisode } from '../../support/factories.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let ownerId: string;

beforeAll(async () => {
  // The first account is the server's admin (owner everywhere); the owners below are plain accounts.
  await signedUpClient(app.server.base, 'admin@example.com');
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
});

describe('a password change', () => {
  it('revokes every API token of the account and says how many', async () => {
    const person = await signedUpClient(app.server.base, 'scripts@example.com');
    const first = (await person.json<{ id: string; token: string }>('POST', '/api/v1/tokens', { name: 'ci' })).body;
    const second = (await person.json<{ id: string; token: string }>('POST', '/api/v1/tokens', { name: 'backup', scope: 'viewer' })).body;
    const alreadyRevoked = (await person.json<{ id: string }>('POST', '/api/v1/tokens', { name: 'old' })).body;
    expect((await person.delete(`/api/v1/tokens/${alreadyRevoked.id}`)).status).toBe(204);
    // Someone else's token is not touched.
    const bystander = (await owner.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'mine' })).body;

    const { status, body } = await person.json<{ sessions_ended: number; api_tokens_revoked: number; message: string }>('POST', '/api/v1/auth/password', {
      current_password: PASSWORD,
      new_password: 'a completely new password',
    });
    expect(status).toBe(200);
    expect(body.api_tokens_revoked).toBe(2);
    expect(body.sessions_ended).toBe(1);
    expect(body.message).toMatch(/2 API tokens were revoked/);

    for (const token of [first.token, second.token]) {
      const script = new TestClient(app.server.base, { bearer: token });
      expect((await script.json<{ error: { code: string } }>('GET', '/api/v1/me')).body.error.code).toBe('invalid_token');
    }
    const rows = await app.context.services.db
      .selectFrom('api_tokens')
      .select(['token_hash', 'revoked_at'])
      .where('token_hash', 'in', [hashToken(first.token), hashToken(second.token), hashToken(bystander.token)])
      .execute();
    const revoked = new Map(rows.map((row) => [row.token_hash, row.revoked_at !== null]));
    expect(revoked.get(hashToken(first.token))).toBe(true);
    expect(revoked.get(hashToken(second.token))).toBe(true);
    expect(revoked.get(hashToken(bystander.token))).toBe(false);
    expect((await new TestClient(app.server.base, { bearer: bystander.token }).get('/api/v1/me')).status).toBe(200);
    // The caller goes on with a new session, and can make new tokens.
    expect((await person.post('/api/v1/tokens', { name: 'ci again' })).status).toBe(201);
  });

  it('with a wrong current password changes nothing', async () => {
    const person = await signedUpClient(app.server.base, 'careful@example.com');
    const { token } = (await person.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'ci' })).body;
    const { status, body } = await person.json<{ error: { code: string } }>('POST', '/api/v1/auth/password', { current_password: 'not it', new_password: 'a completely new password' });
    expect(status).toBe(401);
    expect(body.error.code).toBe('invalid_credentials');
    expect((await new TestClient(app.server.base, { bearer: token }).get('/api/v1/me')).status).toBe(200);
    const row = await app.context.services.db.selectFrom('api_tokens').select('revoked_at').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();
  });
});

describe('logging out', () => {
  it('ends a share-link guest session held beside the account session, and clears both cookies', async () => {
    const episode = await plannedEpisode(app.context.services, 'A lantern maker at dusk', 2, ownerId);
    const link = (await owner.json<{ token: string }>('POST', `/api/v1/episodes/${episode.id}/share-links`, { role: 'viewer' })).body;
    const person = await signedUpClient(app.server.base, 'visitor@example.com');
    expect((await person.post(`/api/v1/share/${link.token}/session`, { name: 'Vera' })).status).toBe(201);
    const guestToken = person.cookies.get('dailies_guest')!;
    expect(guestToken).toBeDefined();
    const guestRows = () => app.context.services.db.selectFrom('guest_sessions').select('id').where('id', '=', hashToken(guestToken)).execute();
    expect(await guestRows()).toHaveLength(1);

    const response = await person.post('/api/v1/auth/logout');
    expect(response.status).toBe(204);
    const cleared = response.headers.getSetCookie().map((line) => line.split('=')[0]);
    expect(cleared).toEqual(expect.arrayContaining(['dailies_session', 'dailies_guest']));
    // Only the device cookie stays: it grants nothing, and marks this browser as one that has
    // signed in before, so that strangers' guesses never slow its owner down.
    expect([...person.cookies.keys()]).toEqual(['dailies_device']);
    expect(await guestRows()).toHaveLength(0);
    // Whoever kept a copy of the guest cookie gets nothing with it.
    const replay = new TestClient(app.server.base);
    replay.cookies.set('dailies_guest', guestToken);
    expect((await replay.get(`/api/v1/episodes/${episode.id}`)).status).toBe(401);
  });
});

describe('an episode keeps an owner', () => {
  async function twoOwners(idea: string) {
    const episode = await plannedEpisode(app.context.services, idea, 2, ownerId);
    const email = `co-owner-${episode.id.slice(0, 8)}@example.com`;
    const coOwner = await signedUpClient(app.server.base, email);
    await addMember(app.context.services, episode.id, email, 'owner', { userId: ownerId, name: 'owner' });
    return { episodeId: episode.id, coOwner, email };
  }
  const owners = (episodeId: string) =>
    app.context.services.db.selectFrom('episode_members').select('user_id').where('episode_id', '=', episodeId).where('role', '=', 'owner').execute();

  it('when two owners demote themselves at the same time: one is refused with 409', async () => {
    // Several rounds: without the lock, two such requests interleave often enough to show it.
    for (let round = 0; round < 6; round++) {
      const { episodeId, coOwner, email } = await twoOwners(`Two captains, round ${round}`);
      const [mine, theirs] = await Promise.all([
        owner.json<{ error?: { code: string; message: string } }>('PUT', `/api/v1/episodes/${episodeId}/members`, { email: 'owner@example.com', role: 'editor' }),
        coOwner.json<{ error?: { code: string; message: string } }>('PUT', `/api/v1/episodes/${episodeId}/members`, { email, role: 'editor' }),
      ]);
      expect([mine.status, theirs.status].sort()).toEqual([200, 409]);
      const refused = mine.status === 409 ? mine.body : theirs.body;
      expect(refused.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/at least one owner/) });
      expect(await owners(episodeId)).toHaveLength(1);
    }
  });

  it('when two owners remove each other at the same time: one is refused with 409', async () => {
    for (let round = 0; round < 6; round++) {
      const { episodeId, coOwner, email } = await twoOwners(`Two mayors, round ${round}`);
      const [mine, theirs] = await Promise.all([
        owner.request('DELETE', `/api/v1/episodes/${episodeId}/members`, { email }),
        coOwner.request('DELETE', `/api/v1/episodes/${episodeId}/members`, { email: 'owner@example.com' }),
      ]);
      const statuses = [mine.status, theirs.status].sort();
      // The later request finds its caller removed (no role left: 404) or, checked before that,
      // would remove the last owner (409).
      expect(statuses[0]).toBe(204);
      expect([404, 409]).toContain(statuses[1]);
      expect(await owners(episodeId)).toHaveLength(1);
    }
  });
});
