/**
 * A real @hocuspocus/provider client on an episode's live document, counting the bytes it
 * receives, with helpers to read the document through the shared typed reader and to wait for it.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { liveDocumentName, readLiveEpisode, type LiveEpisode } from '../../src/lib/live/episode-document.ts';
import { eventually } from './server-process.ts';

export interface LiveClient {
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  document: Y.Doc;
  /** Bytes received over the WebSocket since the last `resetReceived()`. */
  received(): number;
  resetReceived(): void;
  read(): LiveEpisode | undefined;
  /** Resolves with the live episode once `check` holds for it. */
  until(check: (live: LiveEpisode) => boolean, what: string, timeoutMs?: number): Promise<LiveEpisode>;
  synced(): Promise<void>;
  close(): void;
}

/**
 * Connects to `ws://127.0.0.1:<port>/collab` with an API token. `document` may be a Y.Doc that
 * was synced before (a reconnect after a server restart).
 */
export function connectLive(port: number, episodeId: string, token: string, document = new Y.Doc()): LiveClient {
  let received = 0;
  // The global WebSocket, counting what arrives.
  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', (event: MessageEvent) => {
        const data = event.data as ArrayBuffer | Blob | string;
        received += typeof data === 'string' ? data.length : data instanceof ArrayBuffer ? data.byteLength : data.size;
      });
    }
  }
  const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}/collab`, WebSocketPolyfill: CountingWebSocket, delay: 100, minDelay: 100, maxDelay: 1000 });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: liveDocumentName(episodeId), document, token });
  provider.attach();
  const client: LiveClient = {
    provider,
    socket,
    document,
    received: () => received,
    resetReceived: () => {
      received = 0;
    },
    read: () => readLiveEpisode(document),
    until: (check, what, timeoutMs = 15_000) =>
      eventually(async () => {
        const live = readLiveEpisode(document);
        return live && check(live) ? live : undefined;
      }, timeoutMs, what),
    synced: () =>
      new Promise<void>((resolve, reject) => {
        if (provider.isSynced) return resolve();
        const timer = setTimeout(() => reject(new Error('the live document did not sync within 10 s')), 10_000);
        provider.on('synced', () => {
          clearTimeout(timer);
          resolve();
        });
        provider.on('authenticationFailed', ({ reason }: { reason: string }) => {
          clearTimeout(timer);
          reject(new Error(`refused: ${reason}`));
        });
      }),
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
  return client;
}
