/**
 * Review actions and versions through the API: lineage of regenerations (parameters merged with
 * the rejection's suggestions), rollback, concurrent approval, illegal transitions, and the
 * segment's detail.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { generateAndAnalyze, generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';

const app = appServerForFile();
let editor: TestClient;
let reviewerA: TestClient;
let reviewerB: TestClient;
let episodeId: string;

interface Detail {
  id: string;
  version: number;
  status: string;
  approval_status: string;
  is_current: boolean;
  parent_segment_id: string | null;
  seed: number;
  generation_params: Record<string, unknown>;
  scene_info: { heading: string; characters: { name: string; color: string }[]; dialogue: unknown[] };
  quality_score: number;
  quality_metrics: Record<string, unknown>;
  sprite: { url: string; columns: number } | null;
  previous_versions: { id: string; version: number; is_current: boolean; video_url: string | null }[];
  reviews: { action: string; reviewer_name: string; rating: number | null; feedback: string | null; suggested_changes: Record<string, unknown> | null }[];
  approval: { decisions: { name: string; decision: string; rating: number | null; note: string | null }[] };
}

const detail = async (id: string) => (await editor.json<Detail>('GET', `/api/v1/segments/${id}`)).body;

beforeAll(async () => {
  editor = await signedUpClient(app.server.base, 'editor@example.com', 'Edda');
  reviewerA = await signedUpClient(app.server.base, 'ana@example.com', 'Ana');
  reviewerB = await signedUpClient(app.server.base, 'ben@example.com', 'Ben');
  episodeId = await reviewedEpisode(3);
});

/** A planned episode of the editor's, with Ana and Ben as reviewers and its first `generated` takes made. */
async function reviewedEpisode(generated: number): Promise<string> {
  const me = (await editor.json<{ id: string }>('GET', '/api/v1/me')).body;
  const id = (await plannedEpisode(app.context.services, 'A detective cat solves a mystery in a rainy Tokyo alley', 1, me.id)).id;
  for (const email of ['ana@example.com', 'ben@example.com']) await editor.put(`/api/v1/episodes/${id}/members`, { email, role: 'reviewer' });
  await generateFirstSegments(app.context.services, id, generated);
  return id;
}

const slot = async (n: number, episode = episodeId) => {
  const { body } = await editor.json<{ segments: { id: string; segment_number: number }[] }>('GET', `/api/v1/episodes/${episode}/segments/status`);
  return body.segments.find((s) => s.segment_number === n)!.id;
};

describe('segment detail', () => {
  it('carries scene info with the character sheet, resolved parameters and metadata', async () => {
    const body = await detail(await slot(1));
    expect(body).toMatchObject({ version: 1, status: 'completed', approval_status: 'pending', is_current: true, parent_segment_id: null });
    expect(body.scene_info.heading).toMatch(/TOKYO ALLEY/);
    expect(body.scene_info.characters.length).toBeGreaterThan(0);
    expect(body.scene_info.characters[0]!.color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(body.generation_params).toMatchObject({ prompt: expect.any(String), style: 'animatic', seed: body.seed, duration: expect.any(Number) });
    // Ingest measured it and made its sprite sheet.
    expect(body.quality_score).toBeGreaterThan(0.5);
    expect(body.quality_metrics).toMatchObject({ black_ratio: expect.any(Number), sharpness: expect.any(Number), score: body.quality_score });
    // Freezes count against a take only where its shot asked the camera to move.
    expect(body.quality_metrics.motion_expected).toBe(body.generation_params.camera !== 'static');
    expect(body.sprite).toMatchObject({ url: expect.stringMatching(/sprite\.jpg$/), columns: 10 });
    expect((await editor.get(body.sprite!.url)).headers.get('content-type')).toBe('image/jpeg');
  });
});

describe('regeneration lineage and rollback', () => {
  it('makes version 2 from version 1 with the rejection’s suggestions and the given changes, then rolls back', async () => {
    const v1 = await detail(await slot(2));
    const rejected = await reviewerA.json<Detail>('POST', `/api/v1/segments/${v1.id}/reject`, {
      reason: 'The alley should be wetter',
      suggested_changes: { prompt_modifications: 'puddles reflecting neon', style_adjustments: 'high contrast' },
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.approval_status).toBe('rejected');
    // A reviewer may not make the new take; an editor may.
    expect((await reviewerA.post(`/api/v1/segments/${v1.id}/regenerate`, {})).status).toBe(403);
    const v2 = await editor.json<Detail>('POST', `/api/v1/segments/${v1.id}/regenerate`, { changes: { duration: 3, seed: 4242 } });
    expect(v2.status).toBe(202);
    expect(v2.body).toMatchObject({ version: 2, parent_segment_id: v1.id, is_current: true, status: 'pending', seed: 4242 });
    expect(v2.body.generation_params).toMatchObject({
      prompt: `${String(v1.generation_params.prompt)} puddles reflecting neon`,
      style: 'animatic, high contrast',
      duration: 3,
      seed: 4242,
    });
    expect(v2.body.previous_versions).toEqual([expect.objectContaining({ id: v1.id, version: 1, is_current: false })]);

    await generateAndAnalyze(app.context.services, v2.body.id);
    const generated = await detail(v2.body.id);
    expect(generated.status).toBe('completed');
    // The older version stays listed and playable.
    expect(generated.previous_versions[0]!.video_url).toMatch(/^\/media\//);

    const back = await editor.json<Detail>('POST', `/api/v1/segments/${v2.body.id}/rollback`, { to_version: 1 });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: v1.id, version: 1, is_current: true });
    const rows = await app.context.services.db.selectFrom('video_segments').select(['version', 'is_current']).where('shot_id', '=', (await app.context.services.db.selectFrom('video_segments').select('shot_id').where('id', '=', v1.id).executeTakeFirstOrThrow()).shot_id).orderBy('version').execute();
    expect(rows).toEqual([{ version: 1, is_current: true }, { version: 2, is_current: false }]);
    const actions = (await detail(v1.id)).reviews.map((r) => r.action);
    expect(actions).toEqual(['reject', 'regenerate', 'rollback']);
  });

  it('refuses to roll back to a version that does not exist, or is already current', async () => {
    const id = await slot(2);
    expect((await editor.post(`/api/v1/segments/${id}/rollback`, { to_version: 9 })).status).toBe(404);
    expect((await editor.post(`/api/v1/segments/${id}/rollback`, { to_version: 1 })).status).toBe(409);
  });
});

describe('approval', () => {
  it('keeps both decisions when two reviewers approve at once, each with their rating', async () => {
    const id = await slot(3);
    const [a, b] = await Promise.all([
      reviewerA.post(`/api/v1/segments/${id}/approve`, { rating: 5, feedback: 'Lovely' }),
      reviewerB.post(`/api/v1/segments/${id}/approve`, { rating: 3 }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const body = await detail(id);
    expect(body.approval_status).toBe('approved');
    expect(body.approval.decisions.map((d) => [d.name, d.decision, d.rating, d.note]).sort()).toEqual([
      ['Ana', 'approve', 5, 'Lovely'],
      ['Ben', 'approve', 3, null],
    ]);
    expect(body.reviews.filter((r) => r.action === 'approve').map((r) => r.reviewer_name).sort()).toEqual(['Ana', 'Ben']);
  });

  it('answers illegal transitions with 409 and the current state', async () => {
    // An episode of its own: slot 3 approved, slot 2 with a version 2 rolled back to 1, slot 5 not made.
    const own = await reviewedEpisode(3);
    expect((await reviewerA.post(`/api/v1/segments/${await slot(3, own)}/approve`, { rating: 4 })).status).toBe(200);
    const v2 = await editor.json<{ id: string }>('POST', `/api/v1/segments/${await slot(2, own)}/regenerate`, { changes: { seed: 7 } });
    expect(v2.status).toBe(202);
    await generateAndAnalyze(app.context.services, v2.body.id);
    expect((await editor.post(`/api/v1/segments/${v2.body.id}/rollback`, { to_version: 1 })).status).toBe(200);

    const pending = await slot(5, own);
    const before = await databaseFingerprint(app.context.services.db);
    const approvePending = await reviewerA.json<{ error: { details: { status: string } } }>('POST', `/api/v1/segments/${pending}/approve`, {});
    expect(approvePending.status).toBe(409);
    expect(approvePending.body.error.details.status).toBe('pending');
    expect((approvePending.body.error as unknown as { message: string }).message).toMatch(/^Shot 5, version 1 is not made yet \(pending\): decisions are made on a finished take\.$/);
    const approved = await slot(3, own);
    const regenerateApproved = await editor.json<{ error: { message: string } }>('POST', `/api/v1/segments/${approved}/regenerate`, {});
    expect(regenerateApproved.status).toBe(409);
    expect(regenerateApproved.body.error.message).toMatch(/reopens it first/);
    // A non-current version cannot be reviewed.
    const stale = await reviewerA.json<{ error: { message: string } }>('POST', `/api/v1/segments/${v2.body.id}/approve`, {});
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^Shot 2, version 2 is no longer the current take/);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
    // Regenerating while a take is generating: queue one and try again at once.
    const first = await slot(1, own);
    expect((await editor.post(`/api/v1/segments/${first}/regenerate`, {})).status).toBe(202);
    const current = await slot(1, own);
    const queued = await databaseFingerprint(app.context.services.db);
    expect((await editor.post(`/api/v1/segments/${current}/regenerate`, {})).status).toBe(409);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(queued);
    // Four renders and their analyses, one after another: minutes on a busy machine.
  }, 240_000);

  it('records comments and regeneration requests as reviews', async () => {
    const generated = (await generateFirstSegments(app.context.services, episodeId, 4))[3]!;
    expect((await reviewerB.post(`/api/v1/segments/${generated.id}/comments`, { text: 'Nice framing' })).status).toBe(201);
    expect((await reviewerB.post(`/api/v1/segments/${generated.id}/request-regeneration`, { reason: 'Wrong hat', suggested_changes: { notes: 'fedora' } })).status).toBe(200);
    const body = await detail(generated.id);
    expect(body.approval_status).toBe('needs_revision');
    expect(body.reviews.map((r) => [r.action, r.reviewer_name])).toEqual([
      ['comment', 'Ben'],
      ['changes_requested', 'Ben'],
    ]);
    expect(body.approval.decisions).toMatchObject([{ name: 'Ben', decision: 'changes_requested', note: 'Wrong hat' }]);
  });
});
