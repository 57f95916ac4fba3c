/**
 * Live connections end when their access does. Every change that can end someone's access raises
 * `access_changed` (`user:<id>`, `share_link:<id>` or `episode:<id>`, from database triggers, in the
 * change's own transaction); each server process hears it on its one listening connection, checks
 * the credentials of its open connections that the change names, and closes those that no longer
 * open their episode, telling the client why (the close message's reason, see close-reasons.ts).
 * A connection that now resolves to someone else (a guest cookie left after logging out of the
 * account) is closed too: a connection belongs to the person it was opened by. A lowered role
 * that still reads keeps the connection. Expiry raises no notification, so every connection is
 * also checked again once a minute (a share link or session that expired closes then).
 */
import type { Connection, connectedPayload, Extension, Hocuspocus, onConfigurePayload } from '@hocuspocus/server';
import type { Database } from '../../db/database.ts';
import type { Log } from '../../logger.ts';
import { ACCESS_ENDED_CODE, type LiveCloseReason } from '../../../src/lib/live/close-reasons.ts';
import { checkLiveAccess, presenceIdentityOf, samePrincipal, type CollabContext } from '../live-access.ts';
import type { Notifications, Unsubscribe } from '../../db/notifications.ts';

type Target = { kind: 'user' | 'share_link' | 'episode'; id: string } | undefined;

/** `user:<id>` and the like; anything else (or a resumed listener) means every connection. */
function parseTarget(payload: string | undefined): Target {
  const match = payload ? /^(user|share_link|episode):(.+)$/.exec(payload) : null;
  return match ? { kind: match[1] as 'user' | 'share_link' | 'episode', id: match[2]! } : undefined;
}

function concerns(context: CollabContext, target: Target): boolean {
  if (!target) return true;
  const { principal } = context;
  if (target.kind === 'episode') return context.episodeId === target.id;
  if (target.kind === 'user') return principal.kind === 'user' && principal.userId === target.id;
  return principal.kind === 'guest' ? principal.shareLinkId === target.id : principal.guestGrant?.shareLinkId === target.id;
}

export class AccessExtension implements Extension {
  extensionName = 'dailies-access';
  private readonly db: Database;
  private readonly notifications: Notifications;
  private readonly unsubscribe: Unsubscribe;
  private readonly log: Log;
  private instance: Hocuspocus | undefined;
  /** Access changes heard so far; a connection authenticated before the latest one is checked again. */
  private changes = 0;
  private readonly sweepMs: number;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: { db: Database; notifications: Notifications; log: Log; sweepMs?: number }) {
    this.db = options.db;
    this.notifications = options.notifications;
    this.log = options.log;
    this.sweepMs = options.sweepMs ?? 60_000;
    this.unsubscribe = this.notifications.subscribe('access_changed', {
      onNotification: (payload) => this.accessChanged(parseTarget(payload)),
      // Whatever changed while nobody listened: check every connection.
      onResumed: () => this.accessChanged(undefined),
      // Worth re-opening a lost connection while someone is connected.
      needed: () => (this.instance?.getConnectionsCount() ?? 0) > 0,
    });
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.instance = instance;
    clearInterval(this.sweeper);
    this.sweeper = setInterval(() => this.checkAll(), this.sweepMs);
    this.sweeper.unref();
  }

  /** Stops the periodic checks and the notifications (the server is closing). */
  close(): Promise<void> {
    clearInterval(this.sweeper);
    return this.unsubscribe();
  }

  /**
   * Runs before the credentials are checked: listening starts before the first connection is
   * let in, and the count of changes heard is noted, so that a change that lands while this
   * connection is being set up is not missed (see `connected`).
   */
  async onAuthenticate(): Promise<{ accessChangesSeen: number }> {
    await this.notifications.listen();
    return { accessChangesSeen: this.changes };
  }

  async connected({ connection, context }: connectedPayload<CollabContext & { accessChangesSeen: number }>): Promise<void> {
    if (context.accessChangesSeen !== this.changes) await this.recheck(connection as Connection<CollabContext>);
  }

  private accessChanged(target: Target): void {
    this.changes++;
    this.checkAll(target);
  }

  private checkAll(target?: Target): void {
    for (const document of this.instance?.documents.values() ?? []) {
      for (const connection of document.getConnections() as Connection<CollabContext>[]) {
        if (connection.context?.principal && concerns(connection.context, target)) void this.recheck(connection);
      }
    }
  }

  private async recheck(connection: Connection<CollabContext>): Promise<void> {
    const context = connection.context;
    try {
      const access = await checkLiveAccess(this.db, context.credentials, context.episodeId);
      if (!access.ok) return this.end(connection, access.reason);
      if (!samePrincipal(access.principal, context.principal)) return this.end(connection, 'signed_out');
      context.principal = access.principal;
      context.role = access.role;
      context.identity = presenceIdentityOf(access.principal);
    } catch (error) {
      // The database cannot answer now; the connection is checked again at the next periodic check
      // (and when the listener resumes, if it was lost too).
      this.log.warn(`Checking a live connection's access to ${context.episodeId}: ${(error as Error).message}`);
    }
  }

  private end(connection: Connection<CollabContext>, reason: LiveCloseReason): void {
    // Two notifications of one change (the account's and the link's) may both find it closing.
    if (!connection.document.hasConnection(connection)) return;
    this.log.info(`Closed a live connection to ${connection.context.episodeId}: ${reason}`);
    connection.close({ code: ACCESS_ENDED_CODE, reason });
  }
}
