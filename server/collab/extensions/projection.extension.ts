/**
 * Projects Postgres into the live documents. On load, a document continues its stored history and
 * is brought up to date from the rows; afterwards every `episode_changed` notification refreshes
 * the part of the loaded document it names (one slot, the episode's fields, its jobs; see
 * live-model.ts), writing only the keys that changed (origin `server`), and the change is appended
 * to the stored history: changes made while an append is in flight are merged into one row, so a
 * burst (progress ticks) stores a few rows, not one per tick. Refreshes of one document never
 * overlap: changes that arrive during a refresh are gathered into one more refresh after it
 * (bursts coalesce). When the listening connection was lost and re-opened, every loaded document
 * is refreshed whole, since notifications sent meanwhile are gone. A refresh that fails (the
 * database away for a moment) is tried again, whole, after a growing pause, so that what it was to
 * bring is not left out until the next change.
 */
import type { afterUnloadDocumentPayload, Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import * as Y from 'yjs';
import { LIVE_DOCUMENT_PREFIX, writeLiveEpisode } from '../../../src/lib/live/episode-document.ts';
import type { Database } from '../../db/database.ts';
import { appendLiveUpdate, compactLiveUpdates, loadLiveUpdates } from '../../db/queries/live.queries.ts';
import { addChange, type LiveChange, LiveModel, noChange } from '../live-model.ts';
import type { Log } from '../../logger.ts';
import type { Notifications, Unsubscribe } from '../../db/notifications.ts';

/** The transaction origin of every change the server projects into a document. */
export const SERVER_ORIGIN = 'server';
/** Applying the stored history on load: already stored, so not appended again. */
const HISTORY_ORIGIN = 'history';
/** Stored histories longer than this are compacted into one row when loaded. */
const COMPACT_AFTER_ROWS = 50;
/** The pause before trying a failed refresh again, doubled after each failure up to the most. */
const RETRY_FIRST_MS = 250;
const RETRY_MOST_MS = 15_000;

interface Loaded {
  document: Y.Doc;
  model: LiveModel;
  refreshing: Promise<void> | undefined;
  /** What changed since the running refresh started (or since the last one). */
  pending: LiveChange;
  /** Appends run one after another, in the order the changes were made. */
  persisting: Promise<void>;
  /** Changes not yet stored; the next append stores them merged, as one row. */
  unsaved: Uint8Array[];
  /** Refreshes failed in a row (0 once one succeeds), and the timer of the next try. */
  failures: number;
  retry: NodeJS.Timeout | undefined;
}

export class ProjectionExtension implements Extension {
  extensionName = 'dailies-projection';
  private readonly db: Database;
  /** The process's notifications, shared with the access checks. */
  private readonly notifications: Notifications;
  private readonly unsubscribe: Unsubscribe;
  private readonly log: Log;
  private readonly loaded = new Map<string, Loaded>();
  private closed = false;

  constructor(options: { db: Database; notifications: Notifications; log: Log }) {
    this.db = options.db;
    this.notifications = options.notifications;
    this.log = options.log;
    this.unsubscribe = this.notifications.subscribe('episode_changed', {
      onNotification: (payload) => this.changed(payload),
      onResumed: () => {
        for (const episodeId of this.loaded.keys()) this.changed(episodeId);
      },
      // A lost connection is worth re-opening while a document is loaded here.
      needed: () => this.loaded.size > 0,
    });
  }

  /** Stops hearing about changes (the server is closing). */
  close(): Promise<void> {
    this.closed = true;
    for (const entry of this.loaded.values()) clearTimeout(entry.retry);
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
    const entry: Loaded = { document, model: new LiveModel(this.db, episodeId), refreshing: undefined, pending: noChange(), persisting: Promise.resolve(), unsaved: [], failures: 0, retry: undefined };
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
    // Changes heard while loading wait in `pending` for the refresh that follows.
    entry.refreshing = this.refresh(entry);
    try {
      await entry.refreshing;
    } finally {
      entry.refreshing = undefined;
    }
    if (hasChanges(entry.pending)) this.refreshSoon(episodeId, entry);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const episodeId = documentName.slice(LIVE_DOCUMENT_PREFIX.length);
    const entry = this.loaded.get(episodeId);
    this.loaded.delete(episodeId);
    clearTimeout(entry?.retry);
    await entry?.persisting;
  }

  /**
   * Refreshes what an `episode_changed` payload names in the episode's document, if loaded (a bare
   * episode id refreshes it whole); gathers calls during a refresh into one more.
   */
  changed(payload: string): void {
    const [episodeId = ''] = payload.split(' ', 1);
    const entry = this.loaded.get(episodeId);
    if (!entry) return;
    addChange(entry.pending, payload);
    if (!entry.refreshing) this.refreshSoon(episodeId, entry);
  }

  private refreshSoon(episodeId: string, entry: Loaded): void {
    entry.refreshing = (async () => {
      try {
        while (this.loaded.get(episodeId) === entry && hasChanges(entry.pending)) {
          await this.refresh(entry);
          entry.failures = 0;
        }
      } catch (error) {
        // What that refresh was to bring is not in the document: the next one reloads it all, soon.
        entry.pending.all = true;
        entry.failures += 1;
        const pause = Math.min(RETRY_FIRST_MS * 2 ** (entry.failures - 1), RETRY_MOST_MS);
        this.log.warn(`Refreshing the live document of ${episodeId}: ${(error as Error).message}; trying again in ${pause} ms.`);
        clearTimeout(entry.retry);
        entry.retry = setTimeout(() => {
          entry.retry = undefined;
          if (!this.closed && this.loaded.get(episodeId) === entry && !entry.refreshing) this.refreshSoon(episodeId, entry);
        }, pause);
        entry.retry.unref();
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

  private async refresh(entry: Loaded): Promise<void> {
    const change = entry.pending;
    entry.pending = noChange();
    const reloaded = await entry.model.reload(change);
    if (!reloaded) return;
    writeLiveEpisode(entry.document, reloaded.live, SERVER_ORIGIN, reloaded.slots);
  }
}

const hasChanges = (change: LiveChange): boolean => change.all || change.episode || change.activity || change.jobs || change.shots.size > 0;
