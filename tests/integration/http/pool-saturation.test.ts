/**
 * A request pool with every connection busy and its queue full refuses further requests at once
 * with 503 `server_busy` and Retry-After (never a 500, never an endless wait); queued requests are
 * answered once a connection is free, and the server answers normally afterwards. The job worker
 * has a pool of its own: with every request connection taken, jobs still run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEpisodeFromIdea } from '../../../server/commands/episode-creator.ts';
import { loadConfig } from '../../../server/config.ts';
import { openRuntime } from '../../../server/runtime.ts';
import { eventually } from '../../support/server-process.ts';
import { openDatabase, type DatabaseHandle } from '../../../server/db/database.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let bounded: DatabaseHandle;
let server: AppServer;
let owner: TestClient;

beforeAll(async () => {
  context = await createTestContext();
  // Two connections, and two callers may wait for one.
  bounded = await openDatabase(context.database.url, { max: 2, maxWaiting: 2 });
  server = await startAppServer({ ...context, services: { ...context.services, db: bounded.db } });
  owner = await signedUpClient(server.base, 'owner@example.com', 'Olga');
});
afterAll(async () => {
  await server?.close();
  await bounded?.close();
  await context?.cleanup();
});

describe('a saturated request pool', () => {
  it('answers 503 with Retry-After beyond its queue, serves the queued requests, then recovers', async () => {
    const held: pg.PoolClient[] = [await bounded.pool.connect(), await bounded.pool.connect()];
    const requests = Array.from({ length: 6 }, () => owner.request('GET', '/api/v1/me/episodes'));
    // Two wait for a connection; the other four are refused without waiting.
    const refused = await Promise.race([Promise.all(requests.map((request) => request.then((answer) => answer.status))).then(() => 'all answered'), waitForRefusals(requests, 4)]);
    expect(refused).toBe('four refused');
    for (const client of held) client.release();
    const answers = await Promise.all(requests);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 503, 503, 503, 503]);
    for (const answer of answers.filter((a) => a.status === 503)) {
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('server_busy');
    }
    expect((await owner.request('GET', '/api/v1/me/episodes')).status).toBe(200);
  });
});

describe('the job worker', () => {
  it('runs jobs while every request connection is taken', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'dailies-pools-'));
    const runtime = await openRuntime(loadConfig({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: dataDir, DAILIES_DB_POOL: '2', DAILIES_DB_QUEUE: '0', DAILIES_LOG_LEVEL: 'silent' }), {
      withWorker: true,
      pollInterval: 100,
    });
    const held: pg.PoolClient[] = [];
    try {
      held.push(await runtime.database.pool.connect(), await runtime.database.pool.connect());
      // Queued from elsewhere; planned by the runtime's worker.
      const episode = await createEpisodeFromIdea(context.services, { idea: 'A kite over the dunes' }, { userId: null, name: 'test' });
      await eventually(
        async () => (await context.services.db.selectFrom('episodes').select('status').where('id', '=', episode.id).executeTakeFirst())?.status === 'planned',
        60_000,
        'the worker to plan the episode',
      );
    } finally {
      for (const client of held) client.release();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

/** Resolves once `count` of the requests have been answered 503 (while the others still wait). */
async function waitForRefusals(requests: Promise<Response>[], count: number): Promise<string> {
  let refused = 0;
  return new Promise((resolve) => {
    for (const request of requests) {
      void request.then((answer) => {
        if (answer.status === 503 && ++refused === count) resolve('four refused');
      });
    }
  });
}
