/**
 * The quality gate's settings: an editor sets them through the API and every open page sees them
 * in the live document at once; thresholds outside 0–1, retries outside 1–5, values that are not
 * numbers, an enabled gate with nothing to check, unknown fields and a role below editor are
 * refused with a clear 4xx, and change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { connectLive, liveTokenFor, type LiveClient } from '../../support/live-client.ts';

const app = appServerForFile();
let owner: TestClient;
let editor: TestClient;
let reviewer: TestClient;
let viewer: TestClient;
let episodeId: string;
const clients: LiveClient[] = [];

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

const gatePath = () => `/api/v1/episodes/${episodeId}/quality-gate`;
const stored = async () => (await app.context.services.db.selectFrom('episodes').select('quality_gate').where('id', '=', episodeId).executeTakeFirstOrThrow()).quality_gate;

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  editor = await signedUpClient(app.server.base, 'editor@example.com');
  reviewer = await signedUpClient(app.server.base, 'reviewer@example.com');
  viewer = await signedUpClient(app.server.base, 'viewer@example.com');
  const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  episodeId = (await plannedEpisode(app.context.services, 'A night train through the mountains', 3, ownerId)).id;
  for (const role of ['editor', 'reviewer', 'viewer'] as const) {
    expect((await owner.put(`/api/v1/episodes/${episodeId}/members`, { email: `${role}@example.com`, role })).status).toBe(200);
  }
});
afterAll(() => {
  for (const client of clients) client.close();
});

describe('quality gate settings', () => {
  it('are off until set, and an editor’s change reaches a viewer watching the live document', async () => {
    const watching = connectLive(app.server.port, episodeId, await liveTokenFor(app.server.base, 'viewer@example.com'));
    clients.push(watching);
    await watching.synced();
    expect(watching.read()!.episode.qualityGate).toEqual({ enabled: false, min_quality: null, min_consistency: null, max_retries: 2 });
    expect((await viewer.json('GET', gatePath())).body).toEqual({ enabled: false, min_quality: null, min_consistency: null, max_retries: 2 });

    const set = await editor.json('PUT', gatePath(), { enabled: true, min_quality: 0.6, min_consistency: 0.4, max_retries: 3 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ enabled: true, min_quality: 0.6, min_consistency: 0.4, max_retries: 3 });
    const seen = await watching.until((state) => state.episode.qualityGate.enabled, 'the gate in the live document');
    expect(seen.episode.qualityGate).toEqual({ enabled: true, min_quality: 0.6, min_consistency: 0.4, max_retries: 3 });
    expect((await viewer.json('GET', `/api/v1/episodes/${episodeId}`)).body).toMatchObject({ quality_gate: { enabled: true, min_quality: 0.6 } });

    // One threshold is enough; the other is then not checked.
    expect((await owner.json('PUT', gatePath(), { enabled: true, min_consistency: 0.5, max_retries: 1 })).body).toEqual({ enabled: true, min_quality: null, min_consistency: 0.5, max_retries: 1 });
    await watching.until((state) => state.episode.qualityGate.min_quality === null && state.episode.qualityGate.max_retries === 1, 'the second change');
  });

  it('refuses bad input with a 400 naming the field, and a role below editor with a 403, changing nothing', async () => {
    expect((await editor.json('PUT', gatePath(), { enabled: true, min_quality: 0.7, max_retries: 2 })).status).toBe(200);
    const before = await stored();
    const bad: [body: unknown, field: string][] = [
      [{ enabled: true, min_quality: 1.5, max_retries: 2 }, 'min_quality'],
      [{ enabled: true, min_quality: -0.1, max_retries: 2 }, 'min_quality'],
      [{ enabled: true, min_consistency: 2, max_retries: 2 }, 'min_consistency'],
      [{ enabled: true, min_quality: 0.5, max_retries: 0 }, 'max_retries'],
      [{ enabled: true, min_quality: 0.5, max_retries: 6 }, 'max_retries'],
      [{ enabled: true, min_quality: 0.5, max_retries: 1.5 }, 'max_retries'],
      [{ enabled: true, min_quality: '0.5', max_retries: 2 }, 'min_quality'],
      [{ enabled: true, min_quality: 0.5, max_retries: 'three' }, 'max_retries'],
      [{ enabled: 'yes', min_quality: 0.5, max_retries: 2 }, 'enabled'],
      [{ enabled: true, max_retries: 2 }, 'min_quality'],
      [{ enabled: true, min_quality: 0.5 }, 'max_retries'],
      [{ enabled: true, min_quality: 0.5, max_retries: 2, retries: 9 }, ''],
    ];
    for (const [body, field] of bad) {
      const refused = await editor.json<ErrorBody>('PUT', gatePath(), body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
      expect(refused.body.error.message.length).toBeGreaterThan(0);
      expect((refused.body.error.details as { path: string }[]).map((issue) => issue.path), JSON.stringify(body)).toContain(field);
    }
    for (const [who, client] of [['reviewer', reviewer], ['viewer', viewer]] as const) {
      const refused = await client.json<ErrorBody>('PUT', gatePath(), { enabled: false, max_retries: 1 });
      expect(refused.status, who).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'forbidden', details: { role: who, required: 'editor' } });
    }
    expect(await stored()).toEqual(before);
    expect(before).toEqual({ enabled: true, min_quality: 0.7, min_consistency: null, max_retries: 2 });
  });
});
