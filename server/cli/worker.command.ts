import { usageError } from '../errors.ts';
import { createLog } from '../logger.ts';
import { openRuntime } from '../runtime.ts';
import type { CliCommand } from './main.ts';
import { configure, requireFfmpeg, untilSignal } from './lifecycle.ts';

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'run only a job worker (add more machines against one database)',
  usage: [
    'Usage: dailies worker [--concurrency N]',
    '',
    'Runs jobs (planning, generation, compiles) without serving pages. Point it at the same',
    'database as the server with DATABASE_URL; on the server\'s own machine it attaches to the',
    'embedded Postgres the server started.',
    '',
    'Options:',
    '  --concurrency N   jobs run at once (default DAILIES_WORKER_CONCURRENCY or 2)',
  ].join('\n'),
  options: { concurrency: { type: 'string' } },
  allowPositionals: false,
  async run(values) {
    if (values.concurrency !== undefined) {
      if (!/^\d{1,2}$/.test(String(values.concurrency)) || Number(values.concurrency) < 1) throw usageError('--concurrency takes a whole number from 1 to 64.');
      process.env.DAILIES_WORKER_CONCURRENCY = String(values.concurrency);
    }
    const config = configure();
    const log = createLog('worker');
    await requireFfmpeg();
    // Listen before saying we are ready: a signal sent right after must stop us cleanly.
    const stopping = untilSignal();
    const runtime = await openRuntime(config, { withWorker: true });
    log.info(`Worker running with concurrency ${config.workerConcurrency}.`);
    const signal = await stopping;
    log.info(`${signal}: finishing running jobs and stopping…`);
    await runtime.close();
    return 0;
  },
};
