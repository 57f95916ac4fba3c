/**
 * The job runner: graphile-worker with an explicit task map and the daily retention schedule. Runs
 * inside the server process by default; `dailies worker` runs only this, on any machine that
 * reaches the same database. A heartbeat lets other processes release the jobs of one that died.
 */
import { EventEmitter } from 'node:events';
import { type Runner, type TaskList, type WorkerEvents, run } from 'graphile-worker';
import type pg from 'pg';
import type { Services } from '../commands/services.ts';
import { createLog, workerLogger } from '../logger.ts';
import { DEFAULT_HEARTBEAT, type Heartbeat, type HeartbeatTiming, startHeartbeat } from './heartbeat.ts';
import { compileEpisodeTask } from './tasks/compile-episode.task.ts';
import { deliverWebhookTask } from './tasks/deliver-webhook.task.ts';
import { analyzeSegmentTask } from './tasks/analyze-segment.task.ts';
import { generateSegmentTask } from './tasks/generate-segment.task.ts';
import { planEpisodeTask } from './tasks/plan-episode.task.ts';
import { prerenderTransitionsTask } from './tasks/prerender-transitions.task.ts';
import { proposeCharacterImageTask } from './tasks/propose-character-image.task.ts';
import { purgeSegmentFilesTask } from './tasks/purge-segment-files.task.ts';
import { sendInboxDigestTask } from './tasks/send-inbox-digest.task.ts';
import { sendInvitationEmailTask } from './tasks/send-invitation-email.task.ts';
import { sendSignupAttemptEmailTask } from './tasks/send-signup-attempt-email.task.ts';
import { sendSignupConfirmationEmailTask } from './tasks/send-signup-confirmation-email.task.ts';

export interface WorkerHandle {
  runner: Runner;
  heartbeat: Heartbeat;
  stop(): Promise<void>;
}

/** Retention runs once a day at 03:00 (server time); a missed run is not backfilled. */
export const CRONTAB = '0 3 * * * purge_segment_files ?max=1&jobKey=purge_segment_files';

export function taskList(services: Services): TaskList {
  return {
    plan_episode: planEpisodeTask(services),
    generate_segment: generateSegmentTask(services),
    analyze_segment: analyzeSegmentTask(services),
    compile_episode: compileEpisodeTask(services),
    purge_segment_files: purgeSegmentFilesTask(services),
    prerender_transitions: prerenderTransitionsTask(services),
    propose_character_image: proposeCharacterImageTask(services),
    deliver_webhook: deliverWebhookTask(services),
    send_invitation_email: sendInvitationEmailTask(services),
    send_inbox_digest: sendInboxDigestTask(services),
    send_signup_confirmation_email: sendSignupConfirmationEmailTask(services),
    send_signup_attempt_email: sendSignupAttemptEmailTask(services),
  };
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

const CONNECTION_MESSAGES = /Connection terminated|terminating connection|connection error|ECONNREFUSED|ECONNRESET/i;

function isConnectionError(reason: unknown): boolean {
  const error = reason as { code?: string; message?: string } | undefined;
  return (error?.code !== undefined && CONNECTION_ERRORS.has(error.code)) || CONNECTION_MESSAGES.test(error?.message ?? '');
}

let guarded = false;

/**
 * graphile-worker does not await recording a job's completion; when Postgres is unreachable at
 * that moment the rejection goes unhandled and would end the process. A database outage must
 * only pause work: such rejections are logged (the heartbeat releases the stranded job later);
 * any other unhandled rejection still ends the process.
 */
function guardAgainstLostCompletions(): void {
  if (guarded) return;
  guarded = true;
  const log = createLog('worker');
  process.on('unhandledRejection', (reason) => {
    if (isConnectionError(reason)) {
      log.warn(`A job's completion could not be recorded while the database was unreachable (${(reason as Error).message}); it will run again.`);
      return;
    }
    throw reason;
  });
}

export async function startWorker(
  services: Services,
  pool: pg.Pool,
  options: { concurrency: number; pollInterval?: number; heartbeat?: HeartbeatTiming; events?: WorkerEvents },
): Promise<WorkerHandle> {
  guardAgainstLostCompletions();
  // A caller's emitter (with its listeners already on) sees the very first job.
  const events = options.events ?? (new EventEmitter() as WorkerEvents);
  // Listen before the runner creates its workers, so that their ids reach the first heartbeat.
  const heartbeatReady = startHeartbeat(services.db, pool, events, options.heartbeat ?? DEFAULT_HEARTBEAT);
  const runner = await run({
    pgPool: pool,
    concurrency: options.concurrency,
    // We install our own signal handlers so that shutdown happens in our order.
    noHandleSignals: true,
    pollInterval: options.pollInterval ?? 1000,
    taskList: taskList(services),
    crontab: CRONTAB,
    logger: workerLogger('warn'),
    events,
  });
  const heartbeat = await heartbeatReady;
  let stopped = false;
  return {
    runner,
    heartbeat,
    async stop() {
      if (stopped) return;
      stopped = true;
      await runner.stop();
      await heartbeat.stop();
    },
  };
}
