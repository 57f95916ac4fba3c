/**
 * The pre-render of transitions only saves time at the compile: when its job cannot be added
 * (here graphile-worker's add_job is withdrawn from this test's own database), an approval or a
 * reorder still succeeds, the failure is logged, and nothing else of the change is lost.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoSegment } from '../../../server/db/schema.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let editor: TestClient;
let episodeId: string;
let takes: VideoSegment[];
const warnings: string[] = [];

const withdrawAddJob = () => sql`ALTER FUNCTION graphile_worker.add_job RENAME TO add_job_withdrawn`.execute(context.services.db);
const restoreAddJob = () => sql`ALTER FUNCTION graphile_worker.add_job_withdrawn RENAME TO add_job`.execute(context.services.db);

async function prerenderJobs(): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'prerender_transitions'`.execute(context.services.db);
  return rows[0]!.n;
}

beforeAll(async () => {
  context = await createTestContext();
  context.services.log = { ...context.services.log, warn: (message: string) => void warnings.push(message) };
  server = await startAppServer(context);
  editor = await signedUpClient(server.base, 'editor@example.com');
  const me = (await editor.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(context.services, 'A lighthouse keeper finds a message in a bottle', 3, me.id)).id;
  takes = await generateFirstSegments(context.services, episodeId, 3);
}, 300_000);
afterAll(async () => {
  await server?.close();
  await context?.cleanup();
});

describe('when the pre-render job cannot be added', () => {
  it('an approval still succeeds and the failure is logged', async () => {
    await withdrawAddJob();
    try {
      const approved = await editor.json<{ approval_status: string; reviews: { action: string; rating: number | null }[] }>('POST', `/api/v1/segments/${takes[0]!.id}/approve`, { rating: 4 });
      expect(approved.status).toBe(200);
      expect(approved.body.approval_status).toBe('approved');
      expect(approved.body.reviews).toEqual([expect.objectContaining({ action: 'approve', rating: 4 })]);
      const audit = await context.services.db.selectFrom('audit_events').select('action').where('episode_id', '=', episodeId).where('action', '=', 'segment.approve').execute();
      expect(audit).toHaveLength(1);

      const numbers = (await context.services.db.selectFrom('shots').select('shot_number').where('episode_id', '=', episodeId).orderBy('shot_number').execute()).map((row) => row.shot_number);
      const order = [numbers[1]!, numbers[0]!, ...numbers.slice(2)];
      const reordered = await editor.put(`/api/v1/episodes/${episodeId}/order`, { order });
      expect(reordered.status).toBe(200);
      const positions = await context.services.db.selectFrom('shots').select('shot_number').where('episode_id', '=', episodeId).orderBy('position').execute();
      expect(positions.map((row) => row.shot_number)).toEqual(order);
    } finally {
      await restoreAddJob();
    }
    expect(await prerenderJobs()).toBe(0);
    expect(warnings.filter((line) => line.includes('pre-render'))).toHaveLength(2);
    expect(warnings[0]).toMatch(/add_job/);
  });

  it('the next approval queues it again once add_job is back', async () => {
    expect((await editor.post(`/api/v1/segments/${takes[1]!.id}/approve`, {})).status).toBe(200);
    expect(await prerenderJobs()).toBe(1);
  });
});
