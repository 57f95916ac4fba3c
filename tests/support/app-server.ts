/**
 * The real HTTP app (API, media, /collab) on a loopback port, over a test context.
 */
import { afterAll, beforeAll } from 'vitest';
import { closeCollabServer, createCollabServer } from '../../server/collab/server.ts';
import { Notifications } from '../../server/db/notifications.ts';
import { createApp } from '../../server/http/app.ts';
import type { HttpSettings } from '../../server/http/context.ts';
import { hostPolicy } from '../../server/http/hosts.ts';
import { listen, type HttpServer } from '../../server/http/server.ts';
import { createTestContext, type TestContext } from './services.ts';

export interface AppServer {
  base: string;
  port: number;
  http: HttpServer;
  collab: ReturnType<typeof createCollabServer>;
  close(): Promise<void>;
}

/**
 * Starts the app on 127.0.0.1 and a free port; it answers to that address (and, with `publicUrl`,
 * to that origin too), as `dailies serve` does.
 */
export async function startAppServer(
  context: TestContext,
  settings: Partial<HttpSettings> & { publicUrl?: string } = {},
  collabOptions: { redisUrl?: string; redisPrefix?: string; accessSweepMs?: number } = {},
): Promise<AppServer> {
  const notifications = new Notifications({ pool: context.database.pool });
  const collab = createCollabServer({ db: context.services.db, notifications, ...collabOptions });
  const ready: { app?: ReturnType<typeof createApp> } = {};
  // Listen first: the names the app answers to include its port.
  const http = await listen((request, env) => ready.app!.fetch(request, env), 0, '127.0.0.1');
  const { publicUrl, ...rest } = settings;
  ready.app = createApp({
    services: context.services,
    settings: { signupOpen: true, trustProxy: false, hosts: hostPolicy({ publicUrl, listenHost: '127.0.0.1', port: http.port }), ...rest },
    collab,
    notifications,
    workerRunning: () => false,
    version: 'test',
  });
  return {
    base: `http://127.0.0.1:${http.port}`,
    port: http.port,
    http,
    collab,
    async close() {
      await closeCollabServer(collab);
      await http.close();
    },
  };
}

/** The app server of one test file, with its own database and data folder (see appServerForFile). */
export interface FileApp {
  readonly context: TestContext;
  readonly server: AppServer;
}

/**
 * Gives a test file its own test context and app server: started before the file's tests (and
 * before any `beforeAll` the file registers after this call), closed after them. Read `context`
 * and `server` inside hooks and tests, not at the top level.
 */
export function appServerForFile(settings?: Parameters<typeof startAppServer>[1], collabOptions?: Parameters<typeof startAppServer>[2]): FileApp {
  let context: TestContext | undefined;
  let server: AppServer | undefined;
  beforeAll(async () => {
    context = await createTestContext();
    server = await startAppServer(context, settings, collabOptions);
  });
  afterAll(async () => {
    await server?.close();
    await context?.cleanup();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The file’s app server is not started yet: use it inside a hook or a test.');
    return value;
  };
  return {
    get context() {
      return started(context);
    },
    get server() {
      return started(server);
    },
  };
}
