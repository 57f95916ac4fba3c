/**
 * `/collab`: hands WebSocket connections on the app's port to Hocuspocus.
 */
import type { Hocuspocus } from '@hocuspocus/server';
import { upgradeWebSocket } from '@hono/node-server';
import { Hono } from 'hono';
import type { WebSocket } from 'ws';

export function collabRoute(collab: Hocuspocus) {
  return new Hono().get(
    '/',
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
