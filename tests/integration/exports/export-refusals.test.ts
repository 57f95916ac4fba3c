/**
 * Exports of a cut with gaps and bad requests: slots without an approved take are left out and
 * named; nothing approved, a bad or unknown scene, a take whose file retention deleted and a
 * caller without access are refused with a clear error that changes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { listCurrentSegments, markPurged } from '../../../server/db/queries/segment.queries.ts';
import type { VideoSegment } from '../../../server/db/schema.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { readEdl } from '../../support/edl-reader.ts';
import { addMember, generateAndAnalyze } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
const FORMATS = ['otio', 'fcpxml', 'edl', 'srt', 'vtt', 'shots.csv', 'storyboard.pdf', 'package'];
let owner: TestClient;
let episodeId: string;
let takes: VideoSegment[];

interface ErrorBody {
  error: { code: string; message: string; details: unknown };
}

async function shotList(title: string): Promise<string> {
  const created = await owner.json<{ id: string }>('POST', '/api/v1/episodes', {
    title,
    width: 320,
    height: 180,
    fps: 24,
    shots: [
      { scene: 'EXT. PIER - DAWN', prompt: 'Ann waves', duration: 2 },
      { scene: 'EXT. PIER - DAWN', prompt: 'Ben waves back', duration: 2 },
      { scene: 'INT. CAFE - DAY', prompt: 'Ann sits down', duration: 2 },
    ],
  });
  expect(created.status).toBe(201);
  return created.body.id;
}

/** GETs a path and checks the refusal changed nothing in the database. */
async function refused(client: TestClient, path: string): Promise<{ status: number; body: ErrorBody }> {
  const before = await databaseFingerprint(app.context.services.db, { except: ['sessions'] });
  const answer = await client.json<ErrorBody>('GET', path);
  expect(await databaseFingerprint(app.context.services.db, { except: ['sessions'] })).toEqual(before);
  return answer;
}

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  episodeId = await shotList('Gaps');
  for (const segment of await listCurrentSegments(app.context.services.db, episodeId)) await generateAndAnalyze(app.context.services, segment.id);
  takes = await listCurrentSegments(app.context.services.db, episodeId);
  // Shots 1 and 3 approved; shot 2 made but still waiting for review.
  for (const take of [takes[0]!, takes[2]!]) expect((await owner.post(`/api/v1/segments/${take.id}/approve`, {})).status).toBe(200);
}, 300_000);

describe('a cut with unapproved slots', () => {
  it('exports the approved takes and names the missing shot in a header and in the OTIO metadata', async () => {
    const response = await owner.get(`/api/v1/episodes/${episodeId}/export/otio`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-dailies-missing-shots')).toBe('2');
    const doc = (await response.json()) as { metadata: { dailies: { missing_shots: number[]; missing: { shot: number; state: string }[] } }; tracks: { children: { children: { OTIO_SCHEMA: string; metadata: { dailies: { shot: number } } }[] }[] } };
    expect(doc.metadata.dailies.missing_shots).toEqual([2]);
    expect(doc.metadata.dailies.missing).toEqual([expect.objectContaining({ shot: 2, state: 'pending' })]);
    const clips = doc.tracks.children[0]!.children.filter((item) => item.OTIO_SCHEMA === 'Clip.2');
    expect(clips.map((clip) => clip.metadata.dailies.shot)).toEqual([1, 3]);
  });

  it('joins the approved takes with cuts before any compile, take 3 right after take 1 (2 s = 48 frames at 24 fps)', async () => {
    const response = await owner.get(`/api/v1/episodes/${episodeId}/export/edl`);
    const edl = readEdl(await response.text());
    expect(edl.events.map((event) => [event.kind, event.recordIn, event.recordOut])).toEqual([
      ['C', '00:00:00:00', '00:00:02:00'],
      ['C', '00:00:02:00', '00:00:04:00'],
    ]);
    expect(edl.trailing.concat(edl.events.flatMap((event) => event.comments))).toContain('MISSING SHOTS: 2');
  });

  it('names only the scene’s own missing shots when one scene is exported', async () => {
    expect((await owner.get(`/api/v1/episodes/${episodeId}/export/shots.csv?scene=1`)).headers.get('x-dailies-missing-shots')).toBe('2');
    expect((await owner.get(`/api/v1/episodes/${episodeId}/export/shots.csv?scene=2`)).headers.get('x-dailies-missing-shots')).toBe('');
  });
});

describe('refusals', () => {
  it('answer 409 nothing_approved, naming the missing shots, when no take is approved', async () => {
    const empty = await shotList('Nothing yet');
    for (const format of FORMATS) {
      const { status, body } = await refused(owner, `/api/v1/episodes/${empty}/export/${format}`);
      expect(status).toBe(409);
      expect(body.error.code).toBe('nothing_approved');
      expect(body.error.message).toMatch(/approve at least one take/);
      expect(body.error.details).toEqual({ missing_shots: [1, 2, 3] });
    }
  });

  it('answer 400 for a scene that is not a scene number, and for unknown query parameters', async () => {
    for (const query of ['scene=abc', 'scene=0', 'scene=1.5', 'scene=-1', 'scene=', 'format=edl']) {
      const { status, body } = await refused(owner, `/api/v1/episodes/${episodeId}/export/edl?${query}`);
      expect(status, query).toBe(400);
      expect(body.error.code).toBe('validation_failed');
    }
  });

  it('answer 404 scene_not_found for a scene the episode does not have, listing its scenes', async () => {
    const { status, body } = await refused(owner, `/api/v1/episodes/${episodeId}/export/vtt?scene=9`);
    expect(status).toBe(404);
    expect(body.error.code).toBe('scene_not_found');
    expect(body.error.details).toEqual({ scene: 9, scenes: [1, 2] });
  });

  it('are 401 without a session and 404 for someone not on the episode, until they are added as a viewer', async () => {
    const path = `/api/v1/episodes/${episodeId}/export/fcpxml`;
    expect((await new TestClient(app.server.base).get(path)).status).toBe(401);
    const outsider = await signedUpClient(app.server.base, 'outsider@example.com');
    expect((await refused(outsider, path)).status).toBe(404);
    await addMember(app.context.services, episodeId, 'outsider@example.com', 'viewer');
    expect((await outsider.get(path)).status).toBe(200);
  });

  it('answer 409 take_purged naming the approved take whose file retention deleted', async () => {
    await markPurged(app.context.services.db, takes[2]!.id);
    for (const format of FORMATS) {
      const { status, body } = await refused(owner, `/api/v1/episodes/${episodeId}/export/${format}`);
      expect(status).toBe(409);
      expect(body.error.code).toBe('take_purged');
      expect(body.error.message).toContain('shot 3 version 1');
      expect(body.error.details).toEqual({ purged_takes: [{ segment_id: takes[2]!.id, shot_number: 3, version: 1 }] });
    }
    // Scene 1 does not hold that take, so it still exports.
    expect((await owner.get(`/api/v1/episodes/${episodeId}/export/edl?scene=1`)).status).toBe(200);
  });
});
