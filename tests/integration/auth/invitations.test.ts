/**
 * Invitations: an owner invites an address, whether or not it has an account, and the link (shown
 * once, stored hashed) lets a signed-in account join with the invitation's role, once. Bad
 * requests are refused with a clear 4xx and store nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/auth/tokens.ts';
import { createInvitation } from '../../../server/commands/invitations.ts';
import { isAppError } from '../../../server/errors.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { plannedEpisode } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let ownerId: string;

interface Invitation {
  id: string;
  email: string;
  role: string;
  url: string;
  token: string;
  expires_at: string;
  expired: boolean;
  invited_by_name: string;
}
type ErrorBody = { error: { code: string; message: string; details: unknown } };

beforeAll(async () => {
  await signedUpClient(app.server.base, 'admin@example.com');
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Olga');
  ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
});

async function episode() {
  return (await plannedEpisode(app.context.services, 'An invitation', 1, ownerId)).id;
}
const invite = (episodeId: string, body: unknown, client = owner) => client.json<Invitation & ErrorBody>('POST', `/api/v1/episodes/${episodeId}/invitations`, body);
const fingerprint = () => databaseFingerprint(app.context.services.db);

describe('sending an invitation', () => {
  it('answers the same for an address with an account and one without, stores only the hash, and lasts 7 days', async () => {
    const episodeId = await episode();
    await signedUpClient(app.server.base, 'has-account@example.com');
    const withAccount = await invite(episodeId, { email: 'Has-Account@example.com', role: 'reviewer' });
    const without = await invite(episodeId, { email: 'nobody-yet@example.com', role: 'reviewer' });
    expect([withAccount.status, without.status]).toEqual([201, 201]);
    expect(Object.keys(withAccount.body).sort()).toEqual(Object.keys(without.body).sort());
    expect(withAccount.body).toMatchObject({ email: 'has-account@example.com', role: 'reviewer', invited_by_name: 'Olga', expired: false, emailed: false });
    expect(without.body.url).toBe(`/invitations/${without.body.token}`);
    const days = (Date.parse(without.body.expires_at) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    const stored = await app.context.services.db.selectFrom('invitations').select('token_hash').where('id', '=', without.body.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashToken(without.body.token));
    const list = await owner.json<{ invitations: Invitation[] }>('GET', `/api/v1/episodes/${episodeId}/invitations`);
    expect(list.body.invitations.map((i) => i.email).sort()).toEqual(['has-account@example.com', 'nobody-yet@example.com']);
    expect(list.body.invitations.every((i) => i.token === undefined && i.url === undefined)).toBe(true);
  });

  it.each([
    ['an invalid address', { email: 'not an address', role: 'reviewer' }, 400, 'validation_failed'],
    ['an unknown role', { email: 'x@example.com', role: 'director' }, 400, 'validation_failed'],
    ['an expiry too long', { email: 'x@example.com', role: 'viewer', expires_in_days: 365 }, 400, 'validation_failed'],
  ])('refuses %s and stores nothing', async (_name, body, status, code) => {
    const episodeId = await episode();
    const before = await fingerprint();
    const answer = await invite(episodeId, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatchObject({ code, message: expect.any(String) });
    expect(answer.body.error.details).toBeDefined();
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a second open invitation for the same address (any case) and stores nothing', async () => {
    const episodeId = await episode();
    expect((await invite(episodeId, { email: 'twice@example.com', role: 'viewer' })).status).toBe(201);
    const before = await fingerprint();
    const again = await invite(episodeId, { email: 'TWICE@example.com', role: 'editor' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'invitation_exists', message: expect.stringMatching(/revoke it first/) });
    expect(await fingerprint()).toEqual(before);
  });

  it('makes one invitation when the same one is sent twice at once', async () => {
    const episodeId = await episode();
    const answers = await Promise.all([invite(episodeId, { email: 'race@example.com', role: 'viewer' }), invite(episodeId, { email: 'race@example.com', role: 'viewer' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it('refuses to invite a current member', async () => {
    const episodeId = await episode();
    const before = await fingerprint();
    const answer = await invite(episodeId, { email: 'owner@example.com', role: 'viewer' });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('already_member');
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a role above the inviter’s and stores nothing', async () => {
    const episodeId = await episode();
    const before = await fingerprint();
    const refused = await createInvitation(app.context.services, episodeId, { email: 'boss@example.com', role: 'owner' }, 'editor', { userId: ownerId, name: 'Olga' }).catch((e: unknown) => e);
    expect(isAppError(refused) && { code: refused.code, status: refused.status }).toEqual({ code: 'role_above_yours', status: 403 });
    expect(await fingerprint()).toEqual(before);
  });
});

describe('adding people by address', () => {
  it('answers an owner the same whether or not the address has an account: invite them instead', async () => {
    const episodeId = await episode();
    await signedUpClient(app.server.base, 'kai@example.com', 'Kai');
    const before = await fingerprint();
    const known = await owner.json<ErrorBody>('PUT', `/api/v1/episodes/${episodeId}/members`, { email: 'kai@example.com', role: 'reviewer' });
    const unknown = await owner.json<ErrorBody>('PUT', `/api/v1/episodes/${episodeId}/members`, { email: 'no-account@example.com', role: 'reviewer' });
    expect([known.status, known.body.error.code]).toEqual([404, 'not_a_member']);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_a_member']);
    expect(unknown.body.error.message.replace('no-account@', 'X@')).toBe(known.body.error.message.replace('kai@', 'X@'));
    expect(unknown.body.error.details).toEqual(known.body.error.details);
    expect(await fingerprint()).toEqual(before);
  });

  it('still changes the role of a member, and lets a server admin add an account directly', async () => {
    const episodeId = await episode();
    const admin = new TestClient(app.server.base);
    expect((await admin.post('/api/v1/auth/login', { email: 'admin@example.com', password: PASSWORD })).status).toBe(200);
    expect((await admin.json('PUT', `/api/v1/episodes/${episodeId}/members`, { email: 'kai@example.com', role: 'reviewer' })).status).toBe(200);
    const changed = await owner.json<{ role: string }>('PUT', `/api/v1/episodes/${episodeId}/members`, { email: 'kai@example.com', role: 'editor' });
    expect([changed.status, changed.body.role]).toEqual([200, 'editor']);
  });
});

describe('the invitation link', () => {
  it('describes the invitation to anyone, without saying whether the address has an account', async () => {
    const episodeId = await episode();
    await signedUpClient(app.server.base, 'known@example.com');
    const known = (await invite(episodeId, { email: 'known@example.com', role: 'editor' })).body;
    const unknown = (await invite(episodeId, { email: 'unknown@example.com', role: 'editor' })).body;
    const stranger = new TestClient(app.server.base);
    const a = await stranger.json<Record<string, unknown>>('GET', `/api/v1/invitations/${known.token}`);
    const b = await stranger.json<Record<string, unknown>>('GET', `/api/v1/invitations/${unknown.token}`);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ episode_title: expect.any(String), role: 'editor', invited_by_name: 'Olga', email: 'known@example.com' });
    expect(Object.keys(a.body).sort()).toEqual(Object.keys(b.body).sort());
  });

  it('joins a new account with the invitation’s role, once', async () => {
    const episodeId = await episode();
    const { token } = (await invite(episodeId, { email: 'newcomer@example.com', role: 'reviewer' })).body;
    const newcomer = await signedUpClient(app.server.base, 'newcomer@example.com', 'Nina');
    const accepted = await newcomer.json<{ episode_id: string; role: string }>('POST', `/api/v1/invitations/${token}/accept`, {});
    expect(accepted).toEqual({ status: 200, body: { episode_id: episodeId, role: 'reviewer' } });
    expect((await newcomer.get(`/api/v1/episodes/${episodeId}`)).status).toBe(200);
    const members = (await owner.json<{ members: { display_name: string; role: string; joined_via: string; added_by_name: string }[] }>('GET', `/api/v1/episodes/${episodeId}/members`)).body.members;
    expect(members.find((m) => m.display_name === 'Nina')).toMatchObject({ role: 'reviewer', joined_via: 'invitation', added_by_name: 'Olga' });
    expect((await owner.json<{ invitations: unknown[] }>('GET', `/api/v1/episodes/${episodeId}/invitations`)).body.invitations).toEqual([]);

    const other = await signedUpClient(app.server.base, 'other@example.com');
    const before = await fingerprint();
    const again = await other.json<ErrorBody>('POST', `/api/v1/invitations/${token}/accept`, {});
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('invitation_used');
    expect((await other.json<ErrorBody>('GET', `/api/v1/invitations/${token}`)).body.error.code).toBe('invitation_used');
    expect(await fingerprint()).toEqual(before);
  });

  it('lets only one of two accounts accepting at once use it', async () => {
    const episodeId = await episode();
    const { token } = (await invite(episodeId, { email: 'one@example.com', role: 'viewer' })).body;
    const [x, y] = [await signedUpClient(app.server.base, 'x1@example.com'), await signedUpClient(app.server.base, 'y1@example.com')];
    const answers = await Promise.all([x, y].map((c) => c.post(`/api/v1/invitations/${token}/accept`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410]);
  });

  it('keeps a higher role an account already has', async () => {
    const episodeId = await episode();
    const { token } = (await invite(episodeId, { email: 'someone@example.com', role: 'viewer' })).body;
    const accepted = await owner.json<{ role: string }>('POST', `/api/v1/invitations/${token}/accept`, {});
    expect(accepted.body.role).toBe('owner');
  });

  it('is refused when revoked, expired or malformed, with nothing stored', async () => {
    const episodeId = await episode();
    const revoked = (await invite(episodeId, { email: 'revoked@example.com', role: 'viewer' })).body;
    expect((await owner.json<Invitation>('DELETE', `/api/v1/invitations/${revoked.id}`)).status).toBe(200);
    const expired = (await invite(episodeId, { email: 'late@example.com', role: 'viewer' })).body;
    await app.context.services.db.updateTable('invitations').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', expired.id).execute();
    const person = await signedUpClient(app.server.base, 'tries@example.com');
    const before = await fingerprint();
    for (const [token, status, code] of [
      [revoked.token, 410, 'invitation_revoked'],
      [expired.token, 410, 'invitation_expired'],
      ['a'.repeat(32), 404, 'invitation_invalid'],
      ['not-a-token', 404, 'invitation_invalid'],
    ] as const) {
      const read = await person.json<ErrorBody>('GET', `/api/v1/invitations/${token}`);
      const accept = await person.json<ErrorBody>('POST', `/api/v1/invitations/${token}/accept`, {});
      expect([read.status, read.body.error.code], token).toEqual([status, code]);
      expect([accept.status, accept.body.error.code], token).toEqual([status, code]);
      expect(read.body.error.message.length).toBeGreaterThan(10);
    }
    expect(await fingerprint()).toEqual(before);
    // The expired one no longer blocks a new invitation to the same address.
    expect((await invite(episodeId, { email: 'late@example.com', role: 'viewer' })).status).toBe(201);
  });

  it('cannot be revoked once used', async () => {
    const episodeId = await episode();
    const sent = (await invite(episodeId, { email: 'used@example.com', role: 'viewer' })).body;
    const person = await signedUpClient(app.server.base, 'used@example.com');
    expect((await person.post(`/api/v1/invitations/${sent.token}/accept`)).status).toBe(200);
    const refused = await owner.json<ErrorBody>('DELETE', `/api/v1/invitations/${sent.id}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'invitation_used']);
  });
});
