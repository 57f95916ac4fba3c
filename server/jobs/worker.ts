/**
 * The job runner: graphile-worker with an explicit task map. Runs inside the server process by
 * default; `dailies worker` runs only this, on any machine that reaches the same database.
 */
import { type Runner, type TaskList, run } from 'graphile-worker';
import type pg from 'pg';
import type { Services } from '../commands/services.ts';
import { workerLogger } from '../logger.ts';
import { compileEpisodeTask } from './tasks/compile-episode.task.ts';
import { generateSegmentTask } from './tasks/generate-segment.task.ts';
import { planEpisodeTask } from './tasks/plan-episode.task.ts';

export interface WorkerHandle {
  runner: Runner;
  stop(): Promise<void>;
}

export function taskList(services: Services): TaskList {
  return {
    plan_episode: planEpisodeTask(services),
    generate_segment: generateSegmentTask(services),
    compile_episode: compileEpisodeTask(services),
  };
}

export async function startWorker(
  services: Services,
  pool: pg.Pool,
  options: { concurrency: number; pollInterval?: number },
): Promise<WorkerHandle> {
  const runner = await run({
    pgPool: pool,
    concurrency: options.concurrency,
    // We install our own signal handlers so that shutdown happens in our order.
    noHandleSignals: true,
    pollInterval: options.pollInterval ?? 1000,
    taskList: taskList(services),
    logger: workerLogger('warn'),
  });
  let stopped = false;
  return {
    runner,
    async stop() {
      if (stopped) return;
      stopped = true;
      await runner.stop();
    },
  };
}
