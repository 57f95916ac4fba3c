/**
 * `/collab`: hands WebSocket connections on the app's port to Hocuspocus.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';
import type { AppEnv } from '../context.ts';
import { errorBody } from '../errors.ts';

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

export function collabRoute(collab: Hocuspocus) {
  return new Hono<AppEnv>().get(
    '/',
    // Browsers send Origin with a WebSocket handshake: another site's page may not open one with
    // our cookies (cross-site WebSocket hijacking).
    async (c, next) => {
      const origin = c.req.header('origin');
      if (origin !== undefined && originHost(origin) !== c.req.header('host')) {
        return c.json(errorBody('csrf_rejected', 'This connection came from another site and was refused.'), 403);
      }
      return next();
    },
    upgradeWebSocket((c) => {
      let connection: ReturnType<Hocuspocus['handleConnection']> | undefined;
      return {
        onOpen(_event, ws) {
          connection = collab.handleConnection(ws.raw as WebSocket, c.req.raw);
        },
        onMessage(event) {
          if (event.data instanceof ArrayBuffer) connection?.handleMessage(new Uint8Array(event.data));
        },
        onClose(event) {
          connection?.handleClose(event);
        },
      };
    }),
  );
}
