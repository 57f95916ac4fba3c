/**
 * A page's connection to an episode's live document: the projected state (read with the shared
 * reader), who else is here (awareness), and this person's own presence. Read-only: the page
 * changes things through the API and sees the outcome arrive here.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { liveDocumentName, readLiveEpisode, type LiveEpisode } from './episode-document.ts';
import { othersPresent, PRESENCE_FIELD, type Presence } from './presence.ts';

const COLOURS = ['#e4572e', '#29335c', '#f3a712', '#669bbc', '#a8c686', '#c1440e', '#7b2cbf', '#2a9d8f'];

export class LiveEpisodeConnection {
  /** The live episode, once synced. */
  state = $state<LiveEpisode | undefined>(undefined);
  /** Everyone else on the episode, with their awareness client id. */
  others = $state<(Presence & { clientId: number })[]>([]);
  connected = $state(false);
  readonly #doc = new Y.Doc();
  readonly #provider: HocuspocusProvider;
  #presence: Presence;

  constructor(episodeId: string, name: string) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.#presence = { name, colour: COLOURS[this.#doc.clientID % COLOURS.length]!, slotInView: null, playhead: null, following: null };
    this.#provider = new HocuspocusProvider({ url: `${scheme}://${location.host}/collab`, name: liveDocumentName(episodeId), document: this.#doc });
    this.#doc.on('update', () => {
      this.state = readLiveEpisode(this.#doc);
    });
    this.#provider.on('synced', () => {
      this.connected = true;
      this.state = readLiveEpisode(this.#doc);
    });
    this.#provider.on('disconnect', () => (this.connected = false));
    const awareness = this.#provider.awareness;
    awareness?.setLocalStateField(PRESENCE_FIELD, this.#presence);
    awareness?.on('change', () => {
      this.others = [...othersPresent(awareness.getStates() as Map<number, Record<string, unknown>>, this.#doc.clientID)].map(([clientId, presence]) => ({
        ...presence,
        clientId,
      }));
    });
  }

  /** Shares what this person is looking at (display only). */
  setPresence(change: Partial<Omit<Presence, 'name' | 'colour'>>): void {
    this.#presence = { ...this.#presence, ...change };
    this.#provider.awareness?.setLocalStateField(PRESENCE_FIELD, this.#presence);
  }

  destroy(): void {
    this.#provider.destroy();
    this.#doc.destroy();
  }
}

/**
 * Connects a page to an episode's live document for as long as the page shows that episode (call
 * during component initialisation). The getters are read through primitive deriveds, so a reload of
 * the page data (a new object) keeps the same connection and the same presence.
 */
export function connectLiveEpisode(episodeId: () => string, name: () => string): { readonly current: LiveEpisodeConnection | undefined } {
  let live = $state<LiveEpisodeConnection | undefined>();
  const id = $derived(episodeId());
  const who = $derived(name());
  $effect(() => {
    const connection = new LiveEpisodeConnection(id, who);
    live = connection;
    return () => connection.destroy();
  });
  return {
    get current() {
      return live;
    },
  };
}
