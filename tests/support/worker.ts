/**
 * A real graphile-worker runner over a test context, polling fast.
 */
import { startWorker, type WorkerHandle } from '../../server/jobs/worker.ts';
import type { HeartbeatTiming } from '../../server/jobs/heartbeat.ts';
import type { TestContext } from './services.ts';

export function startTestWorker(context: TestContext, options: { concurrency?: number; heartbeat?: HeartbeatTiming } = {}): Promise<WorkerHandle> {
  return startWorker(context.services, context.database.pool, {
    concurrency: options.concurrency ?? 2,
    pollInterval: 100,
    ...(options.heartbeat ? { heartbeat: options.heartbeat } : {}),
  });
}
