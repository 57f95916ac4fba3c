/**
 * A real graphile-worker runner over a test context, polling fast.
 */
import type { WorkerEvents } from 'graphile-worker';
import { startWorker, type WorkerHandle } from '../../server/jobs/worker.ts';
import type { HeartbeatTiming } from '../../server/jobs/heartbeat.ts';
import type { TestContext } from './services.ts';

export function startTestWorker(context: TestContext, options: { concurrency?: number; heartbeat?: HeartbeatTiming; events?: WorkerEvents } = {}): Promise<WorkerHandle> {
  return startWorker(context.services, context.database.pool, {
    concurrency: options.concurrency ?? 2,
    pollInterval: 100,
    ...(options.heartbeat ? { heartbeat: options.heartbeat } : {}),
    ...(options.events ? { events: options.events } : {}),
  });
}
