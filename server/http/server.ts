/**
 * Listens on one port for the API, media, pages and the `/collab` WebSocket.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import { AppError } from '../errors.ts';

export interface HttpServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any bindings will do
type AnyHono = Hono<any, any, any>;

export async function listen(app: AnyHono, port: number, host: string): Promise<HttpServer> {
  const wss = new WebSocketServer({ noServer: true });
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } }) as Server;
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
