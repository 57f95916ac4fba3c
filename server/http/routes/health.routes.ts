/**
 * /api/v1/health: is the database answering, and is a worker running in this process.
 */
import { Hono } from 'hono';
import type { Services } from '../../commands/services.ts';
import { pingDatabase } from '../../db/queries/health.queries.ts';
import { countQueuedJobs } from '../../db/queries/job.queries.ts';
import type { AppEnv } from '../context.ts';
import { endpoint } from '../endpoint.ts';

export interface HealthDeps {
  services: Services;
  workerRunning: () => boolean;
  version: string;
}

export function healthRoutes({ services, workerRunning, version }: HealthDeps) {
  return new Hono<AppEnv>().get('/', endpoint(services.db, { rule: { kind: 'public' }, summary: 'Database and worker status' }), async (c) => {
    const started = performance.now();
    let database: { ok: boolean; latency_ms?: number; error?: string };
    let queued: number | null = null;
    try {
      await pingDatabase(services.db);
      database = { ok: true, latency_ms: Math.round((performance.now() - started) * 10) / 10 };
      queued = await countQueuedJobs(services.db);
    } catch (error) {
      database = { ok: false, error: (error as Error).message };
    }
    const worker = { in_process: workerRunning(), queued_jobs: queued };
    const ok = database.ok;
    return c.json({ status: ok ? 'ok' : 'unavailable', version, database, worker }, ok ? 200 : 503);
  });
}
