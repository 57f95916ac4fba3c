/**
 * The collaboration server: Hocuspocus configuration and its ordered extension list, nothing else.
 * Connections arrive through the HTTP server's `/collab` WebSocket route (see collab.route.ts).
 * The episode document's projection from Postgres and authentication join the list as extensions.
 */
import { Hocuspocus, type Extension } from '@hocuspocus/server';

export function createCollabServer(extensions: Extension[] = []): Hocuspocus {
  return new Hocuspocus({
    name: 'dailies',
    quiet: true,
    extensions,
  });
}
