/**
 * Listens on one port for the API, media, pages and the `/collab` WebSocket.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { HttpBindings } from '@hono/node-server';
import { WebSocketServer } from 'ws';
import { AppError } from '../errors.ts';

export interface HttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export type FetchHandler = (request: Request, env: HttpBindings) => Response | Promise<Response>;

/**
 * Binds the port first (so that a port in use fails fast, before pages are built or the database
 * started); `fetch` may answer "starting" until the app is ready.
 */
const KEEP_ALIVE_MS = 65_000;

export async function listen(fetch: FetchHandler, port: number, host: string): Promise<HttpServer> {
  const wss = new WebSocketServer({ noServer: true });
  const server = createAdaptorServer({
    fetch: (request, env) => fetch(request, env as HttpBindings),
    websocket: { server: wss },
  }) as Server;
  // Node closes an idle kept-alive connection after 5 s, and a client that sends its next request
  // at that moment gets a reset (ECONNRESET) for a request the server never saw. Browsers and
  // proxies keep idle connections far longer: keep them open for a minute.
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new AppError('port_in_use', `Port ${port} is already in use: stop the other program or choose another with PORT.`, { exitCode: 2, cause: error }));
      } else if (error.code === 'EACCES') {
        reject(new AppError('port_forbidden', `Port ${port} needs privileges this user does not have: choose another with PORT.`, { exitCode: 2, cause: error }));
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
