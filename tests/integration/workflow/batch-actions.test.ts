/**
 * Batch actions: each action on many cards in one request, through the same write path as the
 * single action (decisions under the approval rule with their history, webhook events and
 * activity; regeneration; a template; a shot edit; the compile order), answered with a summary.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchResultDto } from '../../../src/lib/api/batch.schema.ts';
import type { TemplateDto } from '../../../src/lib/api/templates.schema.ts';
import { findPlanRows } from '../../../server/db/queries/plan.queries.ts';
import { findSegment, listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { findShot } from '../../../server/db/queries/shot.queries.ts';
import type { VideoSegment } from '../../../server/db/schema.ts';
import { createEpisode } from '../../../server/commands/episode-creator.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { addMember, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let editor: TestClient;
let reviewer: TestClient;
let episodeId: string;
/** The episode's slots in shot order; the first three have a finished take to review. */
let slots: VideoSegment[];

const batch = (client: TestClient, body: Record<string, unknown>) => client.json<BatchResultDto>('POST', `/api/v1/episodes/${episodeId}/batch`, body);
const db = () => app.context.services.db;

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Owner');
  editor = await signedUpClient(app.server.base, 'editor@example.com', 'Edda');
  reviewer = await signedUpClient(app.server.base, 'reviewer@example.com', 'Rui');
  const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
  episodeId = (await plannedEpisode(app.context.services, 'A night porter keeps a hotel running through a storm', 4, ownerId)).id;
  await addMember(app.context.services, episodeId, 'editor@example.com', 'editor');
  await addMember(app.context.services, episodeId, 'reviewer@example.com', 'reviewer');
  await generateFirstSegments(app.context.services, episodeId, 3);
  slots = (await listCurrentSegments(db(), episodeId)).sort((a, b) => a.segment_number - b.segment_number);
  expect(slots.length).toBeGreaterThanOrEqual(6);
  expect(slots.slice(0, 3).every((slot) => slot.status === 'completed')).toBe(true);
}, 180_000);

describe('deciding on many takes at once', () => {
  it('records each reviewer’s decision as a single one would, and the rule approves them', async () => {
    expect((await owner.json('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'count', count: 2 })).status).toBe(200);
    const ids = [slots[0]!.id, slots[1]!.id];

    const first = await batch(reviewer, { action: 'decide', segment_ids: ids, decision: 'approve', rating: 4, note: 'Good light' });
    expect(first.status).toBe(200);
    // One approval of the two the rule wants: each take still waits.
    expect(first.body).toMatchObject({ action: 'decide', count: 2, counts: { pending: 2 } });
    expect(first.body.items.map((item) => [item.segment_id, item.outcome])).toEqual(ids.map((id) => [id, 'pending']));

    const second = await batch(owner, { action: 'decide', segment_ids: ids, decision: 'approve' });
    expect(second.body).toMatchObject({ count: 2, counts: { approved: 2 } });
    for (const id of ids) {
      expect((await findSegment(db(), id))!.approval_status).toBe('approved');
      const decisions = await db().selectFrom('take_decisions').select(['reviewer_name', 'decision', 'rating', 'note']).where('segment_id', '=', id).orderBy('reviewer_name').execute();
      expect(decisions.map((row) => ({ ...row, rating: row.rating === null ? null : Number(row.rating) }))).toEqual([
        { reviewer_name: 'Owner', decision: 'approve', rating: null, note: null },
        { reviewer_name: 'Rui', decision: 'approve', rating: 4, note: 'Good light' },
      ]);
      const history = await db().selectFrom('segment_reviews').select('action').where('segment_id', '=', id).execute();
      expect(history.map((row) => row.action)).toEqual(['approve', 'approve']);
      const activity = await db().selectFrom('activity').select('kind').where('segment_id', '=', id).where('kind', 'in', ['take.decided', 'take.approved']).execute();
      expect(activity.map((row) => row.kind).sort()).toEqual(['take.approved', 'take.decided', 'take.decided']);
    }
    // The detail page shows both decisions, as after two single ones.
    const detail = await owner.json<{ approval: { approvals: number; needed: number } }>('GET', `/api/v1/segments/${ids[0]}`);
    expect(detail.body.approval).toMatchObject({ approvals: 2, needed: 2 });
  });

  it('asks for another take of several with one note', async () => {
    const answer = await batch(reviewer, { action: 'request_regeneration', shot_ids: [slots[2]!.shot_id], reason: 'The door should be red', suggested_changes: { style: 'warm red' } });
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([expect.objectContaining({ shot_id: slots[2]!.shot_id, segment_id: slots[2]!.id, outcome: expect.any(String) })]);
    const decision = await db().selectFrom('take_decisions').select(['decision', 'note']).where('segment_id', '=', slots[2]!.id).executeTakeFirstOrThrow();
    expect(decision).toEqual({ decision: 'changes_requested', note: 'The door should be red' });
  });
});

describe('a guest reviewer through a share link', () => {
  it('decides on many takes, each decision kept as the guest’s own; a guest cannot move cards', async () => {
    const link = (await owner.json<{ token: string }>('POST', `/api/v1/episodes/${episodeId}/share-links`, { role: 'reviewer' })).body;
    const guest = new TestClient(app.server.base);
    expect((await guest.post(`/api/v1/share/${link.token}/session`, { name: 'Gus' })).status).toBe(201);
    const answer = await batch(guest, { action: 'decide', segment_ids: [slots[0]!.id, slots[1]!.id], decision: 'approve', rating: 5 });
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({ approved: 2 });
    for (const slot of slots.slice(0, 2)) {
      const mine = await db().selectFrom('take_decisions').select(['reviewer_key', 'reviewer_id', 'decision']).where('segment_id', '=', slot.id).where('share_link_id', 'is not', null).execute();
      expect(mine).toEqual([{ reviewer_key: expect.stringMatching(/^guest:.+:Gus/), reviewer_id: null, decision: 'approve' }]);
    }
    expect((await batch(guest, { action: 'move', segment_ids: [slots[0]!.id], position: 2 })).status).toBe(403);
  });
});

describe('regenerating, templates, edits and moves', () => {
  it('regenerates with changes: a new current take each, the rejection’s suggestion carried', async () => {
    const answer = await batch(editor, { action: 'regenerate', segment_ids: [slots[2]!.id], changes: { camera: 'push-in' } });
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({ regenerating: 1 });
    const [item] = answer.body.items;
    expect(item).toMatchObject({ shot_id: slots[2]!.shot_id, version: 2, outcome: 'regenerating' });
    const next = (await findSegment(db(), item!.segment_id!))!;
    expect(next).toMatchObject({ is_current: true, parent_segment_id: slots[2]!.id });
    expect(next.generation_params).toMatchObject({ camera: 'push-in', style: 'warm red' });
    expect((await findSegment(db(), slots[2]!.id))!.is_current).toBe(false);
  });

  it('applies a template to shots not yet generated', async () => {
    const template = await owner.json<TemplateDto>('POST', `/api/v1/episodes/${episodeId}/templates`, { name: 'Storm', style: 'rain-soaked noir', camera: 'pan-right' });
    const shots = [slots[3]!.shot_id, slots[4]!.shot_id];
    const answer = await batch(editor, { action: 'apply_template', shot_ids: shots, template_id: template.body.id });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ count: 2, counts: { edited: 2 }, template: { id: template.body.id, name: 'Storm', version: 1 } });
    for (const id of shots) expect(await findShot(db(), id)).toMatchObject({ style: 'rain-soaked noir', camera: 'pan-right', template_id: template.body.id });
  });

  it('changes the style and camera of shots', async () => {
    const answer = await batch(editor, { action: 'edit_shots', segment_ids: [slots[5]!.id], style: 'pencil sketch', camera: 'static' });
    expect(answer.status).toBe(200);
    expect(answer.body.counts).toEqual({ edited: 1 });
    expect(await findShot(db(), slots[5]!.shot_id)).toMatchObject({ style: 'pencil sketch', camera: 'static' });
    const audit = await db().selectFrom('audit_events').select('details').where('episode_id', '=', episodeId).where('action', '=', 'shot.edited').execute();
    expect(audit.some((row) => (row.details as { shot_id?: string }).shot_id === slots[5]!.shot_id)).toBe(true);
  });

  it('moves cards together to a place in the compile order', async () => {
    const moving = [slots[4]!, slots[5]!];
    const answer = await batch(editor, { action: 'move', segment_ids: moving.map((slot) => slot.id), position: 1 });
    expect(answer.status).toBe(200);
    const numbers = moving.map((slot) => slot.segment_number);
    expect(answer.body.order!.slice(0, 2)).toEqual(numbers);
    expect(answer.body.items.map((item) => [item.shot_number, item.position, item.outcome])).toEqual([
      [numbers[0], 1, 'moved'],
      [numbers[1], 2, 'moved'],
    ]);
    const { shots } = await findPlanRows(db(), episodeId);
    expect(shots.map((shot) => shot.shot_number)).toEqual(answer.body.order);
    expect(answer.body.order!.length).toBe(slots.length);
    // Past the end: last.
    const last = await batch(editor, { action: 'move', shot_ids: [slots[0]!.shot_id], position: 999 });
    expect(last.body.order!.at(-1)).toBe(slots[0]!.segment_number);
  });
});

describe('a batch of 500 cards, the most one may name', () => {
  it('changes the style of every one and moves them all, each in one request', { timeout: 180_000 }, async () => {
    const ownerId = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body.id;
    const shots = Array.from({ length: 500 }, (_, index) => ({ prompt: `Frame ${index + 1} of a flip book`, duration: 1 }));
    const big = await createEpisode(app.context.services, { shots, title: 'Flip book' }, { userId: ownerId, name: 'Owner' });
    const takes = await listCurrentSegments(db(), big.id);
    expect(takes.length).toBe(500);
    const started = Date.now();
    const edited = await owner.json<BatchResultDto>('POST', `/api/v1/episodes/${big.id}/batch`, { action: 'edit_shots', shot_ids: takes.map((take) => take.shot_id), style: 'ink wash' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ count: 500, counts: { edited: 500 } });
    const moved = await owner.json<BatchResultDto>('POST', `/api/v1/episodes/${big.id}/batch`, { action: 'move', segment_ids: takes.slice(250).map((take) => take.id), position: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body.order!.slice(0, 3)).toEqual([251, 252, 253]);
    // Both within a few seconds each on a small machine.
    expect(Date.now() - started).toBeLessThan(60_000);
    const { shots: rows } = await findPlanRows(db(), big.id);
    expect(rows.every((row) => row.style === 'ink wash')).toBe(true);
  });
});
