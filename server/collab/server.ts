/**
 * The collaboration server: Hocuspocus configuration and its ordered extension list, nothing else.
 * Connections arrive through the HTTP server's `/collab` WebSocket route (see collab.route.ts).
 */
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import type { Database } from '../db/database.ts';
import { AuthExtension } from './extensions/auth.extension.ts';

export function createCollabServer(db: Database, extensions: Extension[] = []): Hocuspocus {
  return new Hocuspocus({
    name: 'dailies',
    quiet: true,
    extensions: [new AuthExtension(db), ...extensions],
  });
}
