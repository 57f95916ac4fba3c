/**
 * Dead-worker detection. Each worker process writes a heartbeat row with its worker ids every few
 * seconds, and every process checks for job locks held by worker ids no live heartbeat claims;
 * those are released with graphile-worker's `forceUnlockWorkers`, so a job whose worker was killed
 * runs again within a minute instead of after graphile-worker's four-hour lock timeout.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { makeWorkerUtils, type WorkerEvents, type WorkerUtils } from 'graphile-worker';
import type pg from 'pg';
import type { Database } from '../db/database.ts';
import {
  deleteHeartbeat,
  deleteStaleHeartbeats,
  findOrphanedWorkerIds,
  releaseStrandedJobs,
  upsertHeartbeat,
} from '../db/queries/worker.queries.ts';
import { createLog, workerLogger } from '../logger.ts';

export interface HeartbeatTiming {
  /** How often this process says it is alive. */
  intervalMs: number;
  /** A heartbeat older than this is a dead process. */
  staleSeconds: number;
  /** Locks younger than this are left alone (a process may lock before its first heartbeat). */
  graceSeconds: number;
}

export const DEFAULT_HEARTBEAT: HeartbeatTiming = { intervalMs: 5000, staleSeconds: 20, graceSeconds: 20 };

export interface Heartbeat {
  processId: string;
  stop(): Promise<void>;
  /** One round of heartbeat and reaping, now (tests). */
  beat(): Promise<string[]>;
}

export async function startHeartbeat(db: Database, pool: pg.Pool, events: WorkerEvents, timing: HeartbeatTiming = DEFAULT_HEARTBEAT): Promise<Heartbeat> {
  const log = createLog('worker');
  const processId = randomUUID();
  const workerIds = new Set<string>();
  const poolIds = new Set<string>();
  const running = new Set<string>();
  // graphile-worker locks jobs in the name of the worker pool (not of each worker): the pool's id
  // is what must be claimed as alive.
  events.on('pool:create', ({ workerPool }) => {
    workerIds.add(workerPool.id);
    poolIds.add(workerPool.id);
  });
  events.on('job:start', ({ job }) => {
    running.add(String(job.id));
  });
  events.on('job:complete', ({ job }) => {
    running.delete(String(job.id));
  });
  events.on('worker:create', ({ worker }) => {
    workerIds.add(worker.workerId);
  });
  const utils: WorkerUtils = await makeWorkerUtils({ pgPool: pool, logger: workerLogger('warn') });
  let beating: Promise<string[]> | undefined;
  const beat = async (): Promise<string[]> => {
    await upsertHeartbeat(db, { process_id: processId, hostname: hostname(), pid: process.pid, worker_ids: [...workerIds] });
    const orphans = await findOrphanedWorkerIds(db, timing.staleSeconds, timing.graceSeconds);
    if (orphans.length > 0) {
      log.warn(`Releasing jobs held by ${orphans.length} worker(s) that stopped responding: ${orphans.join(', ')}`);
      await utils.forceUnlockWorkers(orphans);
    }
    const stranded = await releaseStrandedJobs(db, [...poolIds], [...running], timing.graceSeconds);
    if (stranded.length > 0) log.warn(`Releasing job(s) ${stranded.join(', ')} whose completion was lost while the database was away.`);
    await deleteStaleHeartbeats(db, 86_400);
    return [...orphans, ...stranded];
  };
  const tick = () => {
    beating ??= beat()
      .catch((error: Error) => {
        // The database may be restarting; the next beat tries again.
        log.debug(`Heartbeat failed: ${error.message}`);
        return [];
      })
      .finally(() => {
        beating = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, timing.intervalMs);
  timer.unref();
  return {
    processId,
    beat,
    async stop() {
      clearInterval(timer);
      await beating;
      await deleteHeartbeat(db, processId).catch(() => {});
      await utils.release();
    },
  };
}
