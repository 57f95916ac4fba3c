/**
 * /collab follows the same rules: no credentials or no role means no document; every connection
 * is read-only, so a write from a client reaches no one.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let owner: TestClient;
let episodeId: string;

beforeAll(async () => {
  context = await createTestContext();
  server = await startAppServer(context);
  owner = await signedUpClient(server.base, 'owner@example.com');
  await signedUpClient(server.base, 'viewer@example.com');
  const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(context.services, 'A tea house in the mountains', 2, me.id)).id;
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'viewer@example.com', role: 'viewer' });
});
afterAll(async () => {
  await server?.close();
  await context?.cleanup();
});

async function tokenFor(email: string): Promise<string> {
  const client = await import('../../support/http-client.ts').then(({ TestClient }) => new TestClient(server.base));
  await client.post('/api/v1/auth/login', { email, password: (await import('../../support/http-client.ts')).PASSWORD });
  return (await client.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'live' })).body.token;
}

function connect(name: string, token: string | undefined, document = new Y.Doc()) {
  const provider = new HocuspocusProvider({ url: `ws://127.0.0.1:${server.port}/collab`, name, document, ...(token ? { token } : {}) });
  const outcome = new Promise<'synced' | string>((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), 8000);
    provider.on('synced', () => {
      clearTimeout(timer);
      resolve('synced');
    });
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
      clearTimeout(timer);
      resolve(`refused: ${reason}`);
    });
  });
  return { provider, document, outcome };
}

describe('/collab authentication', () => {
  it('refuses a connection without credentials', async () => {
    const { provider, outcome } = connect(`episode/${episodeId}`, undefined);
    expect(await outcome).toMatch(/^refused/);
    provider.destroy();
  });

  it('refuses an account with no role on the episode, and an unknown document', async () => {
    await signedUpClient(server.base, 'outsider@example.com');
    const outsider = connect(`episode/${episodeId}`, await tokenFor('outsider@example.com'));
    expect(await outsider.outcome).toMatch(/^refused/);
    outsider.provider.destroy();
    const stray = connect('settings/global', await tokenFor('owner@example.com'));
    expect(await stray.outcome).toMatch(/^refused/);
    stray.provider.destroy();
  });

  it('lets a viewer read but drops what the viewer writes', async () => {
    const viewer = connect(`episode/${episodeId}`, await tokenFor('viewer@example.com'));
    const watcher = connect(`episode/${episodeId}`, await tokenFor('owner@example.com'));
    expect(await viewer.outcome).toBe('synced');
    expect(await watcher.outcome).toBe('synced');
    viewer.document.getMap('segments').set('forged', { status: 'approved' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(watcher.document.getMap('segments').has('forged')).toBe(false);
    const serverDoc = server.collab.documents.get(`episode/${episodeId}`);
    expect(serverDoc?.getMap('segments').has('forged')).toBe(false);
    viewer.provider.destroy();
    watcher.provider.destroy();
  });
});
