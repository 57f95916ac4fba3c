/**
 * The one Postgres connection per server process that listens for notifications (`episode_changed`
 * for the live documents, `access_changed` for the live connections). Opened on first need; a lost
 * connection is re-opened while anything still needs it, and the subscribers are told, since
 * notifications sent meanwhile are gone.
 */
import type pg from 'pg';
import type { Log } from '../logger.ts';

const RECONNECT_DELAYS_MS = [200, 500, 1000, 2000, 5000];

export interface Subscription {
  channel: string;
  onNotification(payload: string): void;
  /** After the connection was lost and re-opened: whatever happened meanwhile was missed. */
  onResumed(): void;
}

export class NotificationListener {
  private readonly pool: pg.Pool;
  private readonly log: Log;
  private readonly subscriptions: Subscription[] = [];
  /** Whether to keep re-opening a lost connection (something is loaded that needs it). */
  private readonly wanted: () => boolean;
  private client: pg.PoolClient | undefined;
  private opening: Promise<void> | undefined;
  private closed = false;
  private reconnectAttempt = 0;

  constructor(options: { pool: pg.Pool; log: Log; wanted: () => boolean }) {
    this.pool = options.pool;
    this.log = options.log;
    this.wanted = options.wanted;
  }

  /** Adds a subscriber; subscribe before the first `ensure()` so its channel is listened to. */
  subscribe(subscription: Subscription): void {
    this.subscriptions.push(subscription);
  }

  /** Opens the listening connection unless it is open (or opening). */
  ensure(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.opening ??= this.open().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => {});
    const client = this.client;
    this.client = undefined;
    if (client) {
      await client.query('UNLISTEN *').catch(() => {});
      client.release();
    }
  }

  private async open(): Promise<void> {
    const client = await this.pool.connect();
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.release(error ?? true);
      if (this.closed) return;
      this.log.warn(`Lost the database notifications${error ? ` (${error.message})` : ''}; reconnecting`);
      this.reconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (!message.payload) return;
      for (const subscription of this.subscriptions) {
        if (subscription.channel === message.channel) subscription.onNotification(message.payload);
      }
    });
    const channels = [...new Set(this.subscriptions.map((subscription) => subscription.channel))];
    // One statement, so the connection shows as one listener whatever the number of channels.
    await client.query(channels.map((channel) => `LISTEN ${channel}`).join('; '));
    if (this.closed) {
      client.release();
      return;
    }
    this.client = client;
    this.reconnectAttempt = 0;
  }

  private reconnect(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt++, RECONNECT_DELAYS_MS.length - 1)]!;
    setTimeout(() => {
      if (this.closed || !this.wanted()) return;
      this.ensure()
        .then(() => {
          for (const subscription of this.subscriptions) subscription.onResumed();
        })
        .catch(() => this.reconnect());
    }, delay).unref();
  }
}
