/**
 * DELETE /episodes/{id}: an owner removes an episode's rows and files, and the audit trail keeps
 * the event after the episode is gone; anyone else is refused and nothing changes; a take being
 * generated (or planning under way) makes it a 409 that changes nothing; queued work goes with
 * the episode and its jobs find nothing to do.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileEpisode } from '../../../server/commands/episode-compiler.ts';
import { generateSegment } from '../../../server/commands/segment-generator.ts';
import { claimCompilation, insertCompilation } from '../../../server/db/queries/compilation.queries.ts';
import { claimForGeneration, listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, generateAndAnalyze } from '../../support/factories.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';

const run = promisify(execFile);

const app = appServerForFile();
let owner: TestClient;
let editor: TestClient;
let ownerId: string;

/** Tables that hold an episode's rows, with the column naming it. */
const EPISODE_TABLES = [
  'characters',
  'scenes',
  'shots',
  'video_segments',
  'segment_reviews',
  'segment_compilation_jobs',
  'generation_runs',
  'episode_members',
  'share_links',
  'invitations',
  'assets',
  'live_document_updates',
  'character_image_requests',
];

/** How many rows each table holds for the episode (episodes itself included). */
async function rowsOf(episodeId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const episode = await sql<{ n: number }>`SELECT count(*)::int AS n FROM episodes WHERE id = ${episodeId}`.execute(app.context.services.db);
  counts.episodes = episode.rows[0]!.n;
  for (const table of EPISODE_TABLES) {
    const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE episode_id = ${episodeId}`.execute(app.context.services.db);
    counts[table] = result.rows[0]!.n;
  }
  return counts;
}

const files = (episodeId: string) => ({
  segments: existsSync(join(app.context.dataDir, 'segments', episodeId)),
  uploads: existsSync(join(app.context.dataDir, 'uploads', episodeId)),
  out: existsSync(join(app.context.dataDir, 'out', `${episodeId}.mp4`)),
});

/** An episode of the owner's with an editor member, two takes (one approved), a music upload, a share link and a compile. */
async function fullEpisode(): Promise<{ id: string; takeUrl: string }> {
  const id = await shotListEpisode(owner, [
    { scene: 'EXT. PIER - DAWN', prompt: 'Nets on the pier', duration: 1 },
    { scene: 'EXT. PIER - DAWN', prompt: 'A gull lands', duration: 1 },
  ], 'The pier');
  await addMember(app.context.services, id, 'editor@example.com', 'editor', { userId: ownerId, name: 'owner' });
  expect((await owner.post(`/api/v1/episodes/${id}/invitations`, { email: 'invited@example.com', role: 'viewer' })).status).toBe(201);
  const [first, second] = await listCurrentSegments(app.context.services.db, id);
  await generateAndAnalyze(app.context.services, first!.id);
  await generateAndAnalyze(app.context.services, second!.id);
  expect((await owner.post(`/api/v1/segments/${first!.id}/approve`, { rating: 4 })).status).toBe(200);
  expect((await owner.post(`/api/v1/segments/${second!.id}/approve`, {})).status).toBe(200);
  const wav = join(app.context.dataDir, `tone-${id}.wav`);
  await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=440:d=2', '-ac', '2', '-ar', '48000', wav]);
  expect((await owner.request('POST', `/api/v1/episodes/${id}/assets?filename=theme.wav`, await readFile(wav), { 'content-type': 'audio/wav' })).status).toBe(201);
  expect((await owner.post(`/api/v1/episodes/${id}/share-links`, { role: 'viewer' })).status).toBe(201);
  const compile = await owner.json<{ compilation_job_id: string }>('POST', `/api/v1/episodes/${id}/compile`, { transition_style: 'cut' });
  expect(compile.status).toBe(202);
  expect(await compileEpisode(app.context.services, compile.body.compilation_job_id, { number: 1, max: 1 })).toBe('completed');
  const detail = await owner.json<{ video_url: string }>('GET', `/api/v1/segments/${first!.id}`);
  return { id, takeUrl: detail.body.video_url };
}

beforeAll(async () => {
  // The server's first account is its admin (an owner everywhere): keep it out of the way.
  await signedUpClient(app.server.base, 'admin@example.com');
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  editor = await signedUpClient(app.server.base, 'editor@example.com');
  ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
});

describe('deleting an episode', { timeout: 240_000 }, () => {
  it('removes every row and file of it for its owner, and audits it', async () => {
    const { id, takeUrl } = await fullEpisode();
    const other = await shotListEpisode(owner, [{ prompt: 'Another story', duration: 1 }], 'Another');
    await generateAndAnalyze(app.context.services, (await listCurrentSegments(app.context.services.db, other))[0]!.id);
    const before = await rowsOf(id);
    expect(before).toMatchObject({ episodes: 1, video_segments: 2, segment_reviews: 2, segment_compilation_jobs: 1, assets: 1, share_links: 1, invitations: 1, episode_members: 2 });
    expect(files(id)).toEqual({ segments: true, uploads: true, out: true });

    // An editor may not delete it: refused, and nothing changes.
    const stored = await databaseFingerprint(app.context.services.db);
    const refused = await editor.json<{ error: { code: string } }>('DELETE', `/api/v1/episodes/${id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(await rowsOf(id)).toEqual(before);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(stored);
    expect(files(id)).toEqual({ segments: true, uploads: true, out: true });

    const deleted = await owner.json<{ deleted: { id: string; title: string; takes: number; files_removed: boolean } }>('DELETE', `/api/v1/episodes/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.deleted).toEqual({ id, title: 'The pier', takes: 2, files_removed: true });
    expect(Object.values(await rowsOf(id)).every((n) => n === 0)).toBe(true);
    expect(files(id)).toEqual({ segments: false, uploads: false, out: false });
    expect((await owner.get(`/api/v1/episodes/${id}`)).status).toBe(404);
    expect((await owner.get(takeUrl)).status).toBe(404);
    // The other episode and its files are untouched.
    expect((await rowsOf(other)).video_segments).toBe(1);
    expect(files(other).segments).toBe(true);

    const audit = await app.context.services.db
      .selectFrom('audit_events')
      .select(['episode_id', 'actor_user_id', 'details'])
      .where('action', '=', 'episode.deleted')
      .where(sql<boolean>`details->>'episode_id' = ${id}`)
      .execute();
    expect(audit).toEqual([{ episode_id: null, actor_user_id: ownerId, details: expect.objectContaining({ episode_id: id, title: 'The pier', takes: 2 }) }]);
    // A second delete finds nothing.
    expect((await owner.request('DELETE', `/api/v1/episodes/${id}`)).status).toBe(404);
  });

  it('is refused while a take is being generated, changing nothing', async () => {
    const id = await shotListEpisode(owner, [{ prompt: 'One', duration: 1 }, { prompt: 'Two', duration: 1 }], 'Busy');
    const [, second] = await listCurrentSegments(app.context.services.db, id);
    await claimForGeneration(app.context.services.db, second!.id);
    const before = await rowsOf(id);
    const stored = await databaseFingerprint(app.context.services.db);
    const refused = await owner.json<{ error: { code: string; message: string; details: { generating_slots: number[] } } }>('DELETE', `/api/v1/episodes/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.generating_slots).toEqual([2]);
    expect(refused.body.error.message).toMatch(/shot 2 being generated.*then delete the episode/);
    expect(await rowsOf(id)).toEqual(before);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(stored);
    const audited = await app.context.services.db.selectFrom('audit_events').select('id').where('action', '=', 'episode.deleted').where('episode_id', '=', id).execute();
    expect(audited).toEqual([]);
  });

  it('is refused while a compile runs, saying to wait (there is no run to cancel)', async () => {
    const id = await shotListEpisode(owner, [{ prompt: 'One', duration: 1 }], 'Compiling');
    const job = await insertCompilation(app.context.services.db, {
      episode_id: id, segment_ids: [], transition_style: 'cut', transition_duration: 0, audio_config: {}, created_by: ownerId,
    });
    await claimCompilation(app.context.services.db, job.id);
    const before = await rowsOf(id);
    const stored = await databaseFingerprint(app.context.services.db);
    const refused = await owner.json<{ error: { message: string; details: { running_compilations: string[] } } }>('DELETE', `/api/v1/episodes/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.running_compilations).toEqual([job.id]);
    expect(refused.body.error.message).toMatch(/a compile running\). Wait for that work to finish, then delete the episode/);
    expect(refused.body.error.message).not.toContain('Cancel');
    expect(await rowsOf(id)).toEqual(before);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(stored);
  });

  it('is refused while the episode is being planned', async () => {
    const planning = await owner.json<{ id: string; status: string }>('POST', '/api/v1/episodes', { idea: 'A fox opens a bakery in the snow' });
    expect(planning.body.status).toBe('planning');
    const refused = await owner.json<{ error: { code: string } }>('DELETE', `/api/v1/episodes/${planning.body.id}`);
    expect(refused.status).toBe(409);
    expect((await rowsOf(planning.body.id)).episodes).toBe(1);
  });

  it('takes queued work with it: the jobs find nothing and write nothing', async () => {
    const id = await shotListEpisode(owner, [{ prompt: 'One', duration: 1 }, { prompt: 'Two', duration: 1 }], 'Queued');
    expect((await owner.post(`/api/v1/episodes/${id}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
    const queued = await listCurrentSegments(app.context.services.db, id);
    expect(queued.every((segment) => segment.queued_at !== null)).toBe(true);
    expect((await owner.request('DELETE', `/api/v1/episodes/${id}`)).status).toBe(200);
    for (const segment of queued) expect(await generateSegment(app.context.services, { segmentId: segment.id, autoApprove: false })).toBe('skipped');
    expect(files(id).segments).toBe(false);
    expect(Object.values(await rowsOf(id)).every((n) => n === 0)).toBe(true);
  });
});
