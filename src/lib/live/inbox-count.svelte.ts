/**
 * The header's unread count, kept live by asking the API to answer when the inbox changes
 * (`GET /me/inbox/unread?since=<revision>&wait=25`) again and again.
 *
 * One tab of a browser waits at a time: a browser keeps only a few connections to one site open,
 * and a long poll in every open tab would use them all up. The tab holding the Web Lock waits and
 * tells the others through a BroadcastChannel; when it closes, another takes over. Where the
 * browser has no Web Locks (a page served over plain http to another machine), each tab waits on
 * its own. Waiting starts once the page has loaded and gone quiet: a waiting request holds one of
 * those few connections, and the page's own files and data come first.
 */
import { ApiError, apiClient } from '$lib/services/api.ts';
import { createContext } from 'svelte';

const WAIT_SECONDS = 25;
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 60_000;
/** How long the page fetches nothing before the waiting starts. */
const QUIET_MS = 1_500;

interface Answer {
  unread: number;
  revision: string;
}

export class InboxCount {
  /** Unread items; 0 until the first answer. */
  unread = $state(0);
  /** The inbox's revision as last answered: it changes whenever an item arrives or is read. */
  revision = $state<string | undefined>(undefined);
  readonly #stop = new AbortController();
  readonly #channel: BroadcastChannel | undefined;
  readonly #lockName: string;

  /** For the account `userId` (a new person gets a new count). Call `start`, then `stop` when done. */
  constructor(userId: string) {
    this.#lockName = `dailies-inbox-count:${userId}`;
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(this.#lockName) : undefined;
    this.#channel?.addEventListener('message', (event: MessageEvent<Answer>) => this.#take(event.data));
  }

  start(): void {
    const signal = this.#stop.signal;
    // The count now, whoever waits for the next change.
    void this.#ask(0).catch(() => undefined);
    const locks = typeof navigator === 'object' ? navigator.locks : undefined;
    if (!locks) {
      void this.#wait(signal);
      return;
    }
    locks.request(this.#lockName, { signal }, () => this.#wait(signal)).catch(() => undefined);
  }

  /** Ends the waiting (the page is left, or the person signed out). */
  stop(): void {
    this.#stop.abort();
    this.#channel?.close();
  }

  #take(answer: Answer): void {
    if (typeof answer?.unread !== 'number' || typeof answer.revision !== 'string') return;
    this.unread = answer.unread;
    this.revision = answer.revision;
  }

  async #ask(wait: number): Promise<Answer> {
    const answer = await apiClient(fetch).inbox.unread({ since: wait > 0 ? this.revision : undefined, wait }, { signal: this.#stop.signal });
    if (this.#stop.signal.aborted) return answer;
    this.#take(answer);
    this.#channel?.postMessage(answer);
    return answer;
  }

  /** Asks again as soon as each answer comes; waits longer after each failure; ends on 401/403. */
  async #wait(signal: AbortSignal): Promise<void> {
    await quiet(QUIET_MS, signal);
    let retry = FIRST_RETRY_MS;
    while (!signal.aborted) {
      try {
        await this.#ask(WAIT_SECONDS);
        retry = FIRST_RETRY_MS;
      } catch (cause) {
        if (signal.aborted) return;
        // Signed out, or a guest: there is no inbox to count.
        if (cause instanceof ApiError && (cause.status === 401 || cause.status === 403)) {
          this.unread = 0;
          this.stop();
          return;
        }
        await pause(retry, signal);
        retry = Math.min(retry * 2, LONGEST_RETRY_MS);
      }
    }
  }
}

/** Resolves once the page has loaded and then fetched nothing for `ms` (or when `signal` aborts). */
async function quiet(ms: number, signal: AbortSignal): Promise<void> {
  if (document.readyState !== 'complete') {
    await new Promise<void>((resolve) => {
      window.addEventListener('load', () => resolve(), { once: true });
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  if (signal.aborted || typeof PerformanceObserver !== 'function') return;
  await new Promise<void>((resolve) => {
    let timer = setTimeout(done, ms);
    // Each finished fetch of the page starts the quiet time again.
    const observer = new PerformanceObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, ms);
    });
    observer.observe({ type: 'resource' });
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      observer.disconnect();
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * The header's count, for pages under the layout (the inbox page reloads its list when the
 * revision moves): the layout sets a getter, since the count is made anew for each person.
 */
export const [inboxCountOf, provideInboxCount] = createContext<() => InboxCount | undefined>();
