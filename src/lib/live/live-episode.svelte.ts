/**
 * A page's connection to an episode's live document: the projected state (read with the shared
 * reader), who else is here (awareness, with the identity the server stamped), and this person's
 * own activity. Read-only: the page changes things through the API and sees the outcome arrive
 * here. When the server ends the connection because access ended, `ended` says why.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { endsAccess, liveCloseMessage } from './close-reasons.ts';
import { liveDocumentName, readLiveEpisode, type LiveEpisode } from './episode-document.ts';
import { othersPresent, PRESENCE_FIELD, type Presence, type PresenceActivity } from './presence.ts';

export class LiveEpisodeConnection {
  /** The live episode, once synced. */
  state = $state<LiveEpisode | undefined>(undefined);
  /** Everyone else on the episode, with their awareness client id. */
  others = $state<(Presence & { clientId: number })[]>([]);
  connected = $state(false);
  /** Why the server closed the connection for good (access ended), in words; undefined while open. */
  ended = $state<string | undefined>(undefined);
  /** The connection ended because this person may no longer see the episode: pages stop showing it. */
  accessEnded = $state(false);
  readonly #doc = new Y.Doc();
  readonly #provider: HocuspocusProvider;
  // Only what this person is doing: the server adds who they are.
  #activity: PresenceActivity = { slotInView: null, playhead: null, following: null };

  constructor(episodeId: string) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.#provider = new HocuspocusProvider({ url: `${scheme}://${location.host}/collab`, name: liveDocumentName(episodeId), document: this.#doc });
    this.#doc.on('update', () => {
      this.state = readLiveEpisode(this.#doc);
    });
    this.#provider.on('synced', () => {
      this.connected = true;
      this.state = readLiveEpisode(this.#doc);
    });
    this.#provider.on('disconnect', () => (this.connected = false));
    this.#provider.on('close', ({ event }: { event: { reason?: string } }) => {
      const message = liveCloseMessage(event.reason);
      if (!message) return;
      this.ended = message;
      this.accessEnded = endsAccess(event.reason);
      this.connected = false;
      this.others = [];
      // Not from inside the provider's own event: it is still dispatching.
      queueMicrotask(() => this.#provider.destroy());
    });
    const awareness = this.#provider.awareness;
    awareness?.setLocalStateField(PRESENCE_FIELD, this.#activity);
    awareness?.on('change', () => {
      if (this.ended) return;
      this.others = [...othersPresent(awareness.getStates() as Map<number, Record<string, unknown>>, this.#doc.clientID)].map(([clientId, presence]) => ({
        ...presence,
        clientId,
      }));
    });
  }

  /** Shares what this person is looking at (display only). */
  setPresence(change: Partial<PresenceActivity>): void {
    this.#activity = { ...this.#activity, ...change };
    if (!this.ended) this.#provider.awareness?.setLocalStateField(PRESENCE_FIELD, this.#activity);
  }

  destroy(): void {
    this.#provider.destroy();
    this.#doc.destroy();
  }
}

/**
 * Connects a page to an episode's live document for as long as the page shows that episode (call
 * during component initialisation). The getter is read through a primitive derived, so a reload of
 * the page data (a new object) keeps the same connection and the same presence.
 */
export function connectLiveEpisode(episodeId: () => string): { readonly current: LiveEpisodeConnection | undefined } {
  let live = $state<LiveEpisodeConnection | undefined>();
  const id = $derived(episodeId());
  $effect(() => {
    const connection = new LiveEpisodeConnection(id);
    live = connection;
    return () => connection.destroy();
  });
  return {
    get current() {
      return live;
    },
  };
}
