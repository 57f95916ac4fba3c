/**
 * Team review through the API: every reviewer's own decision on a take, the episode's approval
 * rule turning decisions into an approval (any, count, all, required), re-evaluation when the
 * rule changes, automatic approval counted as one decision, reopening an approved take so that a
 * single-version shot can be made again, and the bad input each of these refuses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startGenerationRun } from '../../../server/commands/generation-runs.ts';
import { findActiveRun } from '../../../server/db/queries/generation-run.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let editor: TestClient;
let ana: TestClient;
let ben: TestClient;
const ids: Record<string, string> = {};

interface Approval {
  rule_text: string;
  approvals: number;
  needed: number;
  awaiting: string[];
  decisions: { name: string; decision: string; rating: number | null; note: string | null }[];
}
interface Detail {
  id: string;
  version: number;
  approval_status: string;
  approval: Approval;
  reviews: { action: string; reviewer_name: string; feedback: string | null }[];
}

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com', 'Olga');
  editor = await signedUpClient(app.server.base, 'dora@example.com', 'Dora');
  ana = await signedUpClient(app.server.base, 'ana@example.com', 'Ana');
  ben = await signedUpClient(app.server.base, 'ben@example.com', 'Ben');
  for (const [name, client] of Object.entries({ owner, editor, ana, ben })) ids[name] = (await client.json<{ id: string }>('GET', '/api/v1/me')).body.id;
});

/** An episode of Olga's with Dora as editor, Ana and Ben as reviewers, and its first `generated` takes made. */
async function teamEpisode(generated: number, shots = 3): Promise<{ episodeId: string; takes: string[] }> {
  const episode = await plannedEpisode(app.context.services, 'A night ferry crosses a frozen lake', shots, ids.owner!);
  await owner.put(`/api/v1/episodes/${episode.id}/members`, { email: 'dora@example.com', role: 'editor' });
  for (const email of ['ana@example.com', 'ben@example.com']) await owner.put(`/api/v1/episodes/${episode.id}/members`, { email, role: 'reviewer' });
  const takes = await generateFirstSegments(app.context.services, episode.id, generated);
  return { episodeId: episode.id, takes: takes.map((take) => take.id) };
}

const detail = async (id: string) => (await owner.json<Detail>('GET', `/api/v1/segments/${id}`)).body;
const decide = (client: TestClient, id: string, body: Record<string, unknown>) => client.json<Detail>('PUT', `/api/v1/segments/${id}/decision`, body);
const setRule = (episodeId: string, rule: Record<string, unknown>) =>
  owner.json<{ rule_text: string; changed: { segment_number: number; from: string; to: string }[] }>('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, rule);

describe('each reviewer decides', () => {
  it('keeps one standing decision per reviewer, which they may change or take back', async () => {
    const { takes } = await teamEpisode(1);
    const take = takes[0]!;
    expect((await decide(ben, take, { decision: 'changes_requested', note: 'The lake should be frozen' })).body.approval_status).toBe('needs_revision');
    const approved = await decide(ana, take, { decision: 'approve', rating: 4 });
    expect(approved.status).toBe(200);
    // One approval approves under the default rule, whatever else was said.
    expect(approved.body).toMatchObject({ approval_status: 'approved', approval: { rule_text: 'One approval approves a take', approvals: 1, needed: 1 } });
    expect((await decide(ana, take, { decision: 'approve', rating: 5, note: 'Better on a second look' })).status).toBe(200);
    const after = await detail(take);
    expect(after.approval.decisions.map((d) => [d.name, d.decision, d.rating, d.note]).sort()).toEqual([
      ['Ana', 'approve', 5, 'Better on a second look'],
      ['Ben', 'changes_requested', null, 'The lake should be frozen'],
    ]);
    // Every change is in the history.
    expect(after.reviews.map((r) => [r.action, r.reviewer_name])).toEqual([
      ['changes_requested', 'Ben'],
      ['approve', 'Ana'],
      ['approve', 'Ana'],
    ]);
    // Ana takes hers back: Ben's request stands alone.
    const withdrawn = await ana.json<Detail>('DELETE', `/api/v1/segments/${take}/decision`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ approval_status: 'needs_revision', approval: { approvals: 0, decisions: [{ name: 'Ben' }] } });
    expect((await ana.request('DELETE', `/api/v1/segments/${take}/decision`)).status).toBe(409);
  });
});

describe('approval rules', () => {
  it('count: one approval of two does not approve, the second does, and a rejection undoes it', async () => {
    const { episodeId, takes } = await teamEpisode(2);
    expect((await ana.post(`/api/v1/segments/${takes[0]}/approve`, { rating: 4 })).status).toBe(200);
    expect((await detail(takes[0]!)).approval_status).toBe('approved');
    // The new rule re-evaluates the current takes: shot 1 goes back to review.
    const set = await setRule(episodeId, { kind: 'count', count: 2 });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ rule_text: '2 approvals, and nobody asking for changes', changed: [{ segment_number: 1, from: 'approved', to: 'pending' }] });
    expect((await detail(takes[0]!)).approval).toMatchObject({ approvals: 1, needed: 2, awaiting: ['1 more approval'] });
    expect((await ben.post(`/api/v1/segments/${takes[0]}/approve`, {})).status).toBe(200);
    expect(await detail(takes[0]!)).toMatchObject({ approval_status: 'approved', approval: { approvals: 2, needed: 2, awaiting: [] } });
    expect((await decide(ben, takes[0]!, { decision: 'reject', note: 'The ice cracks too early' })).body.approval_status).toBe('rejected');
    // The seed's compile refuses while a slot is not approved under the rule.
    const compile = await owner.json<{ error: { code: string } }>('POST', `/api/v1/episodes/${episodeId}/compile`, {});
    expect(compile.status).toBe(409);
    // Back to one approval: every current take is evaluated again.
    expect((await setRule(episodeId, { kind: 'any' })).body.changed).toEqual([{ segment_id: takes[0], segment_number: 1, from: 'rejected', to: 'approved' }]);
  });

  it('required: two reviewers do not stand in for the named director; her approval does', async () => {
    const { episodeId, takes } = await teamEpisode(1);
    expect((await setRule(episodeId, { kind: 'required', users: [ids.editor], others: 1 })).body.rule_text).toBe('Approval by Dora, 1 other');
    await ana.post(`/api/v1/segments/${takes[0]}/approve`, {});
    await ben.post(`/api/v1/segments/${takes[0]}/approve`, {});
    expect(await detail(takes[0]!)).toMatchObject({ approval_status: 'pending', approval: { awaiting: ['Dora'], approvals: 1, needed: 2 } });
    expect((await editor.post(`/api/v1/segments/${takes[0]}/approve`, { rating: 5 })).status).toBe(200);
    expect((await detail(takes[0]!)).approval_status).toBe('approved');
  });

  it('all: every listed approver, by name', async () => {
    const { episodeId, takes } = await teamEpisode(1);
    expect((await setRule(episodeId, { kind: 'all', approvers: [ids.ana, ids.ben] })).body.rule_text).toBe('Every one of Ana, Ben approves');
    await editor.post(`/api/v1/segments/${takes[0]}/approve`, {});
    await ana.post(`/api/v1/segments/${takes[0]}/approve`, {});
    expect((await detail(takes[0]!)).approval).toMatchObject({ awaiting: ['Ben'], approvals: 1, needed: 2 });
    await ben.post(`/api/v1/segments/${takes[0]}/approve`, {});
    expect((await detail(takes[0]!)).approval_status).toBe('approved');
  });

  it('auto-approval is one decision: under a rule of two the run waits for a person', async () => {
    const { episodeId, takes } = await teamEpisode(1);
    await setRule(episodeId, { kind: 'count', count: 2 });
    await startGenerationRun(app.context.services, episodeId, { mode: 'sequential', startFrom: 1, autoApprove: true }, { userId: ids.owner!, name: 'Olga' });
    expect(await detail(takes[0]!)).toMatchObject({ approval_status: 'pending', approval: { approvals: 1, decisions: [{ name: 'Dailies (auto-approve)', decision: 'approve' }] } });
    // A sequential run waits on shot 1: shot 2 is not queued yet.
    const queuedAt = async (slot: number) =>
      (await app.context.services.db.selectFrom('video_segments').select('queued_at').where('episode_id', '=', episodeId).where('segment_number', '=', slot).where('is_current', '=', true).executeTakeFirstOrThrow()).queued_at;
    expect(await queuedAt(2)).toBeNull();
    await ana.post(`/api/v1/segments/${takes[0]}/approve`, {});
    expect((await detail(takes[0]!)).approval_status).toBe('approved');
    // Approved under the rule, the run moves on to shot 2.
    expect(await queuedAt(2)).not.toBeNull();
    expect(await findActiveRun(app.context.services.db, episodeId)).toBeDefined();
  });
});

describe('reopening', () => {
  it('sends an approved single-version take back to review, keeps its decisions in history, and lets it be regenerated', async () => {
    const { episodeId, takes } = await teamEpisode(1);
    const take = takes[0]!;
    await ana.post(`/api/v1/segments/${take}/approve`, { rating: 5 });
    expect((await editor.post(`/api/v1/segments/${take}/regenerate`, {})).status).toBe(409);
    expect((await ana.post(`/api/v1/segments/${take}/reopen`, { reason: 'Too dark' })).status).toBe(403);
    expect((await editor.post(`/api/v1/segments/${take}/reopen`, {})).status).toBe(400);
    const reopened = await editor.json<Detail>('POST', `/api/v1/segments/${take}/reopen`, { reason: 'The music changed under it' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ approval_status: 'pending', approval: { approvals: 0, decisions: [] } });
    expect(reopened.body.reviews.map((r) => [r.action, r.reviewer_name, r.feedback])).toEqual([
      ['approve', 'Ana', null],
      ['reopen', 'Dora', 'The music changed under it'],
    ]);
    const audit = await owner.json<{ events: { action: string }[] }>('GET', `/api/v1/episodes/${episodeId}/audit`);
    expect(audit.body.events.map((event) => event.action)).toContain('segment.reopen');
    // Nothing to reopen now.
    expect((await editor.post(`/api/v1/segments/${take}/reopen`, { reason: 'again' })).status).toBe(409);
    const v2 = await editor.json<{ version: number }>('POST', `/api/v1/segments/${take}/regenerate`, { changes: { prompt_modifications: 'brighter moon' } });
    expect(v2.status).toBe(202);
    expect(v2.body.version).toBe(2);
  });
});

describe('bad input changes nothing', () => {
  it('refuses rules that name nobody or strangers, decisions on takes that are not current, and malformed decisions', async () => {
    const { episodeId, takes } = await teamEpisode(2);
    const v2 = await editor.json<{ id: string }>('POST', `/api/v1/segments/${takes[1]}/regenerate`, {});
    expect(v2.status).toBe(202);
    const before = await databaseFingerprint(app.context.services.db);
    const refusals: [string, Promise<Response>, number][] = [
      ['all naming nobody', owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'all', approvers: [] }), 400],
      ['required naming nobody', owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'required', others: 2 }), 400],
      ['count of zero', owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'count', count: 0 }), 400],
      ['unknown kind', owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'majority' }), 400],
      ['a stranger', owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'all', approvers: ['00000000-0000-4000-8000-000000000099'] }), 422],
      ['a viewer role', owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'required', roles: ['viewer'] }), 400],
      ['the same person twice', owner.request('PUT', `/api/v1/episodes/${episodeId}/approval-rule`, { kind: 'all', approvers: [ids.ana, ids.ana] }), 400],
      ['a take that is not current', ana.request('PUT', `/api/v1/segments/${takes[1]}/decision`, { decision: 'approve' }), 409],
      ['a take not made yet', ana.request('PUT', `/api/v1/segments/${v2.body.id}/decision`, { decision: 'approve' }), 409],
      ['an unknown decision', ana.request('PUT', `/api/v1/segments/${takes[0]}/decision`, { decision: 'love' }), 400],
      ['a rating of 6', ana.request('PUT', `/api/v1/segments/${takes[0]}/decision`, { decision: 'approve', rating: 6 }), 400],
      ['reopening a take that is not approved', editor.request('POST', `/api/v1/segments/${takes[0]}/reopen`, { reason: 'why not' }), 409],
    ];
    for (const [what, response, status] of refusals) {
      const answer = await response;
      const body = (await answer.json()) as { error?: { code: string; message: string } };
      expect([what, answer.status], what).toEqual([what, status]);
      expect(body.error?.message, what).toEqual(expect.any(String));
    }
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
  });
});
