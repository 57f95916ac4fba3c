/**
 * Templates: an approved take's parameters saved under a name, applied to other shots before they
 * are generated, and recorded by the takes made from them, as the template was then, so that a
 * later edit or deletion does not rewrite what a take says. A person's own templates follow them
 * into their other episodes and nobody else sees them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SegmentDetailDto } from '../../../src/lib/api/segments.schema.ts';
import type { TemplateAppliedDto, TemplateDto, TemplateListDto } from '../../../src/lib/api/templates.schema.ts';
import { findShot } from '../../../server/db/queries/shot.queries.ts';
import { findSegment, listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, generateAndAnalyze, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let stranger: TestClient;
let ownerId: string;
let episodeId: string;
let approvedId: string;

const SUFFIX = 'Shot on grainy 16mm film, warm tungsten light.';

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Owner');
  stranger = await signedUpClient(app.server.base, 'stranger@example.com', 'Stranger');
  ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  episodeId = (await plannedEpisode(app.context.services, 'A lantern maker waits for the last ferry', 5, ownerId)).id;
  const [first] = await generateFirstSegments(app.context.services, episodeId, 1);
  approvedId = first!.id;
  const approved = await owner.json<SegmentDetailDto>('POST', `/api/v1/segments/${approvedId}/approve`, { rating: 5 });
  expect(approved.status).toBe(200);
  expect((await findSegment(app.context.services.db, approvedId))!.approval_status).toBe('approved');
}, 120_000);

describe('a template saved from an approved take', () => {
  it('is applied to two shots, and the takes made next record it; an edit or deletion later does not change them', { timeout: 180_000 }, async () => {
    const take = (await findSegment(app.context.services.db, approvedId))!;
    const saved = await owner.json<TemplateDto>('POST', `/api/v1/episodes/${episodeId}/templates`, {
      name: 'Night ferry',
      from_segment_id: approvedId,
      prompt_suffix: SUFFIX,
      camera: 'pan-left',
      duration: 3,
      provider_options: { subtitles: 'burned' },
    });
    expect(saved.status).toBe(201);
    // The take's own parameters, with the fields given replacing them.
    expect(saved.body).toMatchObject({
      scope: 'episode',
      name: 'Night ferry',
      version: 1,
      source_segment_id: approvedId,
      params: { style: (take.generation_params as { style: string }).style, camera: 'pan-left', duration: 3, prompt_suffix: SUFFIX, provider: 'builtin', provider_options: { subtitles: 'burned' } },
    });

    const listed = await owner.json<TemplateListDto>('GET', `/api/v1/episodes/${episodeId}/templates`);
    expect(listed.body.episode.map((t) => t.name)).toEqual(['Night ferry']);

    const applied = await owner.json<TemplateAppliedDto>('POST', `/api/v1/episodes/${episodeId}/templates/${saved.body.id}/apply`, { segment_numbers: [2, 3] });
    expect(applied.status).toBe(200);
    expect(applied.body.shots.map((shot) => shot.shot_number)).toEqual([2, 3]);
    expect(applied.body.template).toEqual({ id: saved.body.id, name: 'Night ferry', version: 1 });

    const slots = (await listCurrentSegments(app.context.services.db, episodeId)).filter((segment) => [2, 3].includes(segment.segment_number));
    for (const slot of slots) {
      const shot = (await findShot(app.context.services.db, slot.shot_id))!;
      expect(shot).toMatchObject({ camera: 'pan-left', duration: 3, prompt_suffix: SUFFIX, template_id: saved.body.id, template_name: 'Night ferry', template_version: 1 });
      expect(shot.provider_options).toEqual({ subtitles: 'burned' });
    }
    // A shot it was not applied to keeps its own settings.
    const untouched = (await listCurrentSegments(app.context.services.db, episodeId)).find((segment) => segment.segment_number === 4)!;
    expect((await findShot(app.context.services.db, untouched.shot_id))!.template_id).toBeNull();

    for (const slot of slots) await generateAndAnalyze(app.context.services, slot.id);
    for (const slot of slots) {
      const made = (await findSegment(app.context.services.db, slot.id))!;
      expect(made.status).toBe('completed');
      const params = made.generation_params as { prompt: string; camera: string; duration: number; provider_options: unknown; template: unknown };
      expect(params.template).toEqual({ id: saved.body.id, name: 'Night ferry', version: 1 });
      expect(params.prompt.endsWith(SUFFIX)).toBe(true);
      expect(made.provenance!.prompt).toContain(SUFFIX);
      expect(params).toMatchObject({ camera: 'pan-left', duration: 3, provider_options: { subtitles: 'burned' } });
      const detail = await owner.json<SegmentDetailDto>('GET', `/api/v1/segments/${slot.id}`);
      expect(detail.body.template).toEqual({ id: saved.body.id, name: 'Night ferry', version: 1 });
    }
    // A take made without a template says so.
    expect((await owner.json<SegmentDetailDto>('GET', `/api/v1/segments/${approvedId}`)).body.template).toBeNull();

    const edited = await owner.json<TemplateDto>('PATCH', `/api/v1/episodes/${episodeId}/templates/${saved.body.id}`, { name: 'Dawn ferry', style: 'bleached pastel' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Dawn ferry', version: 2, params: { style: 'bleached pastel', camera: 'pan-left' } });
    const deleted = await owner.request('DELETE', `/api/v1/episodes/${episodeId}/templates/${saved.body.id}`);
    expect(deleted.status).toBe(200);
    expect((await owner.json<TemplateListDto>('GET', `/api/v1/episodes/${episodeId}/templates`)).body.episode).toEqual([]);
    for (const slot of slots) {
      const detail = await owner.json<SegmentDetailDto>('GET', `/api/v1/segments/${slot.id}`);
      expect(detail.body.template).toEqual({ id: saved.body.id, name: 'Night ferry', version: 1 });
    }
    // A deleted template is not applied again.
    const again = await owner.json<{ error: { code: string } }>('POST', `/api/v1/episodes/${episodeId}/templates/${saved.body.id}/apply`, { segment_numbers: [4] });
    expect(again.status).toBe(404);
    // Its name is free again.
    expect((await owner.json('POST', `/api/v1/episodes/${episodeId}/templates`, { name: 'Night ferry', style: 'ink' })).status).toBe(201);
  });
});

describe('an account template', () => {
  it('goes with its owner into another episode and nobody else sees or uses it', { timeout: 120_000 }, async () => {
    const mine = await owner.json<TemplateDto>('POST', '/api/v1/me/templates', { name: 'House look', from_segment_id: approvedId, prompt_suffix: 'Soft rain on every surface.' });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ scope: 'account', episode_id: null, params: { provider: 'builtin', prompt_suffix: 'Soft rain on every surface.' } });

    const other = (await plannedEpisode(app.context.services, 'A beekeeper loses her queen before the fair', 7, ownerId)).id;
    const listed = await owner.json<TemplateListDto>('GET', `/api/v1/episodes/${other}/templates`);
    expect(listed.body.account.map((t) => t.id)).toEqual([mine.body.id]);
    expect(listed.body.episode).toEqual([]);
    const applied = await owner.json<TemplateAppliedDto>('POST', `/api/v1/episodes/${other}/templates/${mine.body.id}/apply`, { segment_numbers: [1] });
    expect(applied.status).toBe(200);
    const [first] = await listCurrentSegments(app.context.services.db, other);
    expect((await findShot(app.context.services.db, first!.shot_id))!).toMatchObject({ template_id: mine.body.id, prompt_suffix: 'Soft rain on every surface.' });

    // Another person, even an editor of that episode, neither sees it nor applies it.
    await addMember(app.context.services, other, 'stranger@example.com', 'editor');
    expect((await stranger.json<{ templates: TemplateDto[] }>('GET', '/api/v1/me/templates')).body.templates).toEqual([]);
    expect((await stranger.json<TemplateListDto>('GET', `/api/v1/episodes/${other}/templates`)).body.account).toEqual([]);
    const refused = await stranger.json<{ error: { code: string } }>('POST', `/api/v1/episodes/${other}/templates/${mine.body.id}/apply`, { segment_numbers: [2] });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('not_found');
    expect((await stranger.json('PATCH', `/api/v1/me/templates/${mine.body.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await stranger.request('DELETE', `/api/v1/me/templates/${mine.body.id}`)).status).toBe(404);
    const [, second] = await listCurrentSegments(app.context.services.db, other);
    expect((await findShot(app.context.services.db, second!.shot_id))!.template_id).toBeNull();
    expect((await owner.json<{ templates: TemplateDto[] }>('GET', '/api/v1/me/templates')).body.templates.map((t) => t.name)).toEqual(['House look']);
  });
});
