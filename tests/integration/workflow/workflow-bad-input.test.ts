/**
 * Every class of bad input to the workflow API gets a 4xx with the error body and changes nothing:
 * the database is compared before and after each request.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let editor: TestClient;
let episodeId: string;
let segmentId: string;
let shotId: string;

/** A fingerprint of everything a workflow request could change. */
async function snapshot(): Promise<string> {
  const tables = ['episodes', 'shots', 'video_segments', 'segment_reviews', 'segment_compilation_jobs', 'generation_runs'];
  const parts: unknown[] = [];
  for (const table of tables) {
    parts.push((await sql.raw(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`).execute(app.context.services.db)).rows);
  }
  parts.push((await sql`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`.execute(app.context.services.db)).rows);
  return JSON.stringify(parts);
}

beforeAll(async () => {
  editor = await signedUpClient(app.server.base, 'editor@example.com');
  const me = (await editor.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(app.context.services, 'A baker races to finish a wedding cake', 2, me.id)).id;
  const [segment] = await generateFirstSegments(app.context.services, episodeId, 1);
  segmentId = segment!.id;
  shotId = segment!.shot_id;
});

type Case = [name: string, method: string, path: () => string, body: unknown, status: number, code: string, headers?: Record<string, string>];

const cases: Case[] = [
  ['malformed JSON', 'POST', () => `/api/v1/segments/${segmentId}/approve`, '{"rating": 5', 400, 'invalid_json'],
  ['an unknown field', 'POST', () => `/api/v1/segments/${segmentId}/approve`, { rating: 5, stars: 5 }, 400, 'validation_failed'],
  ['a wrong type', 'POST', () => `/api/v1/segments/${segmentId}/approve`, { rating: 'five' }, 400, 'validation_failed'],
  ['a rating above 5', 'POST', () => `/api/v1/segments/${segmentId}/approve`, { rating: 6 }, 400, 'validation_failed'],
  ['a rating of 0', 'POST', () => `/api/v1/segments/${segmentId}/approve`, { rating: 0 }, 400, 'validation_failed'],
  ['a reject without a reason', 'POST', () => `/api/v1/segments/${segmentId}/reject`, { suggested_changes: { notes: 'x' } }, 400, 'validation_failed'],
  ['a reject with an empty reason', 'POST', () => `/api/v1/segments/${segmentId}/reject`, { reason: '   ' }, 400, 'validation_failed'],
  ['a suggested note that is neither text, a number nor true/false', 'POST', () => `/api/v1/segments/${segmentId}/reject`, { reason: 'x', suggested_changes: { mood: { tone: 'sad' } } }, 400, 'validation_failed'],
  ['an empty suggested character prompt', 'POST', () => `/api/v1/segments/${segmentId}/reject`, { reason: 'x', suggested_changes: { character_prompt: '  ' } }, 400, 'validation_failed'],
  ['21 suggested notes', 'POST', () => `/api/v1/segments/${segmentId}/reject`, { reason: 'x', suggested_changes: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`note${i}`, 'x'])) }, 400, 'validation_failed'],
  ['a negative start', 'POST', () => `/api/v1/episodes/${episodeId}/generate-segments`, { start_from: -1 }, 400, 'validation_failed'],
  ['a malformed segment id', 'POST', () => '/api/v1/segments/42/approve', {}, 400, 'validation_failed'],
  ['an unknown segment id', 'POST', () => '/api/v1/segments/00000000-0000-4000-8000-000000000000/approve', {}, 404, 'not_found'],
  ['a regeneration with a negative seed', 'POST', () => `/api/v1/segments/${segmentId}/regenerate`, { changes: { seed: -1 } }, 400, 'validation_failed'],
  ['a regeneration with a 2-minute duration', 'POST', () => `/api/v1/segments/${segmentId}/regenerate`, { changes: { duration: 120 } }, 400, 'validation_failed'],
  ['a rollback to version 0', 'POST', () => `/api/v1/segments/${segmentId}/rollback`, { to_version: 0 }, 400, 'validation_failed'],
  ['a generation mode that does not exist', 'POST', () => `/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'turbo' }, 400, 'validation_failed'],
  ['a batch size of 0', 'POST', () => `/api/v1/episodes/${episodeId}/generate-segments`, { batch_size: 0 }, 400, 'validation_failed'],
  ['a start beyond the last segment', 'POST', () => `/api/v1/episodes/${episodeId}/generate-segments`, { start_from: 99 }, 409, 'conflict'],
  ['an unknown episode', 'POST', () => '/api/v1/episodes/00000000-0000-4000-8000-000000000000/generate-segments', {}, 404, 'not_found'],
  ['an order that is not a list', 'PUT', () => `/api/v1/episodes/${episodeId}/order`, { order: '1,2,3' }, 400, 'validation_failed'],
  ['a transition that does not exist', 'POST', () => `/api/v1/episodes/${episodeId}/compile`, { transition_style: 'star-wipe' }, 400, 'validation_failed'],
  ['a negative transition', 'POST', () => `/api/v1/episodes/${episodeId}/compile`, { transition_duration: -1 }, 400, 'validation_failed'],
  ['a compile of a segment that is not in the episode', 'POST', () => `/api/v1/episodes/${episodeId}/compile`, { segment_ids: ['00000000-0000-4000-8000-000000000000'] }, 400, 'validation_failed'],
  ['a compile before approval', 'POST', () => `/api/v1/episodes/${episodeId}/compile`, {}, 409, 'conflict'],
  ['an empty shot patch', 'PATCH', () => `/api/v1/shots/${shotId}`, {}, 400, 'validation_failed'],
  ['a patch of a generated shot', 'PATCH', () => `/api/v1/shots/${shotId}`, { prompt: 'Something else' }, 409, 'conflict'],
  ['an oversized body', 'POST', () => `/api/v1/segments/${segmentId}/comments`, { text: 'x'.repeat(1_200_000) }, 413, 'payload_too_large'],
  ['a body that is not JSON', 'POST', () => `/api/v1/segments/${segmentId}/comments`, 'text=hello', 415, 'unsupported_media_type', { 'content-type': 'application/x-www-form-urlencoded' }],
  ['an unknown compilation job', 'GET', () => '/api/v1/compilation-jobs/00000000-0000-4000-8000-000000000000', undefined, 404, 'not_found'],
  ['an episode with two sources', 'POST', () => '/api/v1/episodes', { idea: 'x', screenplay: 'INT. ROOM - DAY' }, 400, 'validation_failed'],
  ['an idea of 50,000 characters', 'POST', () => '/api/v1/episodes', { idea: 'A cat walks through the rain. '.repeat(1700).slice(0, 50_000) }, 400, 'validation_failed'],
  ['an idea of emoji only', 'POST', () => '/api/v1/episodes', { idea: '🎬🐈‍⬛✨ !!' }, 400, 'validation_failed'],
  ['a screenplay of spaces and line breaks', 'POST', () => '/api/v1/episodes', { screenplay: '   \n\t\n  ' }, 400, 'validation_failed'],
  ['a screenplay with no scene heading and no dialogue', 'POST', () => '/api/v1/episodes', { screenplay: 'Title: Prose\n\nOnce upon a time a cat lived in Tokyo.\n\nShe liked the rain.' }, 400, 'validation_failed'],
  ['a screenplay with only notes and boneyard', 'POST', () => '/api/v1/episodes', { screenplay: '[[draft]]\n\n/*\nINT. HOUSE - DAY\n*/' }, 400, 'validation_failed'],
  ['a screenplay read in the wrong encoding (replacement characters)', 'POST', () => '/api/v1/episodes', { screenplay: 'INT. CAF\uFFFD - DAY\n\nMara waits.' }, 400, 'validation_failed'],
  ['a screenplay that is a binary file (control codes)', 'POST', () => '/api/v1/episodes', { screenplay: 'INT. ROOM - DAY\n\u0001\u0002PNG\u001a' }, 400, 'validation_failed'],
  ['a screenplay sent in Latin-1 bytes', 'POST', () => '/api/v1/episodes', new Uint8Array(Buffer.concat([Buffer.from('{"screenplay":"INT. CAF'), Buffer.from([0xc9]), Buffer.from(' - DAY\\n\\nMara waits."}')])), 400, 'invalid_text'],
  ['an episode with no source', 'POST', () => '/api/v1/episodes', { title: 'Nothing' }, 400, 'validation_failed'],
  ['a shot list with a bad shot', 'POST', () => '/api/v1/episodes', { shots: [{ prompt: '' }] }, 400, 'validation_failed'],
  ['a shot list with an unknown transition', 'POST', () => '/api/v1/episodes', { shots: [{ prompt: 'x', transition_in: { style: 'spin' } }] }, 400, 'validation_failed'],
  ['a shot list with an empty title card', 'POST', () => '/api/v1/episodes', { shots: [{ prompt: 'x', title_card: '  ' }] }, 400, 'validation_failed'],
];

describe('bad input to the workflow API', () => {
  it.each(cases)('%s → %s %s', async (_name, method, path, body, status, code, headers) => {
    const before = await snapshot();
    const response = await editor.request(method, path(), body, headers);
    expect(response.status).toBe(status);
    const payload = await response.json();
    expect(payload.error.code).toBe(code);
    expect(typeof payload.error.message).toBe('string');
    expect(payload.error).toHaveProperty('details');
    expect(await snapshot()).toBe(before);
  });
});

describe('a screenplay that cannot be read', () => {
  it('is refused with the reason and what to do', async () => {
    const none = await editor.json<{ error: { message: string; details: { path: string }[] } }>('POST', '/api/v1/episodes', { screenplay: 'Just prose, no scenes.' });
    expect(none.body.error.message).toMatch(/No scene heading and no dialogue/);
    expect(none.body.error.message).toMatch(/INT\. KITCHEN - NIGHT/);
    expect(none.body.error.details).toEqual([{ path: 'screenplay', message: expect.any(String) }]);
    const misread = await editor.json<{ error: { details: { path: string; message: string }[] } }>('POST', '/api/v1/episodes', { screenplay: 'INT. CAF\uFFFD - DAY' });
    expect(misread.body.error.details).toEqual([{ path: 'screenplay', message: expect.stringMatching(/save it as UTF-8/) }]);
  });
});
