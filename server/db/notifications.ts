/**
 * Postgres notifications (`LISTEN`/`NOTIFY`) for a server process: one connection, shared by every
 * subscriber, whatever the number of channels. It is opened on first need (`listen()`); a lost
 * connection is re-opened while a subscriber still needs it, and the subscribers are told, since
 * notifications sent meanwhile are gone. When the last subscriber leaves, the connection goes back
 * to the pool.
 */
import type pg from 'pg';
import { createLog, type Log } from '../logger.ts';

const RECONNECT_DELAYS_MS = [200, 500, 1000, 2000, 5000];
/** Channel names go into LISTEN statements as they are: only plain identifiers are taken. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]*$/;

export interface NotificationHandler {
  onNotification(payload: string): void;
  /** After the connection was lost and re-opened: whatever was notified meanwhile was missed. */
  onResumed?(): void;
  /** Whether a lost connection should be re-opened for this subscriber now (by default, always). */
  needed?(): boolean;
}

/** Stops one subscription; the last one releases the listening connection. */
export type Unsubscribe = () => Promise<void>;

interface Subscription {
  channel: string;
  handler: NotificationHandler;
}

export class Notifications {
  private readonly pool: pg.Pool;
  private readonly log: Log;
  private readonly subscriptions = new Set<Subscription>();
  private client: pg.PoolClient | undefined;
  /** Channels the open connection listens to. */
  private listening = new Set<string>();
  private opening: Promise<void> | undefined;
  /** LISTENs sent on the open connection for channels subscribed since it opened. */
  private adding: Promise<void> = Promise.resolve();
  private closed = false;
  private reconnectAttempt = 0;

  constructor(options: { pool: pg.Pool; log?: Log }) {
    this.pool = options.pool;
    this.log = options.log ?? createLog('notifications');
  }

  /**
   * Calls `handler` with the payload of every notification on `channel`. Nothing is heard until
   * `listen()` has resolved (subscribe first, then listen, so that nothing falls in between).
   */
  subscribe(channel: string, handler: NotificationHandler): Unsubscribe {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`"${channel}" is not a channel name: use lower-case letters, digits and underscores.`);
    const subscription: Subscription = { channel, handler };
    this.subscriptions.add(subscription);
    const client = this.client;
    if (client && !this.listening.has(channel)) {
      this.listening.add(channel);
      // A failure here is a lost connection, which the client's error handler deals with.
      const added = client.query(`LISTEN ${channel}`).then(
        () => undefined,
        () => undefined,
      );
      this.adding = this.adding.then(() => added);
    }
    return async () => {
      this.subscriptions.delete(subscription);
      if (this.subscriptions.size === 0) await this.release();
    };
  }

  /** Opens the listening connection unless it is open (or opening); resolves once every subscribed channel is listened to. */
  listen(): Promise<void> {
    // Open already: once the channels subscribed since are listened to as well.
    if (this.client) return this.adding;
    if (this.closed || this.subscriptions.size === 0) return Promise.resolve();
    this.opening ??= this.open().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  /** Releases the connection for good: later subscriptions hear nothing. */
  async close(): Promise<void> {
    this.closed = true;
    await this.release();
  }

  private async release(): Promise<void> {
    await this.opening?.catch(() => {});
    const client = this.client;
    this.client = undefined;
    this.listening = new Set();
    if (client) {
      await client.query('UNLISTEN *').catch(() => {});
      client.release();
    }
  }

  private wanted(): boolean {
    if (this.closed) return false;
    for (const { handler } of this.subscriptions) if (handler.needed?.() ?? true) return true;
    return false;
  }

  private async open(): Promise<void> {
    const client = await this.pool.connect();
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      this.listening = new Set();
      client.release(error ?? true);
      if (this.closed) return;
      this.log.warn(`Lost the database notifications${error ? ` (${error.message})` : ''}; reconnecting`);
      this.reconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (!message.payload) return;
      for (const { channel, handler } of this.subscriptions) {
        if (channel === message.channel) handler.onNotification(message.payload);
      }
    });
    const channels = new Set([...this.subscriptions].map((subscription) => subscription.channel));
    // One statement, so the connection shows as one listener whatever the number of channels.
    await client.query([...channels].map((channel) => `LISTEN ${channel}`).join('; '));
    if (this.closed || this.subscriptions.size === 0) {
      // Not wanted any more: the pooled connection must not keep listening for its next user.
      await client.query('UNLISTEN *').catch(() => {});
      client.release();
      return;
    }
    this.client = client;
    this.listening = channels;
    // A channel subscribed while the connection was opening.
    for (const { channel } of this.subscriptions) {
      if (!this.listening.has(channel)) {
        this.listening.add(channel);
        await client.query(`LISTEN ${channel}`);
      }
    }
    this.reconnectAttempt = 0;
  }

  private reconnect(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt++, RECONNECT_DELAYS_MS.length - 1)]!;
    setTimeout(() => {
      if (!this.wanted()) return;
      this.listen()
        .then(() => {
          for (const { handler } of this.subscriptions) handler.onResumed?.();
        })
        .catch(() => this.reconnect());
    }, delay).unref();
  }
}
