/**
 * The episode answer carries an ETag: asked again with If-None-Match it is a 304 without a body
 * while nothing changed, and a 200 with a new ETag after a change. Each person's answer is their
 * own (what they may do is in it), so two roles never share an ETag.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let viewer: TestClient;
let episodeId: string;

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Olga');
  viewer = await signedUpClient(app.server.base, 'viewer@example.com', 'Vic');
  episodeId = await shotListEpisode(owner, [{ prompt: 'A lamp flickers', duration: 2 }]);
  await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: 'viewer@example.com', role: 'viewer' });
});

const get = (client: TestClient, etag?: string) => client.request('GET', `/api/v1/episodes/${episodeId}`, undefined, etag ? { 'If-None-Match': etag } : {});

describe('episode ETag', () => {
  it('answers 304 without a body while nothing changed, and 200 with a new ETag after a change', async () => {
    const first = await get(owner);
    expect(first.status).toBe(200);
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^W\/".+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');

    const again = await get(owner, tag);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(tag);

    const shotId = ((await first.json()) as { shots: { id: string }[] }).shots[0]!.id;
    expect((await owner.request('PATCH', `/api/v1/shots/${shotId}`, { prompt: 'A lamp goes out' })).status).toBe(200);
    const changed = await get(owner, tag);
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { shots: { prompt: string }[] }).shots[0]!.prompt).toBe('A lamp goes out');
    expect(changed.headers.get('etag')).not.toBe(tag);
  });

  it('gives each role its own answer', async () => {
    const mine = (await get(owner)).headers.get('etag')!;
    const theirs = await get(viewer, mine);
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get('etag')).not.toBe(mine);
  });
});
