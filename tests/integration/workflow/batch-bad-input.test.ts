/**
 * Every class of bad input to a batch gets a 4xx with the error body and changes nothing: the
 * shots, takes, decisions, history and audit trail are compared before and after each request.
 * One card that cannot take the action leaves every other card as it was.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchRefusalDto } from '../../../src/lib/api/batch.schema.ts';
import type { TemplateDto } from '../../../src/lib/api/templates.schema.ts';
import { claimForGeneration, listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import type { VideoSegment } from '../../../server/db/schema.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let editor: TestClient;
let reviewer: TestClient;
let viewer: TestClient;
let episodeId: string;
let otherEpisodeId: string;
/** Shot order: two finished takes, one rendering, the rest not generated. */
let slots: VideoSegment[];
let foreign: VideoSegment;
let foreignTemplateId: string;

type ErrorBody = { error: { code: string; message: string; details: { refused?: BatchRefusalDto[]; segment_ids?: string[]; shot_ids?: string[] } } };

const batch = (client: TestClient, body: unknown) => client.json<ErrorBody>('POST', `/api/v1/episodes/${episodeId}/batch`, body);

/** A fingerprint of everything a batch could change. */
async function snapshot(): Promise<string> {
  const parts: unknown[] = [];
  for (const table of ['shots', 'video_segments', 'take_decisions', 'segment_reviews', 'audit_events', 'activity', 'take_notes']) {
    parts.push((await sql.raw(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM ${table} t`).execute(app.context.services.db)).rows);
  }
  return JSON.stringify(parts);
}

/** Sends `request` and checks its status, its error code and that nothing changed. */
async function refused(request: Promise<{ status: number; body: ErrorBody }>, status: number, code?: string): Promise<ErrorBody> {
  const before = await snapshot();
  const answer = await request;
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  if (code) expect(answer.body.error.code).toBe(code);
  expect(answer.body.error.message.length).toBeGreaterThan(0);
  expect(await snapshot()).toBe(before);
  return answer.body;
}

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Owner');
  editor = await signedUpClient(app.server.base, 'editor@example.com');
  reviewer = await signedUpClient(app.server.base, 'reviewer@example.com');
  viewer = await signedUpClient(app.server.base, 'viewer@example.com');
  const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  const { services } = app.context;
  episodeId = (await plannedEpisode(services, 'A tailor sews a coat for a giant', 5, ownerId)).id;
  otherEpisodeId = (await plannedEpisode(services, 'Two rival florists share a shop', 6, ownerId)).id;
  for (const role of ['editor', 'reviewer', 'viewer'] as const) await addMember(services, episodeId, `${role}@example.com`, role);
  await generateFirstSegments(services, episodeId, 2);
  slots = (await listCurrentSegments(services.db, episodeId)).sort((a, b) => a.segment_number - b.segment_number);
  // The third take is rendering (as a worker that claimed it leaves it).
  expect(await claimForGeneration(services.db, slots[2]!.id)).toBeDefined();
  foreign = (await listCurrentSegments(services.db, otherEpisodeId))[0]!;
  foreignTemplateId = (await owner.json<TemplateDto>('POST', `/api/v1/episodes/${otherEpisodeId}/templates`, { name: 'Elsewhere', style: 'ink' })).body.id;
}, 120_000);

describe('a batch refuses bad input and changes nothing', () => {
  it('refuses more than 500 cards, an empty list, no list, both lists, and an unknown action', async () => {
    const many = Array.from({ length: 501 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    const tooMany = await refused(batch(owner, { action: 'decide', decision: 'approve', segment_ids: many }), 400, 'validation_failed');
    expect(JSON.stringify(tooMany.error.details)).toContain('at most 500');
    await refused(batch(owner, { action: 'decide', decision: 'approve', segment_ids: [] }), 400, 'validation_failed');
    await refused(batch(owner, { action: 'decide', decision: 'approve' }), 400, 'validation_failed');
    await refused(batch(owner, { action: 'decide', decision: 'approve', segment_ids: [slots[0]!.id], shot_ids: [slots[0]!.shot_id] }), 400, 'validation_failed');
    const unknown = await refused(batch(owner, { action: 'delete', segment_ids: [slots[0]!.id] }), 400, 'validation_failed');
    expect(JSON.stringify(unknown.error.details)).toContain('action must be one of');
    await refused(batch(owner, { action: 'edit_shots', shot_ids: [slots[3]!.shot_id] }), 400, 'validation_failed');
    await refused(batch(owner, { action: 'move', shot_ids: [slots[3]!.shot_id], position: 0 }), 400, 'validation_failed');
  });

  it('names the ids that are unknown or of another episode', async () => {
    const stranger = '00000000-0000-4000-8000-000000000042';
    const takes = await refused(batch(owner, { action: 'decide', decision: 'approve', segment_ids: [slots[0]!.id, foreign.id, stranger] }), 422, 'batch_items_not_in_episode');
    expect(takes.error.details.segment_ids).toEqual([foreign.id, stranger]);
    const shots = await refused(batch(editor, { action: 'move', shot_ids: [slots[3]!.shot_id, foreign.shot_id], position: 1 }), 422, 'batch_items_not_in_episode');
    expect(shots.error.details.shot_ids).toEqual([foreign.shot_id]);
    // A template of another episode is not found here.
    await refused(batch(editor, { action: 'apply_template', shot_ids: [slots[3]!.shot_id], template_id: foreignTemplateId }), 404, 'not_found');
  });

  it('refuses approving a take still rendering or not made, naming each, and approves none of the others', async () => {
    const body = await refused(batch(reviewer, { action: 'decide', decision: 'approve', segment_ids: [slots[0]!.id, slots[2]!.id, slots[1]!.id, slots[3]!.id] }), 409, 'batch_refused');
    expect(body.error.details.refused!.map((card) => [card.id, card.shot_number])).toEqual([
      [slots[2]!.id, slots[2]!.segment_number],
      [slots[3]!.id, slots[3]!.segment_number],
    ]);
    expect(body.error.details.refused![0]!.message).toContain('generating');
    expect(body.error.message).toContain('2 of the 4 cards');
  });

  it('refuses regenerating a take that renders, and changing a shot already generated', async () => {
    const regenerate = await refused(batch(editor, { action: 'regenerate', segment_ids: [slots[0]!.id, slots[2]!.id] }), 409, 'batch_refused');
    expect(regenerate.error.details.refused!.map((card) => card.id)).toEqual([slots[2]!.id]);
    // One shot may change; two were generated: neither the generated nor the free one changes.
    const edit = await refused(batch(editor, { action: 'edit_shots', shot_ids: [slots[3]!.shot_id, slots[0]!.shot_id, slots[1]!.shot_id], camera: 'pan-left' }), 409, 'batch_refused');
    expect(edit.error.details.refused!.map((card) => card.id)).toEqual([slots[0]!.shot_id, slots[1]!.shot_id]);
    const template = await owner.json<TemplateDto>('POST', `/api/v1/episodes/${episodeId}/templates`, { name: 'Linen', style: 'soft linen' });
    const apply = await refused(batch(editor, { action: 'apply_template', shot_ids: [slots[4]!.shot_id, slots[0]!.shot_id], template_id: template.body.id }), 409, 'batch_refused');
    expect(apply.error.details.refused!.map((card) => card.shot_number)).toEqual([slots[0]!.segment_number]);
  });

  it('refuses an action the caller’s role does not allow', async () => {
    await refused(batch(viewer, { action: 'decide', decision: 'approve', segment_ids: [slots[0]!.id] }), 403, 'forbidden');
    await refused(batch(reviewer, { action: 'regenerate', segment_ids: [slots[0]!.id] }), 403, 'forbidden');
    await refused(batch(reviewer, { action: 'edit_shots', shot_ids: [slots[3]!.shot_id], style: 'chalk' }), 403, 'forbidden');
    await refused(batch(reviewer, { action: 'move', shot_ids: [slots[3]!.shot_id], position: 1 }), 403, 'forbidden');
    const stranger = await signedUpClient(app.server.base, 'stranger@example.com');
    await refused(batch(stranger, { action: 'decide', decision: 'approve', segment_ids: [slots[0]!.id] }), 404, 'not_found');
  });

  it('still does the action once the cards that could not take it are left out', async () => {
    const answer = await reviewer.json<{ counts: Record<string, number> }>('POST', `/api/v1/episodes/${episodeId}/batch`, { action: 'decide', decision: 'approve', segment_ids: [slots[0]!.id, slots[1]!.id] });
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({ approved: 2 });
  });
});
