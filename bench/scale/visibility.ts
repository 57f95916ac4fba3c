/**
 * When does a change show in every live client? One client, the probe, reads its document through
 * the shared typed reader (readLiveEpisode) after each update until the change shows; the update
 * that made it show carries the change, and its end state (Y.parseUpdateMeta) is the target. Every
 * other client shows the change at the first update after which its own state vector reaches that
 * target. Reading 200 whole documents after every update would cost this process more than the
 * server's work being measured; comparing state vectors costs next to nothing, and needs no
 * knowledge of the document's layout beyond the reader.
 */
import * as Y from 'yjs';
import type { LiveEpisode } from '../../src/lib/live/episode-document.ts';
import type { LiveClient } from '../../tests/support/live-client.ts';

type State = Map<number, number>;

const reaches = (state: State, target: State) => [...target].every(([client, clock]) => (state.get(client) ?? 0) >= clock);

interface Watched {
  client: LiveClient;
  arrivals: { at: number; state: State }[];
  shownAt: number | undefined;
  listener: (update: Uint8Array) => void;
}

export class VisibilityWatch {
  readonly #watched: Watched[];
  #check: ((live: LiveEpisode) => boolean) | undefined;
  #target: State | undefined;
  #settle: (() => void) | undefined;

  /** Watches `clients`; the first is the probe. */
  constructor(clients: LiveClient[]) {
    this.#watched = clients.map((client, index) => {
      const watched: Watched = { client, arrivals: [], shownAt: undefined, listener: () => {} };
      watched.listener = (update: Uint8Array) => this.#arrived(watched, update, index === 0);
      client.document.on('update', watched.listener);
      return watched;
    });
  }

  /**
   * Resolves, once every client shows what `check` looks for, with the time (performance.now())
   * each client first showed it. Call before making the change.
   */
  until(check: (live: LiveEpisode) => boolean, timeoutMs = 30_000): Promise<number[]> {
    this.#check = check;
    this.#target = undefined;
    for (const watched of this.#watched) {
      watched.arrivals = [];
      watched.shownAt = undefined;
    }
    return new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        const shown = this.#watched.filter((watched) => watched.shownAt !== undefined).length;
        this.#settle = undefined;
        reject(new Error(`after ${timeoutMs} ms, ${shown} of ${this.#watched.length} clients showed the change`));
      }, timeoutMs);
      this.#settle = () => {
        if (this.#watched.some((watched) => watched.shownAt === undefined)) return;
        clearTimeout(timer);
        this.#settle = undefined;
        resolve(this.#watched.map((watched) => watched.shownAt!));
      };
    });
  }

  close(): void {
    for (const watched of this.#watched) watched.client.document.off('update', watched.listener);
  }

  #arrived(watched: Watched, update: Uint8Array, probe: boolean): void {
    if (!this.#settle) return;
    const at = performance.now();
    const state = Y.decodeStateVector(Y.encodeStateVector(watched.client.document));
    if (probe && !this.#target) {
      const live = watched.client.read();
      if (live && this.#check?.(live)) {
        this.#target = Y.parseUpdateMeta(update).to;
        watched.shownAt = at;
        for (const other of this.#watched) {
          if (other.shownAt === undefined) other.shownAt = other.arrivals.find((arrival) => reaches(arrival.state, this.#target!))?.at;
        }
        this.#settle();
        return;
      }
    }
    if (watched.shownAt !== undefined) return;
    if (this.#target) {
      if (reaches(state, this.#target)) {
        watched.shownAt = at;
        this.#settle();
      }
    } else {
      watched.arrivals.push({ at, state });
    }
  }
}
