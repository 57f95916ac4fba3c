/**
 * CSRF defence, rate limits and security headers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let user: TestClient;
let busy: TestClient;

beforeAll(async () => {
  user = await signedUpClient(app.server.base, 'user@example.com');
  busy = await signedUpClient(app.server.base, 'busy@example.com');
});

const episodeCount = async () => (await app.context.services.db.selectFrom('episodes').select('id').execute()).length;

describe('CSRF', () => {
  it('refuses a cookie-authenticated write from another origin, and changes nothing', async () => {
    const before = await episodeCount();
    const response = await user.post('/api/v1/episodes', { idea: 'forged' }, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe('csrf_rejected');
    const fetchMeta = await user.post('/api/v1/episodes', { idea: 'forged' }, { 'sec-fetch-site': 'cross-site' });
    expect(fetchMeta.status).toBe(403);
    expect(await episodeCount()).toBe(before);
  });

  it('refuses a cross-site logout and a cross-site login', async () => {
    expect((await user.post('/api/v1/auth/logout', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await user.get('/api/v1/me')).status).toBe(200);
    const stranger = new TestClient(app.server.base);
    expect((await stranger.post('/api/v1/auth/login', { email: 'user@example.com', password: PASSWORD }, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('accepts the same origin, and token-authenticated scripts from anywhere', async () => {
    const same = await user.post('/api/v1/episodes', { idea: 'A real one' }, { origin: app.server.base, 'sec-fetch-site': 'same-origin' });
    expect(same.status).toBe(201);
    const { body } = await user.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'script' });
    const script = new TestClient(app.server.base, { bearer: body.token, origin: 'https://ci.example' });
    expect((await script.post('/api/v1/episodes', { idea: 'From a script' })).status).toBe(201);
  });

  it('refuses a WebSocket handshake to /collab from another origin', async () => {
    const response = await fetch(`${app.server.base}/collab`, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', origin: 'https://evil.example', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    }).catch((error: Error) => error);
    // undici refuses to send upgrade requests itself; a raw socket shows the server's answer.
    if (response instanceof Error) {
      const { connect } = await import('node:net');
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(app.server.port, '127.0.0.1', () => {
          socket.write(
            'GET /collab HTTP/1.1\r\nHost: 127.0.0.1:' + app.server.port + '\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
              'Origin: https://evil.example\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
          );
        });
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('close', () => resolve(data));
        setTimeout(() => socket.destroy(), 1000);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 403/);
    } else {
      expect(response.status).toBe(403);
    }
  });
});

describe('rate limits', () => {
  it('does not count successful logins', async () => {
    const client = new TestClient(app.server.base);
    for (let n = 0; n < 14; n += 1) {
      const response = await client.post('/api/v1/auth/login', { email: 'busy@example.com', password: PASSWORD });
      expect(response.status).toBe(200);
      await response.text();
    }
  });

  it('limits login attempts per account with 429 and Retry-After', async () => {
    const client = new TestClient(app.server.base);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const response = await client.post('/api/v1/auth/login', { email: 'user@example.com', password: `wrong ${attempt}` });
      statuses.push(response.status);
      retryAfter = response.headers.get('retry-after') ?? retryAfter;
      await response.text();
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Even the right password waits out the window: guessing cannot continue.
    expect((await client.post('/api/v1/auth/login', { email: 'user@example.com', password: PASSWORD })).status).toBe(429);
  });

  it('limits sign-ups per address', async () => {
    let last = 0;
    for (let n = 0; n < 22; n += 1) {
      const response = await new TestClient(app.server.base).post('/api/v1/auth/signup', { email: `bulk${n}@example.com`, password: PASSWORD });
      last = response.status;
      await response.text();
    }
    expect(last).toBe(429);
  });

  it('limits generation requests per account', async () => {
    // The limit counts per clock minute: start well inside one, so that all requests share it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const statuses: number[] = [];
    for (let n = 0; n < 32; n += 1) {
      const response = await busy.post('/api/v1/episodes', { idea: `Idea number ${n}` });
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses.filter((status) => status === 201)).toHaveLength(30);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('security headers', () => {
  it('are on API answers, errors included', async () => {
    for (const response of [await user.get('/api/v1/me'), await fetch(`${app.server.base}/api/v1/me`)]) {
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      await response.text();
    }
  });
});
