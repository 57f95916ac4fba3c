/**
 * Accounts and sessions: cookies, fixation, logout, password change, sliding expiry, API tokens,
 * and login errors that reveal nothing.
 */
import { describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/auth/tokens.ts';
import { appServerForFile, startAppServer } from '../../support/app-server.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';

const app = appServerForFile();

const sessionRows = () => app.context.services.db.selectFrom('sessions').selectAll().execute();

describe('sign-up and the session cookie', () => {
  it('sets an HttpOnly, SameSite=Lax cookie whose token is stored only as a hash; the first account is admin', async () => {
    const client = new TestClient(app.server.base);
    const response = await client.post('/api/v1/auth/signup', { email: 'first@example.com', password: PASSWORD, display_name: 'First' });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ kind: 'user', email: 'first@example.com', is_admin: true });
    const cookie = response.headers.getSetCookie().find((line) => line.startsWith('dailies_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    const token = client.cookies.get('dailies_session')!;
    expect(token).toMatch(/^[a-z2-7]{32}$/);
    const rows = await sessionRows();
    expect(rows.map((row) => row.id)).toContain(hashToken(token));
    expect(rows.map((row) => row.id)).not.toContain(token);
    const second = await signedUpClient(app.server.base, 'second@example.com');
    expect((await second.json('GET', '/api/v1/me')).body).toMatchObject({ is_admin: false });
  });

  it('marks the cookie Secure when served over HTTPS behind a trusted proxy', async () => {
    const proxied = await startAppServer(app.context, { trustProxy: true });
    try {
      const response = await fetch(`${proxied.base}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: 'secure@example.com', password: PASSWORD }),
      });
      expect(response.status).toBe(201);
      expect(response.headers.getSetCookie().find((line) => line.startsWith('dailies_session='))).toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a taken email, a short password and unknown fields', async () => {
    const client = new TestClient(app.server.base);
    await signedUpClient(app.server.base, 'taken@example.com');
    const before = await databaseFingerprint(app.context.services.db);
    expect((await client.post('/api/v1/auth/signup', { email: 'taken@example.com', password: PASSWORD })).status).toBe(409);
    expect((await client.post('/api/v1/auth/signup', { email: 'x@example.com', password: 'short' })).status).toBe(400);
    expect((await client.post('/api/v1/auth/signup', { email: 'x@example.com', password: PASSWORD, admin: true })).status).toBe(400);
    expect((await client.post('/api/v1/auth/signup', { email: 'not-an-email', password: PASSWORD })).status).toBe(400);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
  });

  it('is refused when sign-up is closed', async () => {
    const closed = await startAppServer(app.context, { signupOpen: false });
    try {
      const client = new TestClient(closed.base);
      const before = await databaseFingerprint(app.context.services.db);
      const { status, body } = await client.json<{ error: { code: string } }>('POST', '/api/v1/auth/signup', { email: 'late@example.com', password: PASSWORD });
      expect(status).toBe(403);
      expect(body.error.code).toBe('signup_closed');
      expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
    } finally {
      await closed.close();
    }
  });
});

describe('log in and log out', () => {
  it('answers a wrong password and an unknown email the same way', async () => {
    const client = new TestClient(app.server.base);
    const wrong = await client.json('POST', '/api/v1/auth/login', { email: 'first@example.com', password: 'not the password' });
    const unknown = await client.json('POST', '/api/v1/auth/login', { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(client.cookies.size).toBe(0);
  });

  it('never promotes a token planted before login (session fixation)', async () => {
    const client = new TestClient(app.server.base);
    const planted = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    await signedUpClient(app.server.base, 'fixation@example.com');
    client.cookies.set('dailies_session', planted);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect((await client.post('/api/v1/auth/login', { email: 'fixation@example.com', password: PASSWORD })).status).toBe(200);
    const issued = client.cookies.get('dailies_session');
    expect(issued).not.toBe(planted);
    expect((await client.get('/api/v1/me')).status).toBe(200);
    const attacker = new TestClient(app.server.base);
    attacker.cookies.set('dailies_session', planted);
    expect((await attacker.get('/api/v1/me')).status).toBe(401);
  });

  it('revokes the session on logout', async () => {
    const client = await signedUpClient(app.server.base, 'logout@example.com');
    const token = client.cookies.get('dailies_session')!;
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    expect(client.cookies.has('dailies_session')).toBe(false);
    const replay = new TestClient(app.server.base);
    replay.cookies.set('dailies_session', token);
    expect((await replay.get('/api/v1/me')).status).toBe(401);
    expect((await sessionRows()).map((row) => row.id)).not.toContain(hashToken(token));
  });

  it('ends every session on a password change and keeps the caller signed in with a new one', async () => {
    const other = await signedUpClient(app.server.base, 'changer@example.com');
    const laptop = new TestClient(app.server.base);
    await laptop.post('/api/v1/auth/login', { email: 'changer@example.com', password: PASSWORD });
    const before = other.cookies.get('dailies_session');
    const wrong = await other.post('/api/v1/auth/password', { current_password: 'nope', new_password: 'a brand new password' });
    expect(wrong.status).toBe(401);
    const response = await other.post('/api/v1/auth/password', { current_password: PASSWORD, new_password: 'a brand new password' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sessions_ended: 2, api_tokens_revoked: 0 });
    expect(other.cookies.get('dailies_session')).not.toBe(before);
    expect((await other.get('/api/v1/me')).status).toBe(200);
    expect((await laptop.get('/api/v1/me')).status).toBe(401);
    const relogin = new TestClient(app.server.base);
    expect((await relogin.post('/api/v1/auth/login', { email: 'changer@example.com', password: PASSWORD })).status).toBe(401);
    expect((await relogin.post('/api/v1/auth/login', { email: 'changer@example.com', password: 'a brand new password' })).status).toBe(200);
  });

  it('slides the expiry forward once half the lifetime is gone, and drops expired sessions', async () => {
    const client = await signedUpClient(app.server.base, 'slider@example.com');
    const id = hashToken(client.cookies.get('dailies_session')!);
    const soon = new Date(Date.now() + 5 * 86_400_000);
    await app.context.services.db.updateTable('sessions').set({ expires_at: soon }).where('id', '=', id).execute();
    const response = await client.get('/api/v1/me');
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((line) => line.startsWith('dailies_session='))).toBe(true);
    const row = await app.context.services.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.expires_at.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    await app.context.services.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect(await app.context.services.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });
});

describe('API tokens', () => {
  it('are shown once, listed without the secret, scoped, and revocable', async () => {
    const owner = await signedUpClient(app.server.base, 'scripter@example.com');
    const created = await owner.json<{ id: string; token: string; scope: string }>('POST', '/api/v1/tokens', { name: 'ci', scope: 'viewer' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^[a-z2-7]{32}$/);
    const listed = await owner.json<{ tokens: Record<string, unknown>[] }>('GET', '/api/v1/tokens');
    expect(listed.body.tokens).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const stored = await app.context.services.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashToken(created.body.token));

    const script = new TestClient(app.server.base, { bearer: created.body.token });
    expect((await script.json('GET', '/api/v1/me')).body).toMatchObject({ email: 'scripter@example.com' });
    // A viewer-scoped token cannot create episodes or more tokens, whatever its owner may do.
    expect((await script.post('/api/v1/episodes', { idea: 'x' })).status).toBe(403);
    expect((await script.post('/api/v1/tokens', { name: 'more' })).status).toBe(403);

    expect((await owner.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await script.json<{ error: { code: string } }>('GET', '/api/v1/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('invalid_token');
  });

  it('cannot be revoked by someone else', async () => {
    const ana = await signedUpClient(app.server.base, 'ana@example.com');
    const ben = await signedUpClient(app.server.base, 'ben@example.com');
    const { body } = await ana.json<{ id: string }>('POST', '/api/v1/tokens', { name: 'mine' });
    expect((await ben.delete(`/api/v1/tokens/${body.id}`)).status).toBe(404);
    expect((await ana.json<{ tokens: { revoked: boolean }[] }>('GET', '/api/v1/tokens')).body.tokens[0]!.revoked).toBe(false);
  });

  it('refuses a mistyped bearer token instead of treating the caller as anonymous', async () => {
    const script = new TestClient(app.server.base, { bearer: 'not-a-token' });
    const { status, body } = await script.json<{ error: { code: string } }>('GET', '/api/v1/health');
    expect(status).toBe(401);
    expect(body.error.code).toBe('invalid_token');
  });
});
