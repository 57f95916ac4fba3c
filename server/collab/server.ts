/**
 * The collaboration server: Hocuspocus configuration and its ordered extension list, nothing else.
 * Connections arrive through the HTTP server's `/collab` WebSocket route (see collab.route.ts).
 * With a Redis URL, several server processes share their live documents' updates and presence.
 */
import { Redis } from '@hocuspocus/extension-redis';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import type { Database } from '../db/database.ts';
import type { Notifications } from '../db/notifications.ts';
import { createLog, type Log } from '../logger.ts';
import { AccessExtension } from './extensions/access.extension.ts';
import { AuthExtension } from './extensions/auth.extension.ts';
import { PresenceExtension } from './extensions/presence.extension.ts';
import { ProjectionExtension } from './extensions/projection.extension.ts';

export interface CollabOptions {
  db: Database;
  /** The process's notifications: `episode_changed` for the live documents, `access_changed` for the connections. */
  notifications: Notifications;
  log?: Log;
  /** `redis://host:port`: share updates and presence with other server processes. */
  redisUrl?: string;
  /** Redis key namespace (several deployments, or tests, on one Redis). */
  redisPrefix?: string;
  extensions?: Extension[];
  /** How often every connection's access is checked again, for expiries (default a minute). */
  accessSweepMs?: number;
}

export function createCollabServer(options: CollabOptions): Hocuspocus {
  const log = options.log ?? createLog('collab');
  const { notifications } = options;
  const projection = new ProjectionExtension({ db: options.db, notifications, log });
  // In this order: access notes the changes heard before auth checks the credentials.
  const extensions: Extension[] = [
    new AccessExtension({ db: options.db, notifications, log, ...(options.accessSweepMs !== undefined && { sweepMs: options.accessSweepMs }) }),
    new AuthExtension(options.db),
    new PresenceExtension(),
    projection,
  ];
  if (options.redisUrl) {
    const url = new URL(options.redisUrl);
    extensions.push(
      new Redis({
        host: url.hostname,
        port: Number(url.port || 6379),
        prefix: options.redisPrefix ?? 'dailies',
        options: { ...(url.password ? { password: decodeURIComponent(url.password) } : {}), ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}) },
      }),
    );
  }
  return new Hocuspocus({
    name: 'dailies',
    quiet: true,
    // Nothing to store: the documents are projections of Postgres (see ProjectionExtension).
    unloadImmediately: true,
    extensions: [...extensions, ...(options.extensions ?? [])],
  });
}

/** The projection of a collaboration server (to wait for it in tests, or to close it). */
export function projectionOf(collab: Hocuspocus): ProjectionExtension {
  const found = collab.configuration.extensions.find((extension) => extension instanceof ProjectionExtension);
  if (!found) throw new Error('This collaboration server has no projection');
  return found as ProjectionExtension;
}

/**
 * Closes every connection, stops listening for changes and disconnects from Redis. The
 * notifications given to the server stay open for their owner (with no subscriber left, their
 * connection is back in the pool).
 */
export async function closeCollabServer(collab: Hocuspocus): Promise<void> {
  collab.closeConnections();
  for (const extension of collab.configuration.extensions) {
    if (extension instanceof AccessExtension) await extension.close();
  }
  const projection = projectionOf(collab);
  await projection.settled();
  await projection.close();
  for (const extension of collab.configuration.extensions) {
    if (extension instanceof Redis) await extension.onDestroy();
  }
}
