/**
 * Every class of bad input to templates gets a 4xx with the error body and changes nothing: the
 * templates, shots and takes are compared before and after each request.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TemplateDto } from '../../../src/lib/api/templates.schema.ts';
import { createApiToken } from '../../../server/commands/api-tokens.ts';
import { insertTemplate } from '../../../server/db/queries/template.queries.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let viewer: TestClient;
let reviewer: TestClient;
let episodeId: string;
let otherEpisodeId: string;
/** Approved, its first take. */
let approvedId: string;
/** Generated, waiting for review. */
let unapprovedId: string;
let templateId: string;
let foreignTemplateId: string;
let stalePromiseTemplateId: string;
let otherShotId: string;

type ErrorBody = { error: { code: string; message: string; details: unknown } };

/** A fingerprint of everything a template request could change. */
async function snapshot(): Promise<string> {
  const parts: unknown[] = [];
  for (const table of ['generation_templates', 'shots', 'video_segments', 'audit_events']) {
    parts.push((await sql.raw(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`).execute(app.context.services.db)).rows);
  }
  return JSON.stringify(parts);
}

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  viewer = await signedUpClient(app.server.base, 'viewer@example.com');
  reviewer = await signedUpClient(app.server.base, 'reviewer@example.com');
  const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  const { services } = app.context;
  episodeId = (await plannedEpisode(services, 'A baker races to finish a wedding cake', 2, ownerId)).id;
  otherEpisodeId = (await plannedEpisode(services, 'A lighthouse keeper finds a message in a bottle', 3, ownerId)).id;
  await addMember(services, episodeId, 'viewer@example.com', 'viewer');
  await addMember(services, episodeId, 'reviewer@example.com', 'reviewer');
  const [first, second] = await generateFirstSegments(services, episodeId, 2);
  approvedId = first!.id;
  unapprovedId = second!.id;
  expect((await owner.json('POST', `/api/v1/segments/${approvedId}/approve`, {})).status).toBe(200);
  templateId = (await owner.json<TemplateDto>('POST', `/api/v1/episodes/${episodeId}/templates`, { name: 'Warm', from_segment_id: approvedId })).body.id;
  expect((await owner.json('POST', '/api/v1/me/templates', { name: 'Mine', style: 'charcoal' })).status).toBe(201);
  foreignTemplateId = (await owner.json<TemplateDto>('POST', `/api/v1/episodes/${otherEpisodeId}/templates`, { name: 'Elsewhere', style: 'ink' })).body.id;
  // Saved when its provider took this option; the provider no longer does.
  stalePromiseTemplateId = (
    await insertTemplate(services.db, {
      scope: 'episode',
      episode_id: episodeId,
      owner_user_id: null,
      name: 'Old options',
      params: { style: 'sepia', camera: null, duration: null, prompt_suffix: null, provider: 'builtin', provider_options: { motion_strength: 0.7, voice: 'off' } },
      source_segment_id: null,
      created_by: ownerId,
    })
  ).id;
  otherShotId = (await listCurrentSegments(services.db, otherEpisodeId))[0]!.shot_id;
}, 120_000);

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const apply = (id: () => string) => () => `/api/v1/episodes/${episodeId}/templates/${id()}/apply`;
const create = () => `/api/v1/episodes/${episodeId}/templates`;

type Case = [name: string, who: () => TestClient, method: string, path: () => string, body: () => unknown, status: number, code: string, details?: (details: unknown) => void];

const cases: Case[] = [
  ['a template from a take that is not approved', () => owner, 'POST', create, () => ({ name: 'Not yet', from_segment_id: unapprovedId }), 422, 'take_not_approved'],
  ['an account template from a take that is not approved', () => owner, 'POST', () => '/api/v1/me/templates', () => ({ name: 'Not yet', from_segment_id: unapprovedId }), 422, 'take_not_approved'],
  ['a take of another episode', () => owner, 'POST', () => `/api/v1/episodes/${otherEpisodeId}/templates`, () => ({ name: 'Borrowed', from_segment_id: approvedId }), 404, 'not_found'],
  ['an unknown take', () => owner, 'POST', create, () => ({ name: 'Ghost', from_segment_id: NOWHERE }), 404, 'not_found'],
  ['options the provider does not take', () => owner, 'POST', create, () => ({ name: 'Strong', provider: 'builtin', provider_options: { motion_strength: 0.5, guidance: 7, voice: 'off' } }), 422, 'provider_options_unsupported',
    (details) => expect(details).toMatchObject({ provider: 'builtin', fields: ['motion_strength', 'guidance'], unknown: ['motion_strength', 'guidance'], accepted: ['slate', 'subtitles', 'voice'] })],
  ['an option value the provider does not take', () => owner, 'POST', create, () => ({ name: 'Loud', provider_options: { voice: 'shout' } }), 422, 'provider_options_unsupported',
    (details) => expect(details).toMatchObject({ fields: ['voice'], invalid: [{ name: 'voice', expected: 'one of on, off' }] })],
  ['options added to a template by an edit', () => owner, 'PATCH', () => `/api/v1/episodes/${episodeId}/templates/${templateId}`, () => ({ provider_options: { cfg_scale: 3 } }), 422, 'provider_options_unsupported',
    (details) => expect(details).toMatchObject({ fields: ['cfg_scale'] })],
  ['an account template with options and no provider', () => owner, 'POST', () => '/api/v1/me/templates', () => ({ name: 'Vague', provider_options: { voice: 'off' } }), 400, 'validation_failed'],
  ['a provider this server does not have', () => owner, 'POST', create, () => ({ name: 'Far away', provider: 'nowhere-video' }), 422, 'provider_unknown'],
  ['applying a template whose options its provider no longer takes', () => owner, 'POST', apply(() => stalePromiseTemplateId), () => ({ segment_numbers: [3] }), 422, 'provider_options_unsupported',
    (details) => expect(details).toMatchObject({ fields: ['motion_strength'] })],
  ['an unknown template', () => owner, 'POST', apply(() => NOWHERE), () => ({ segment_numbers: [3] }), 404, 'not_found'],
  ['another episode’s template', () => owner, 'POST', apply(() => foreignTemplateId), () => ({ segment_numbers: [3] }), 404, 'not_found'],
  ['editing another episode’s template', () => owner, 'PATCH', () => `/api/v1/episodes/${episodeId}/templates/${foreignTemplateId}`, () => ({ name: 'Taken over' }), 404, 'not_found'],
  ['a malformed template id', () => owner, 'POST', () => `/api/v1/episodes/${episodeId}/templates/42/apply`, () => ({ segment_numbers: [3] }), 400, 'validation_failed'],
  ['shots of another episode', () => owner, 'POST', apply(() => templateId), () => ({ shot_ids: [otherShotId] }), 422, 'shots_not_in_episode',
    (details) => expect(details).toEqual({ shot_ids: [otherShotId] })],
  ['a segment number the episode does not have, beside one it has', () => owner, 'POST', apply(() => templateId), () => ({ segment_numbers: [3, 999] }), 422, 'shots_not_in_episode',
    (details) => expect(details).toEqual({ segment_numbers: [999] })],
  ['a generated shot beside one not yet generated (all or nothing)', () => owner, 'POST', apply(() => templateId), () => ({ segment_numbers: [3, 2] }), 409, 'conflict'],
  ['501 shots', () => owner, 'POST', apply(() => templateId), () => ({ segment_numbers: Array.from({ length: 501 }, (_, i) => i + 1) }), 400, 'validation_failed'],
  ['no shots', () => owner, 'POST', apply(() => templateId), () => ({ shot_ids: [] }), 400, 'validation_failed'],
  ['both shot ids and numbers', () => owner, 'POST', apply(() => templateId), () => ({ shot_ids: [otherShotId], segment_numbers: [3] }), 400, 'validation_failed'],
  ['an empty name', () => owner, 'POST', create, () => ({ name: '   ', style: 'ink' }), 400, 'validation_failed'],
  ['no name', () => owner, 'POST', create, () => ({ style: 'ink' }), 400, 'validation_failed'],
  ['neither a take nor a parameter', () => owner, 'POST', create, () => ({ name: 'Empty' }), 400, 'validation_failed'],
  ['a name taken in the episode (any case)', () => owner, 'POST', create, () => ({ name: 'wARM', style: 'ink' }), 409, 'template_name_taken'],
  ['a rename to a name taken in the episode', () => owner, 'PATCH', () => `/api/v1/episodes/${episodeId}/templates/${stalePromiseTemplateId}`, () => ({ name: 'Warm' }), 409, 'template_name_taken'],
  ['a name taken in the account', () => owner, 'POST', () => '/api/v1/me/templates', () => ({ name: 'mine', style: 'ink' }), 409, 'template_name_taken'],
  ['a viewer saving an episode template', () => viewer, 'POST', create, () => ({ name: 'Viewer’s', from_segment_id: approvedId }), 403, 'forbidden'],
  ['a reviewer saving an episode template', () => reviewer, 'POST', create, () => ({ name: 'Reviewer’s', from_segment_id: approvedId }), 403, 'forbidden'],
  ['a reviewer applying a template', () => reviewer, 'POST', apply(() => templateId), () => ({ segment_numbers: [3] }), 403, 'forbidden'],
  ['a viewer renaming a template', () => viewer, 'PATCH', () => `/api/v1/episodes/${episodeId}/templates/${templateId}`, () => ({ name: 'Mine' }), 403, 'forbidden'],
  ['a reviewer deleting a template', () => reviewer, 'DELETE', () => `/api/v1/episodes/${episodeId}/templates/${templateId}`, () => undefined, 403, 'forbidden'],
];

describe('bad template input', () => {
  it.each(cases)('refuses %s and changes nothing', async (_name, who, method, path, body, status, code, details) => {
    const before = await snapshot();
    const response = await who().json<ErrorBody>(method, path(), body());
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message.length).toBeGreaterThan(10);
    details?.(response.body.error.details);
    expect(await snapshot()).toBe(before);
  });
});

describe('who may save a template', () => {
  it('lets a reviewer keep an approved take’s parameters in their own account, and read the episode’s', async () => {
    const saved = await reviewer.json<TemplateDto>('POST', '/api/v1/me/templates', { name: 'What I liked', from_segment_id: approvedId });
    expect(saved.status).toBe(201);
    expect(saved.body.scope).toBe('account');
    const listed = await viewer.json<{ episode: TemplateDto[]; account: TemplateDto[] }>('GET', `/api/v1/episodes/${episodeId}/templates`);
    expect(listed.status).toBe(200);
    expect(listed.body.episode.map((t) => t.name)).toEqual(['Old options', 'Warm']);
    expect(listed.body.account).toEqual([]);
  });

  it('does not let a read-only API token write its person’s templates, though it may list them', async () => {
    const reviewerId = (await reviewer.json<{ id: string }>('GET', '/api/v1/me')).body.id;
    const { token } = await createApiToken(app.context.services, reviewerId, { name: 'read only', scope: 'viewer' });
    const readOnly = new TestClient(app.server.base, { bearer: token });
    const before = await snapshot();
    const refused = await readOnly.json<ErrorBody>('POST', '/api/v1/me/templates', { name: 'By token', style: 'ink' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect(await snapshot()).toBe(before);
    expect((await readOnly.json<{ templates: TemplateDto[] }>('GET', '/api/v1/me/templates')).body.templates.map((t) => t.name)).toEqual(['What I liked']);
  });

  it('does not let someone save a take of an episode they cannot see into their account', async () => {
    const outsider = await signedUpClient(app.server.base, 'outsider@example.com');
    const before = await snapshot();
    const refused = await outsider.json<ErrorBody>('POST', '/api/v1/me/templates', { name: 'Peek', from_segment_id: approvedId });
    expect(refused.status).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});
