/**
 * Per-account quotas on work in progress: with the quotas set to 1 compile, 2 picture requests
 * and 1 generation run, the next start is a 429 with Retry-After that changes nothing, the quota
 * frees when work ends, another account has its own, and simultaneous starts cannot slip past it.
 * No worker runs here, so what is queued stays queued.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { generateFirstSegments } from '../../support/factories.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let editor: TestClient;
let other: TestClient;

const shots = [
  { scene: 'INT. LAB - NIGHT', prompt: 'Ada checks the gauges', characters: ['Ada'], duration: 2 },
  { scene: 'INT. LAB - NIGHT', prompt: 'The gauges spike', duration: 2 },
];

const jobCount = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`.execute(context.services.db)).rows[0]!.n;

async function expectQuotaRefusal(response: Response, quota: string, limit: number, retryAfter: string) {
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe(retryAfter);
  const { error } = await response.json();
  expect(error).toEqual({
    code: 'quota_exceeded',
    message: expect.stringMatching(new RegExp(`the most one account may have at once \\(${limit}\\)`)),
    details: { quota, limit, active: limit, retry_after_seconds: Number(retryAfter) },
  });
}

beforeAll(async () => {
  context = await createTestContext({ engine: { quotas: { compiles: 1, pictureRequests: 2, generationRuns: 1 } } });
  server = await startAppServer(context);
  editor = await signedUpClient(server.base, 'editor@example.com');
  other = await signedUpClient(server.base, 'other@example.com');
});
afterAll(async () => {
  await server?.close();
  await context?.cleanup();
});

describe('generation runs', () => {
  it('one active run per account: the second is a 429 until the first is cancelled; another account has its own', async () => {
    const first = await shotListEpisode(editor, shots);
    const second = await shotListEpisode(editor, shots);
    expect((await editor.post(`/api/v1/episodes/${first}/generate-segments`, { mode: 'parallel' })).status).toBe(202);

    const jobsBefore = await jobCount();
    await expectQuotaRefusal(await editor.post(`/api/v1/episodes/${second}/generate-segments`, { mode: 'parallel' }), 'generationRuns', 1, '60');
    expect(await context.services.db.selectFrom('generation_runs').select('id').where('episode_id', '=', second).execute()).toEqual([]);
    expect(await jobCount()).toBe(jobsBefore);
    const untouched = await context.services.db.selectFrom('episodes').select('status').where('id', '=', second).executeTakeFirstOrThrow();
    expect(untouched.status).toBe('planned');

    const theirs = await shotListEpisode(other, shots);
    expect((await other.post(`/api/v1/episodes/${theirs}/generate-segments`, { mode: 'parallel' })).status).toBe(202);

    expect((await editor.post(`/api/v1/episodes/${first}/generate-segments/cancel`)).status).toBe(200);
    expect((await editor.post(`/api/v1/episodes/${second}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
  });
});

describe('compiles', () => {
  it('one compile queued per account: the second is a 429 and adds no job', async () => {
    const episodeId = await shotListEpisode(editor, shots);
    await generateFirstSegments(context.services, episodeId, 2, true);
    expect((await editor.post(`/api/v1/episodes/${episodeId}/compile`, { transition_style: 'cut' })).status).toBe(202);
    const jobsBefore = await jobCount();
    await expectQuotaRefusal(await editor.post(`/api/v1/episodes/${episodeId}/compile`, { transition_style: 'cut' }), 'compiles', 1, '30');
    expect(await context.services.db.selectFrom('segment_compilation_jobs').select('id').where('episode_id', '=', episodeId).execute()).toHaveLength(1);
    expect(await jobCount()).toBe(jobsBefore);
  }, 120_000);
});

describe('picture requests', () => {
  it('of five requests sent at once, exactly the quota of two is queued', async () => {
    const episodeId = await shotListEpisode(editor, shots);
    const answers = await Promise.all(Array.from({ length: 5 }, (_, seed) => editor.post(`/api/v1/episodes/${episodeId}/characters/ada/images`, { seed })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 202, 429, 429, 429]);
    for (const refused of answers.filter((answer) => answer.status === 429)) await expectQuotaRefusal(refused, 'pictureRequests', 2, '15');
    expect(await context.services.db.selectFrom('character_image_requests').select('id').where('episode_id', '=', episodeId).execute()).toHaveLength(2);
  });
});
