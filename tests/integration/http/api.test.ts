/**
 * The API as a client sees it: health, episodes, media with Range, `/collab`, and bad input that
 * gets a 4xx error body and changes nothing.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appServerForFile } from '../../support/app-server.ts';
import { plannedEpisode, generateFirstSegments } from '../../support/factories.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';

const app = appServerForFile();
let base: string;
/** The first account of the server, so its admin. */
let owner: TestClient;

/** Everything the app has stored (see databaseFingerprint). */
const storedState = () => databaseFingerprint(app.context.services.db);

beforeAll(async () => {
  base = app.server.base;
  owner = await signedUpClient(base, 'owner@example.com', 'Olga');
});

describe('health', () => {
  it('reports the database and the worker', async () => {
    const response = await fetch(`${base}/api/v1/health`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'ok', database: { ok: true }, worker: { in_process: false, queued_jobs: 0 } });
  });
});

describe('episodes', () => {
  it('creates an episode from an idea and queues its planning', async () => {
    const response = await owner.post('/api/v1/episodes', { idea: 'A lighthouse keeper befriends a whale', seed: 7 });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ status: 'planning', shots: [] });
    const jobs = await sql<{ task_identifier: string; payload: { episodeId: string } }>`
      SELECT t.identifier AS task_identifier, j.payload FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id`.execute(app.context.services.db);
    expect(jobs.rows).toContainEqual(expect.objectContaining({ task_identifier: 'plan_episode', payload: { episodeId: body.id } }));
  });

  it('lists episodes and reads one with its plan and segments', async () => {
    const episode = await plannedEpisode(app.context.services);
    const list = await (await owner.get('/api/v1/episodes')).json();
    expect(list.episodes.map((e: { id: string }) => e.id)).toContain(episode.id);
    // The admin reaches every episode, as owner.
    const mine = await (await owner.get('/api/v1/me/episodes')).json();
    expect(mine.episodes).toContainEqual(expect.objectContaining({ id: episode.id, role: 'owner' }));
    const detail = await (await owner.get(`/api/v1/episodes/${episode.id}`)).json();
    expect(detail.status).toBe('planned');
    expect(detail.shots.length).toBeGreaterThanOrEqual(6);
    expect(detail.shots.length).toBeLessThanOrEqual(12);
    expect(detail.characters.length).toBeGreaterThanOrEqual(3);
    for (const shot of detail.shots) expect(shot.segment).toMatchObject({ status: 'pending', version: 1 });
  });

  it('answers one take as the episode lists it under its shot', async () => {
    const episode = await plannedEpisode(app.context.services);
    await generateFirstSegments(app.context.services, episode.id, 1);
    const detail = await (await owner.get(`/api/v1/episodes/${episode.id}`)).json();
    for (const shot of detail.shots.slice(0, 2)) {
      const response = await owner.get(`/api/v1/segments/${shot.segment.id}/summary`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(shot.segment);
    }
    expect((await owner.get('/api/v1/segments/00000000-0000-4000-8000-000000000000/summary')).status).toBe(404);
  });

  describe('bad input gets a 4xx error body and changes nothing', () => {
    const cases: [string, string, string, number, string][] = [
      ['malformed JSON', '{"idea": ', 'application/json', 400, 'invalid_json'],
      ['an unknown field', JSON.stringify({ idea: 'x', colour: 'red' }), 'application/json', 400, 'validation_failed'],
      ['a wrong type', JSON.stringify({ idea: 42 }), 'application/json', 400, 'validation_failed'],
      ['an empty idea', JSON.stringify({ idea: '   ' }), 'application/json', 400, 'validation_failed'],
      ['an idea of punctuation and emoji only', JSON.stringify({ idea: '?! … 🎬🐈‍⬛ — !!!' }), 'application/json', 400, 'validation_failed'],
      ['a 50,000-character idea', JSON.stringify({ idea: 'A cat walks. '.repeat(3847) }), 'application/json', 400, 'validation_failed'],
      ['an odd width', JSON.stringify({ idea: 'x', width: 1279 }), 'application/json', 400, 'validation_failed'],
      ['an unknown planner', JSON.stringify({ idea: 'x', planner: 'oracle' }), 'application/json', 422, 'provider_unknown'],
      ['a body that is not JSON', 'idea', 'text/plain', 415, 'unsupported_media_type'],
      ['an oversized body', JSON.stringify({ idea: 'x'.repeat(1_100_000) }), 'application/json', 413, 'payload_too_large'],
    ];
    it.each(cases)('%s', async (_name, body, contentType, status, code) => {
      const before = await storedState();
      const response = await owner.request('POST', '/api/v1/episodes', body, { 'content-type': contentType });
      expect(response.status).toBe(status);
      const payload = await response.json();
      expect(payload.error).toMatchObject({ code });
      expect(typeof payload.error.message).toBe('string');
      expect(payload.error).toHaveProperty('details');
      expect(await storedState()).toEqual(before);
    });

    it('a malformed id is 400, an unknown one 404', async () => {
      expect((await owner.get('/api/v1/episodes/not-a-uuid')).status).toBe(400);
      const missing = await owner.get('/api/v1/episodes/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe('not_found');
    });

    it('an unknown API route is a JSON 404', async () => {
      const response = await owner.get('/api/v1/nothing-here');
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe('not_found');
    });

    it('a known route asked with another method is a 405 naming the methods it takes, and changes nothing', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const before = await storedState();
      const response = await owner.request('DELETE', `/api/v1/episodes/${id}/costs`);
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      expect(await response.json()).toEqual({
        error: { code: 'method_not_allowed', message: expect.stringContaining('DELETE is not allowed'), details: { allowed: ['GET', 'HEAD'] } },
      });
      const members = await owner.request('PATCH', `/api/v1/episodes/${id}/members`, {});
      expect(members.status).toBe(405);
      expect((await members.json()).error.details.allowed).toEqual(['DELETE', 'GET', 'HEAD', 'PUT']);
      expect((await owner.request('PUT', '/api/v1/episodes', { idea: 'x' })).status).toBe(405);
      expect(await storedState()).toEqual(before);
    });
  });
});

describe('media', () => {
  let videoUrl: string;
  let posterUrl: string;
  let size: number;

  beforeAll(async () => {
    const episode = await plannedEpisode(app.context.services, 'Two robots dance on the moon', 3);
    const [segment] = await generateFirstSegments(app.context.services, episode.id, 1);
    expect(segment?.status).toBe('completed');
    videoUrl = `${base}${segment!.video_url}`;
    posterUrl = `${base}${segment!.thumbnail_url}`;
    size = segment!.file_size!;
  });

  it('needs the right to read the episode', async () => {
    expect((await fetch(videoUrl)).status).toBe(401);
    const stranger = await signedUpClient(base, 'stranger@example.com');
    expect((await stranger.get(videoUrl.replace(base, ''))).status).toBe(404);
  });

  it('serves a segment with its type, length and ETag', async () => {
    const response = await owner.get(videoUrl.replace(base, ''));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(Number(response.headers.get('content-length'))).toBe(size);
    expect((await response.arrayBuffer()).byteLength).toBe(size);
    const poster = await owner.get(posterUrl.replace(base, ''));
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
  });

  it('answers a Range request with 206 and just those bytes', async () => {
    const response = await owner.get(videoUrl.replace(base, ''), { range: 'bytes=0-99' });
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe(`bytes 0-99/${size}`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBe(100);
    // An MP4 starts with its ftyp box.
    expect(new TextDecoder().decode(bytes.slice(4, 8))).toBe('ftyp');
  });

  it('answers a range past the end with 416', async () => {
    const response = await owner.get(videoUrl.replace(base, ''), { range: `bytes=${size + 10}-` });
    expect(response.status).toBe(416);
  });

  it('revalidates with If-None-Match', async () => {
    const etag = (await owner.request('HEAD', videoUrl.replace(base, ''))).headers.get('etag')!;
    const response = await owner.get(videoUrl.replace(base, ''), { 'if-none-match': etag });
    expect(response.status).toBe(304);
  });

  it.each(['/media/..%2F..%2F..%2Fetc%2Fpasswd', '/media/pg/PG_VERSION', '/media/segments/%00/x.mp4', '/media/segments/..%2F..%2Fembedded-postgres.json'])(
    'refuses the crafted path %s',
    async (path) => {
      const response = await owner.get(path);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_storage_key');
    },
  );

  it('is a 404 for a key that does not exist', async () => {
    expect((await owner.get('/media/segments/nope/video.mp4')).status).toBe(404);
  });
});

describe('/collab', () => {
  it('accepts a Hocuspocus provider on the app port and syncs a document', async () => {
    const episode = await plannedEpisode(app.context.services, 'A quiet harbour at dawn', 11);
    const { body } = await owner.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'collab test', scope: 'viewer' });
    const document = new Y.Doc();
    const provider = new HocuspocusProvider({
      url: `ws://127.0.0.1:${app.server.port}/collab`,
      name: `episode/${episode.id}`,
      token: body.token,
      document,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no sync within 10 s')), 10_000);
      provider.on('synced', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    expect(provider.isSynced).toBe(true);
    provider.destroy();
  });
});
