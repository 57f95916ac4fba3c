import { closeCollabServer, createCollabServer } from '../collab/server.ts';
import { Notifications } from '../db/notifications.ts';
import { createApp } from '../http/app.ts';
import { issueSetupToken } from '../commands/first-admin.ts';
import { hostPolicy, isLoopbackAddress } from '../http/hosts.ts';
import { loadBuiltPages, loadDevPages, type Pages } from '../http/pages.ts';
import { listen } from '../http/server.ts';
import { createLog } from '../logger.ts';
import { checkFfmpeg } from '../media/ffmpeg.ts';
import { openRuntime, type Runtime } from '../runtime.ts';
import { errorBody } from '../http/errors.ts';
import { usageError } from '../errors.ts';
import { publishInProcessApi } from '../../src/lib/in-process-api.ts';
import type { CliCommand } from './main.ts';
import { PROJECT_ROOT, VERSION, configure, untilSignal } from './lifecycle.ts';
import { ensurePagesBuilt } from './pages-build.ts';

const STARTING = errorBody('starting', 'Dailies is starting; try again in a moment.');

const setupTokenNotice = (token: string) =>
  [
    '',
    'This server can be reached from other machines and has no account yet. The first account',
    'becomes its admin, so signing up first needs this one-time setup token:',
    '',
    `    setup token: ${token}`,
    '',
    'Or create the admin here with `dailies user add --admin`.',
    '',
    '',
  ].join('\n');

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the API, pages and live documents on one port, with a job worker (default)',
  usage: [
    'Usage: dailies serve [--port N] [--dev] [--no-worker]',
    '',
    'Serves the REST API (/api/v1), media (/media), the live documents (/collab) and the web pages',
    'on one port, and runs a job worker in the same process.',
    '',
    'Options:',
    '  --port N      port to listen on (default PORT or 3000)',
    '  --dev         serve pages through Vite with hot reload',
    '  --no-worker   do not run jobs in this process (run `dailies worker` elsewhere)',
  ].join('\n'),
  options: { port: { type: 'string' }, dev: { type: 'boolean' }, 'no-worker': { type: 'boolean' } },
  allowPositionals: false,
  async run(values) {
    if (values.port !== undefined) {
      if (!/^\d{1,5}$/.test(String(values.port)) || Number(values.port) > 65535) throw usageError('--port takes a port number from 0 to 65535.');
      process.env.PORT = String(values.port);
    }
    const config = configure();
    const log = createLog('serve');
    await checkFfmpeg().catch((error: Error) => log.warn(`${error.message} Segments cannot be generated until then.`));
    // Listen from the start: a signal during start-up stops the server once it is up.
    const stopping = untilSignal();
    let app: ReturnType<typeof createApp> | undefined;
    const http = await listen(
      (request, env) => (app ? app.fetch(request, env) : Response.json(STARTING, { status: 503, headers: { 'Retry-After': '2' } })),
      config.port,
      config.host,
    );
    let pages: Pages | undefined;
    let runtime: Runtime | undefined;
    let collab: ReturnType<typeof createCollabServer> | undefined;
    let notifications: Notifications | undefined;
    try {
      pages = values.dev ? await loadDevPages(PROJECT_ROOT) : await ensurePagesBuilt(PROJECT_ROOT).then(() => loadBuiltPages(PROJECT_ROOT));
      runtime = await openRuntime(config, { withWorker: !values['no-worker'] });
      const worker = runtime.worker;
      // Reachable by others: listening beyond this machine, or published under a name (a proxy).
      const publicName = config.publicUrl ? new URL(config.publicUrl).hostname : undefined;
      const setupTokenRequired = config.signupOpen && (!isLoopbackAddress(config.host) || (publicName !== undefined && !isLoopbackAddress(publicName)));
      if (setupTokenRequired) {
        const token = await issueSetupToken(runtime.services);
        // Printed whatever the log level: without it nobody can sign up first.
        if (token) process.stdout.write(setupTokenNotice(token));
      }
      notifications = new Notifications({ pool: runtime.database.pool });
      collab = createCollabServer({ db: runtime.services.db, notifications, ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}) });
      const ready = createApp({
        services: runtime.services,
        settings: {
          signupOpen: config.signupOpen,
          trustProxy: config.trustProxy,
          hosts: hostPolicy({ publicUrl: config.publicUrl, listenHost: config.host, port: http.port }),
          setupTokenRequired,
        },
        collab,
        notifications,
        pages,
        workerRunning: () => worker !== undefined,
        version: VERSION,
      });
      publishInProcessApi((request) => ready.fetch(request));
      app = ready;
    } catch (error) {
      await http.close();
      await runtime?.close();
      await pages?.close();
      throw error;
    }
    log.info(`Dailies ${VERSION} is serving on http://localhost:${http.port}${values.dev ? ' (development, hot reload)' : ''}`);
    const signal = await stopping;
    log.info(`${signal}: shutting down…`);
    await http.close();
    if (collab) await closeCollabServer(collab);
    await notifications?.close();
    await pages?.close();
    await runtime?.close();
    return 0;
  },
};
