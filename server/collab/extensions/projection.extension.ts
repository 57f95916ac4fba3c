/**
 * Projects Postgres into the live documents. On load, a document continues its stored history and
 * is brought up to date from the rows; afterwards every `episode_changed` notification refreshes
 * the loaded document of that episode, writing only the keys that changed (origin `server`), and
 * the change is appended to the stored history: changes made while an append is in flight are
 * merged into one row, so a burst (progress ticks) stores a few rows, not one per tick. Refreshes of one document never overlap: changes
 * that arrive during a refresh are folded into one more refresh after it (progress bursts
 * coalesce). When the listening connection was lost and re-opened, every loaded document is
 * refreshed, since notifications sent meanwhile are gone.
 */
import type { afterUnloadDocumentPayload, Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { LIVE_DOCUMENT_PREFIX, writeLiveEpisode } from '../../../src/lib/live/episode-document.ts';
import type { Database } from '../../db/database.ts';
import { appendLiveUpdate, compactLiveUpdates, loadLiveEpisode, loadLiveUpdates } from '../../db/queries/live.queries.ts';
import type { Log } from '../../logger.ts';
import type { Notifications, Unsubscribe } from '../../db/notifications.ts';

/** The transaction origin of every change the server projects into a document. */
export const SERVER_ORIGIN = 'server';
/** Applying the stored history on load: already stored, so not appended again. */
const HISTORY_ORIGIN = 'history';
/** Stored histories longer than this are compacted into one row when loaded. */
const COMPACT_AFTER_ROWS = 50;

interface Loaded {
  document: Y.Doc;
  refreshing: Promise<void> | undefined;
  dirty: boolean;
  /** Appends run one after another, in the order the changes were made. */
  persisting: Promise<void>;
  /** Changes not yet stored; the next append stores them merged, as one row. */
  unsaved: Uint8Array[];
}

export class ProjectionExtension implements Extension {
  extensionName = 'dailies-projection';
  private readonly db: Database;
  /** The process's notifications, shared with the access checks. */
  private readonly notifications: Notifications;
  private readonly unsubscribe: Unsubscribe;
  private readonly log: Log;
  private readonly loaded = new Map<string, Loaded>();

  constructor(options: { db: Database; notifications: Notifications; log: Log }) {
    this.db = options.db;
    this.notifications = options.notifications;
    this.log = options.log;
    this.unsubscribe = this.notifications.subscribe('episode_changed', {
      onNotification: (episodeId) => this.changed(episodeId),
      onResumed: () => {
        for (const episodeId of this.loaded.keys()) this.changed(episodeId);
      },
      // A lost connection is worth re-opening while a document is loaded here.
      needed: () => this.loaded.size > 0,
    });
  }

  /** Stops hearing about changes (the server is closing). */
  close(): Promise<void> {
    return this.unsubscribe();
  }

  /** Episode ids whose documents this process has loaded. */
  loadedEpisodes(): string[] {
    return [...this.loaded.keys()];
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const episodeId = documentName.slice(LIVE_DOCUMENT_PREFIX.length);
    await this.notifications.listen();
    const { updates, lastId } = await loadLiveUpdates(this.db, episodeId);
    if (updates.length > 0) {
      const merged = Y.mergeUpdates(updates);
      Y.applyUpdate(document, merged, HISTORY_ORIGIN);
      if (updates.length > COMPACT_AFTER_ROWS && lastId) {
        await compactLiveUpdates(this.db, episodeId, lastId, merged).catch((error: Error) => this.log.warn(`Compacting the live history of ${episodeId}: ${error.message}`));
      }
    }
    const entry: Loaded = { document, refreshing: undefined, dirty: false, persisting: Promise.resolve(), unsaved: [] };
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== SERVER_ORIGIN) return;
      entry.unsaved.push(update);
      // One append is queued at a time; it takes whatever has gathered by the time it runs.
      if (entry.unsaved.length > 1) return;
      entry.persisting = entry.persisting
        .then(() => {
          const batch = entry.unsaved.splice(0);
          return appendLiveUpdate(this.db, episodeId, batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch));
        })
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

  private async refresh(episodeId: string, entry: Loaded): Promise<void> {
    const live = await loadLiveEpisode(this.db, episodeId);
    if (!live) return;
    writeLiveEpisode(entry.document, live, SERVER_ORIGIN);
  }
}
