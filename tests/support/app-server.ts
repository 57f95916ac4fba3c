/**
 * The real HTTP app (API, media, /collab) on a loopback port, over a test context.
 */
import { closeCollabServer, createCollabServer } from '../../server/collab/server.ts';
import { createApp } from '../../server/http/app.ts';
import type { HttpSettings } from '../../server/http/context.ts';
import { listen, type HttpServer } from '../../server/http/server.ts';
import type { TestContext } from './services.ts';

export interface AppServer {
  base: string;
  port: number;
  http: HttpServer;
  collab: ReturnType<typeof createCollabServer>;
  close(): Promise<void>;
}

export async function startAppServer(
  context: TestContext,
  settings: Partial<HttpSettings> = {},
  collabOptions: { redisUrl?: string; redisPrefix?: string; accessSweepMs?: number } = {},
): Promise<AppServer> {
  const collab = createCollabServer({ db: context.services.db, pool: context.database.pool, ...collabOptions });
  const app = createApp({
    services: context.services,
    settings: { signupOpen: true, trustProxy: false, ...settings },
    collab,
    workerRunning: () => false,
    version: 'test',
  });
  const http = await listen((request, env) => app.fetch(request, env), 0, '127.0.0.1');
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
