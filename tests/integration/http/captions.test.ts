/**
 * GET /segments/{id}/captions.vtt: a take's dialogue track as WebVTT, for whoever may watch the
 * take, with cues matching the shot's lines; a clear 404 for a take without one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileEpisode } from '../../../server/commands/episode-compiler.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { parseWebVtt } from '../../../server/media/captions.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, generateAndAnalyze, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let episodeId: string;
let segments: Awaited<ReturnType<typeof generateFirstSegments>>;
let speaker: string;

interface Detail {
  captions_url: string | null;
  duration: number;
  scene_info: { characters: { key: string; name: string }[] } | null;
}

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(app.context.services, undefined, 1, me.id)).id;
  const { db } = app.context.services;
  const [first, second] = await db.selectFrom('video_segments').select('shot_id').where('episode_id', '=', episodeId).orderBy('segment_number').limit(2).execute();
  const cast = await db.selectFrom('shots').select('character_keys').where('id', '=', first!.shot_id).executeTakeFirstOrThrow();
  speaker = cast.character_keys[0] ?? 'narrator';
  // The first shot says two lines, the second none.
  const lines = [{ character: speaker, line: 'Who left the lantern on?' }, { character: speaker, line: 'Not me.' }];
  await db.updateTable('shots').set({ dialogue: JSON.stringify(lines) }).where('id', '=', first!.shot_id).execute();
  await db.updateTable('shots').set({ dialogue: JSON.stringify([]) }).where('id', '=', second!.shot_id).execute();
  segments = await generateFirstSegments(app.context.services, episodeId, 2);
}, 300_000);

describe('take captions', () => {
  it('serve the dialogue of a take as WebVTT cues, one slice of the shot per line, and the take links to them', async () => {
    const segment = segments[0]!;
    const { body: detail } = await owner.json<Detail>('GET', `/api/v1/segments/${segment.id}`);
    expect(detail.captions_url).toBe(`/api/v1/segments/${segment.id}/captions.vtt`);
    const response = await owner.get(detail.captions_url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    const text = await response.text();
    expect(text.startsWith('WEBVTT')).toBe(true);
    const name = (detail.scene_info!.characters.find((c) => c.key === speaker)?.name ?? speaker).toUpperCase();
    const half = detail.duration / 2;
    const cues = parseWebVtt(text);
    expect(cues.map((cue) => cue.text)).toEqual([`${name}: Who left the lantern on?`, `${name}: Not me.`]);
    expect(cues[0]!.start).toBe(0);
    expect(cues[0]!.end).toBeCloseTo(half, 2);
    expect(cues[1]!.start).toBeCloseTo(half, 2);
    expect(cues[1]!.end).toBeCloseTo(detail.duration, 2);
  });

  it('answer 404 with a clear error for a take without dialogue, and for one not made yet', async () => {
    const silent = segments[1]!;
    expect(silent.status).toBe('completed');
    const refused = await owner.json<{ error: { code: string; message: string } }>('GET', `/api/v1/segments/${silent.id}/captions.vtt`);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('captions_not_found');
    expect((await owner.json<Detail>('GET', `/api/v1/segments/${silent.id}`)).body.captions_url).toBeNull();
  });

  it('answer 404 for a take not made yet', async () => {
    const pending = (await app.context.services.db.selectFrom('video_segments').select('id').where('episode_id', '=', episodeId).where('status', '!=', 'completed').executeTakeFirstOrThrow()).id;
    const { status, body } = await owner.json<{ error: { code: string; message: string } }>('GET', `/api/v1/segments/${pending}/captions.vtt`);
    expect(status).toBe(404);
    expect(body.error.code).toBe('captions_not_found');
    expect(body.error.message).toMatch(/no dialogue track/);
    expect((await owner.json<Detail>('GET', `/api/v1/segments/${pending}`)).body.captions_url).toBeNull();
  });

  it('are refused to callers who may not watch the take', async () => {
    const path = `/api/v1/segments/${segments[0]!.id}/captions.vtt`;
    expect((await new TestClient(app.server.base).get(path)).status).toBe(401);
    const outsider = await signedUpClient(app.server.base, 'outsider@example.com');
    expect((await outsider.get(path)).status).toBe(404);
    await addMember(app.context.services, episodeId, 'outsider@example.com', 'viewer');
    expect((await outsider.get(path)).status).not.toBe(404);
  });
});

describe('final video captions', () => {
  it('are 404 before a compile, then the cut’s dialogue timed to the compiled video', async () => {
    const id = await shotListEpisode(owner, [
      { scene: 'EXT. PIER - DAWN', prompt: 'Ann waves', duration: 2, dialogue: [{ character: 'Ann', line: 'Hello there.' }] },
      { scene: 'EXT. PIER - DAWN', prompt: 'Ben walks off', duration: 2, dialogue: [{ character: 'Ben', line: 'Goodbye.' }] },
    ]);
    const path = `/api/v1/episodes/${id}/captions.vtt`;
    const before = await owner.json<{ error: { code: string } }>('GET', path);
    expect(before.status).toBe(404);
    expect(before.body.error.code).toBe('captions_not_found');

    for (const segment of await listCurrentSegments(app.context.services.db, id)) {
      await generateAndAnalyze(app.context.services, segment.id);
      expect((await owner.post(`/api/v1/segments/${segment.id}/approve`, {})).status).toBe(200);
    }
    const compile = await owner.json<{ compilation_job_id: string }>('POST', `/api/v1/episodes/${id}/compile`, { transition_style: 'dissolve', transition_duration: 0.5 });
    expect(compile.status).toBe(202);
    expect(await compileEpisode(app.context.services, compile.body.compilation_job_id, { number: 1, max: 1 })).toBe('completed');

    const response = await owner.get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/vtt; charset=utf-8');
    const cues = parseWebVtt(await response.text());
    // Ann's line runs until Ben's take starts dissolving in (2 s − 0.5 s), Ben's to the end (3.5 s).
    expect(cues.map((cue) => [cue.start, cue.end, cue.text.split(': ')[1]])).toEqual([
      [0, 1.5, 'Hello there.'],
      [1.5, 3.5, 'Goodbye.'],
    ]);
    expect((await new TestClient(app.server.base).get(path)).status).toBe(401);
  }, 300_000);
});
