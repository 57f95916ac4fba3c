/**
 * Projects Postgres into the live documents. On load, a document continues its stored history and
 * is brought up to date from the rows; afterwards every `episode_changed` notification refreshes
 * the loaded document of that episode, writing only the keys that changed (origin `server`), and
 * the change is appended to the stored history. Refreshes of one document never overlap: changes
 * that arrive during a refresh are folded into one more refresh after it (progress bursts
 * coalesce). A lost listening connection is re-opened, and every loaded document refreshed, since
 * notifications sent meanwhile are gone.
 */
import type { afterUnloadDocumentPayload, Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import type pg from 'pg';
import * as Y from 'yjs';
import { LIVE_DOCUMENT_PREFIX, writeLiveEpisode } from '../../../src/lib/live/episode-document.ts';
import type { Database } from '../../db/database.ts';
import { appendLiveUpdate, compactLiveUpdates, loadLiveEpisode, loadLiveUpdates } from '../../db/queries/live.queries.ts';
import type { Log } from '../../logger.ts';

/** The transaction origin of every change the server projects into a document. */
export const SERVER_ORIGIN = 'server';
/** Applying the stored history on load: already stored, so not appended again. */
const HISTORY_ORIGIN = 'history';
/** Stored histories longer than this are compacted into one row when loaded. */
const COMPACT_AFTER_ROWS = 50;
const RECONNECT_DELAYS_MS = [200, 500, 1000, 2000, 5000];

interface Loaded {
  document: Y.Doc;
  refreshing: Promise<void> | undefined;
  dirty: boolean;
  /** Appends run one after another, in the order the changes were made. */
  persisting: Promise<void>;
}

export class ProjectionExtension implements Extension {
  extensionName = 'dailies-projection';
  private readonly db: Database;
  private readonly pool: pg.Pool;
  private readonly log: Log;
  private readonly loaded = new Map<string, Loaded>();
  private listener: pg.PoolClient | undefined;
  private listening: Promise<void> | undefined;
  private closed = false;
  private reconnectAttempt = 0;

  constructor(options: { db: Database; pool: pg.Pool; log: Log }) {
    this.db = options.db;
    this.pool = options.pool;
    this.log = options.log;
  }

  /** Episode ids whose documents this process has loaded. */
  loadedEpisodes(): string[] {
    return [...this.loaded.keys()];
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const episodeId = documentName.slice(LIVE_DOCUMENT_PREFIX.length);
    await this.ensureListening();
    const { updates, lastId } = await loadLiveUpdates(this.db, episodeId);
    if (updates.length > 0) {
      const merged = Y.mergeUpdates(updates);
      Y.applyUpdate(document, merged, HISTORY_ORIGIN);
      if (updates.length > COMPACT_AFTER_ROWS && lastId) {
        await compactLiveUpdates(this.db, episodeId, lastId, merged).catch((error: Error) => this.log.warn(`Compacting the live history of ${episodeId}: ${error.message}`));
      }
    }
    const entry: Loaded = { document, refreshing: undefined, dirty: false, persisting: Promise.resolve() };
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== SERVER_ORIGIN) return;
      entry.persisting = entry.persisting
        .then(() => appendLiveUpdate(this.db, episodeId, update))
        .catch((error: Error) => this.log.warn(`Storing a live update of ${episodeId}: ${error.message}`));
    });
    this.loaded.set(episodeId, entry);
    await this.refresh(episodeId, entry);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const episodeId = documentName.slice(LIVE_DOCUMENT_PREFIX.length);
    const entry = this.loaded.get(episodeId);
    this.loaded.delete(episodeId);
    await entry?.persisting;
  }

  /** Refreshes the episode's document if loaded; folds calls during a refresh into one more. */
  changed(episodeId: string): void {
    const entry = this.loaded.get(episodeId);
    if (!entry) return;
    if (entry.refreshing) {
      entry.dirty = true;
      return;
    }
    entry.refreshing = (async () => {
      try {
        do {
          entry.dirty = false;
          await this.refresh(episodeId, entry);
        } while (entry.dirty && this.loaded.get(episodeId) === entry);
      } catch (error) {
        this.log.warn(`Refreshing the live document of ${episodeId}: ${(error as Error).message}`);
      } finally {
        entry.refreshing = undefined;
      }
    })();
  }

  /** Waits until pending refreshes and stored updates are done (tests, shutdown). */
  async settled(): Promise<void> {
    for (const entry of this.loaded.values()) {
      await entry.refreshing;
      await entry.persisting;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.settled();
    const listener = this.listener;
    this.listener = undefined;
    if (listener) {
      await listener.query('UNLISTEN episode_changed').catch(() => {});
      listener.release();
    }
  }

  private async refresh(episodeId: string, entry: Loaded): Promise<void> {
    const live = await loadLiveEpisode(this.db, episodeId);
    if (!live) return;
    writeLiveEpisode(entry.document, live, SERVER_ORIGIN);
  }

  /** Opens the one listening connection unless it is open (or opening). */
  private ensureListening(): Promise<void> {
    if (this.closed || this.listener) return Promise.resolve();
    this.listening ??= this.listen().finally(() => {
      this.listening = undefined;
    });
    return this.listening;
  }

  private async listen(): Promise<void> {
    const client = await this.pool.connect();
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.release(error ?? true);
      if (this.closed) return;
      this.log.warn(`The live documents lost their database notifications${error ? ` (${error.message})` : ''}; reconnecting`);
      this.reconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === 'episode_changed' && message.payload) this.changed(message.payload);
    });
    await client.query('LISTEN episode_changed');
    if (this.closed) {
      client.release();
      return;
    }
    this.listener = client;
    this.reconnectAttempt = 0;
  }

  private reconnect(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.reconnectAttempt++, RECONNECT_DELAYS_MS.length - 1)]!;
    setTimeout(() => {
      if (this.closed || this.loaded.size === 0) return;
      this.ensureListening()
        .then(() => {
          // Whatever changed while nobody listened: refresh everything loaded.
          for (const episodeId of this.loaded.keys()) this.changed(episodeId);
        })
        .catch(() => this.reconnect());
    }, delay).unref();
  }
}
