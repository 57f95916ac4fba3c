/**
 * DNS rebinding: requests that name another host are refused for writes and `/collab` (421
 * `wrong_host`, nothing changed), reads stay open, loopback names on the server's port work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile, startAppServer, type AppServer } from '../../support/app-server.ts';
import { PASSWORD, signedUpClient } from '../../support/http-client.ts';
import { rawRequest, rawUpgrade } from '../../support/raw-request.ts';

const app = appServerForFile();
let proxied: AppServer;

beforeAll(async () => {
  proxied = await startAppServer(app.context, { publicUrl: 'https://dailies.example.com' });
});
afterAll(async () => {
  await proxied?.close();
});

const users = () => app.context.services.db.selectFrom('users').select('email').execute();
const sessions = () => app.context.services.db.selectFrom('sessions').select('id').execute();
const signup = (port: number, host: string, email: string) =>
  rawRequest(port, { method: 'POST', path: '/api/v1/auth/signup', headers: { host }, body: JSON.stringify({ email, password: PASSWORD }) });

describe('the default: the listen address', () => {
  it('takes writes addressed to localhost, 127.0.0.1 and [::1] on its port', async () => {
    for (const [n, host] of ['localhost', '127.0.0.1', '[::1]'].entries()) {
      const answer = await signup(app.server.port, `${host}:${app.server.port}`, `loopback${n}@example.com`);
      expect(answer.status).toBe(201);
      expect(String(answer.headers['set-cookie'])).toContain('dailies_session=');
    }
  });

  it('refuses a sign-up and a login addressed to another name or port with 421, and changes nothing', async () => {
    const usersBefore = await users();
    const sessionsBefore = await sessions();
    for (const host of [`rebound.example:${app.server.port}`, 'rebound.example', `127.0.0.1:${app.server.port + 1}`]) {
      const answer = await signup(app.server.port, host, `rebound-${host.length}@example.com`);
      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.body).error).toMatchObject({ code: 'wrong_host', details: { expected_origin: `http://localhost:${app.server.port}` } });
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    const login = await rawRequest(app.server.port, {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { host: `rebound.example:${app.server.port}` },
      body: JSON.stringify({ email: 'loopback0@example.com', password: PASSWORD }),
    });
    expect(login.status).toBe(421);
    expect(login.headers['set-cookie']).toBeUndefined();
    expect(await users()).toEqual(usersBefore);
    expect(await sessions()).toEqual(sessionsBefore);
  });

  it('answers reads addressed to any name', async () => {
    const health = await rawRequest(app.server.port, { path: '/api/v1/health', headers: { host: 'rebound.example' } });
    expect(health.status).toBe(200);
  });

  it('refuses a /collab handshake addressed to another name, before any upgrade', async () => {
    expect(await rawUpgrade(app.server.port, '/collab', { Host: `rebound.example:${app.server.port}` })).toMatch(/^HTTP\/1\.1 421/);
    expect(await rawUpgrade(app.server.port, '/collab', { Host: `127.0.0.1:${app.server.port}` })).toMatch(/^HTTP\/1\.1 101/);
  });

  it('lets scripts with an API token write under any name, and refuses a bad token there', async () => {
    const owner = await signedUpClient(app.server.base, 'scripter@example.com');
    const { body } = await owner.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'ci' });
    const created = await rawRequest(app.server.port, {
      method: 'POST',
      path: '/api/v1/episodes',
      headers: { host: 'dailies.internal', authorization: `Bearer ${body.token}` },
      body: JSON.stringify({ idea: 'From the build machine' }),
    });
    expect(created.status).toBe(201);
    const forged = await rawRequest(app.server.port, {
      method: 'POST',
      path: '/api/v1/auth/signup',
      headers: { host: 'rebound.example', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ email: 'forged@example.com', password: PASSWORD }),
    });
    expect(forged.status).toBe(401);
    expect((await users()).map((user) => user.email)).not.toContain('forged@example.com');
  });
});

describe('with DAILIES_PUBLIC_URL', () => {
  it('takes writes addressed to the public origin and to loopback names, and refuses the rest', async () => {
    expect((await signup(proxied.port, 'dailies.example.com', 'public@example.com')).status).toBe(201);
    expect((await signup(proxied.port, 'dailies.example.com:443', 'public443@example.com')).status).toBe(201);
    expect((await signup(proxied.port, `localhost:${proxied.port}`, 'local@example.com')).status).toBe(201);
    const other = await signup(proxied.port, 'dailies.example.com:8443', 'other@example.com');
    expect(other.status).toBe(421);
    expect(JSON.parse(other.body).error.details.expected_origin).toBe('https://dailies.example.com');
    expect((await signup(proxied.port, '10.0.0.5', 'address@example.com')).status).toBe(421);
    const emails = (await users()).map((user) => user.email);
    expect(emails).toEqual(expect.arrayContaining(['public@example.com', 'public443@example.com', 'local@example.com']));
    expect(emails).not.toContain('other@example.com');
    expect(emails).not.toContain('address@example.com');
  });
});
