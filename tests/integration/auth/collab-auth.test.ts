/**
 * /collab follows the same rules: no credentials or no role means no document; every connection
 * is read-only, so a write from a client to any of the live document's maps reaches no one.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readLiveEpisode } from '../../../src/lib/live/episode-document.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { plannedEpisode } from '../../support/factories.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';
import { connectLive } from '../../support/live-client.ts';

const app = appServerForFile();
let owner: TestClient;
let episodeId: string;

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  await signedUpClient(app.server.base, 'viewer@example.com');
  const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(app.context.services, 'A tea house in the mountains', 2, me.id)).id;
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'viewer@example.com', role: 'viewer' });
});

async function tokenFor(email: string): Promise<string> {
  const client = new TestClient(app.server.base);
  await client.post('/api/v1/auth/login', { email, password: PASSWORD });
  return (await client.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'live' })).body.token;
}

function connect(name: string, token: string | undefined, document = new Y.Doc()) {
  const provider = new HocuspocusProvider({ url: `ws://127.0.0.1:${app.server.port}/collab`, name, document, ...(token ? { token } : {}) });
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
    await signedUpClient(app.server.base, 'outsider@example.com');
    const outsider = connect(`episode/${episodeId}`, await tokenFor('outsider@example.com'));
    expect(await outsider.outcome).toMatch(/^refused/);
    outsider.provider.destroy();
    const stray = connect('settings/global', await tokenFor('owner@example.com'));
    expect(await stray.outcome).toMatch(/^refused/);
    stray.provider.destroy();
  });

  it('lets a viewer read but refuses what the viewer writes to any of the live maps, and stores none of it', async () => {
    const viewer = connectLive(app.server.port, episodeId, await tokenFor('viewer@example.com'));
    const watcher = connectLive(app.server.port, episodeId, await tokenFor('owner@example.com'));
    try {
      await Promise.all([viewer.synced(), watcher.synced()]);
      const serverDoc = app.server.collab.documents.get(`episode/${episodeId}`)!;
      const before = readLiveEpisode(serverDoc);
      expect(before?.slots.length).toBeGreaterThan(0);
      expect(before?.slots[0]?.approval).toBe('pending');
      const titleRow = () => app.context.services.db.selectFrom('episodes').select('title').where('id', '=', episodeId).executeTakeFirstOrThrow();
      const titleBefore = (await titleRow()).title;

      // One forged key in each of today's maps, in one update.
      const forged = { episode: 'title', slots: '1/approval', jobs: 'forged/status', outputs: 'forged/videoUrl' } as const;
      viewer.document.transact(() => {
        viewer.document.getMap('episode').set('title', 'Forged');
        viewer.document.getMap('slots').set('1/approval', 'approved');
        viewer.document.getMap('slots').set('1/rating/forger', { name: 'Forger', rating: 5 });
        viewer.document.getMap('jobs').set('forged/status', 'completed');
        viewer.document.getMap('outputs').set('forged/videoUrl', '/media/forged.mp4');
      });
      await viewer.writesRefused();

      expect(readLiveEpisode(serverDoc)).toEqual(before);
      expect(serverDoc.getMap('slots').has('1/rating/forger')).toBe(false);
      for (const [map, key] of Object.entries(forged)) {
        expect(serverDoc.getMap(map).get(key), `${map} ${key} on the server`).not.toEqual(viewer.document.getMap(map).get(key));
        expect(watcher.document.getMap(map).get(key), `${map} ${key} at another client`).toEqual(serverDoc.getMap(map).get(key));
      }
      expect((await titleRow()).title).toBe(titleBefore);
      const approvals = await app.context.services.db.selectFrom('video_segments').select('approval_status').where('episode_id', '=', episodeId).execute();
      expect(approvals.every((row) => row.approval_status === 'pending')).toBe(true);
    } finally {
      viewer.close();
      watcher.close();
    }
  });
});
