/**
 * A real @hocuspocus/provider client on an episode's live document, counting the bytes it
 * receives, with helpers to read the document through the shared typed reader and to wait for it,
 * and to wait for the server to close it (with the reason it gives).
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { WebSocket as NodeWebSocket } from 'ws';
import * as Y from 'yjs';
import { liveDocumentName, readLiveEpisode, type LiveEpisode } from '../../src/lib/live/episode-document.ts';
import { PASSWORD, TestClient } from './http-client.ts';
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
  /**
   * Resolves once the server has refused `count` of this client's writes (Hocuspocus answers a
   * read-only connection's update with a "not applied" sync status, after it has handled it).
   */
  writesRefused(count?: number): Promise<void>;
  /** Resolves with the reason and the time (performance.now()) of the server's close message. */
  closedByServer(timeoutMs?: number): Promise<{ reason: string; at: number }>;
  close(): void;
}

/** Hocuspocus's message type for "your update was (not) applied". */
const SYNC_STATUS = 8;

/** How a live client signs in: an API token, or the Cookie header a browser would send. */
export type LiveCredentials = string | { cookie: string };

/**
 * Connects to `ws://127.0.0.1:<port>/collab` with an API token or cookies. `document` may be a
 * Y.Doc that was synced before (a reconnect after a server restart).
 */
export function connectLive(port: number, episodeId: string, credentials: LiveCredentials, document = new Y.Doc()): LiveClient {
  let received = 0;
  const count = (event: { data: unknown }) => {
    const data = event.data as ArrayBuffer | Blob | string;
    received += typeof data === 'string' ? data.length : data instanceof ArrayBuffer ? data.byteLength : data.size;
  };
  // The global WebSocket, counting what arrives.
  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('message', count);
    }
  }
  // With cookies: the global WebSocket cannot send headers, `ws` can (as a browser sends its cookies).
  const cookie = typeof credentials === 'string' ? undefined : credentials.cookie;
  class CookieWebSocket extends NodeWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie: cookie ?? '' } });
      this.addEventListener('message', count);
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}/collab`,
    WebSocketPolyfill: cookie === undefined ? CountingWebSocket : CookieWebSocket,
    delay: 100,
    minDelay: 100,
    maxDelay: 1000,
  });
  const token = typeof credentials === 'string' ? credentials : undefined;
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: liveDocumentName(episodeId), document, ...(token ? { token } : {}) });
  provider.attach();
  const closes: { reason: string; at: number }[] = [];
  let refused = 0;
  provider.on('message', ({ message }: { message: { readVarString(): string; readVarUint(): number } }) => {
    message.readVarString();
    // Message type 8 is a sync status; its flag (a varint, 0 or 1, so the same byte as a varuint)
    // says whether the server applied the client's update.
    if (message.readVarUint() === SYNC_STATUS && message.readVarUint() === 0) refused += 1;
  });
  provider.on('close', ({ event }: { event: { reason?: string } }) => {
    if (event.reason) closes.push({ reason: event.reason, at: performance.now() });
  });
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
    writesRefused: (count = 1) => eventually(async () => refused >= count || undefined, 10_000, `the server to refuse ${count} write(s)`).then(() => undefined),
    closedByServer: (timeoutMs = 10_000) => eventually(async () => closes[0], timeoutMs, 'the server to close the live connection'),
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  };
  return client;
}

/** An API token of the account `email` (signed up with the tests' password), for a live connection. */
export async function liveTokenFor(base: string, email: string): Promise<string> {
  const client = new TestClient(base);
  await client.post('/api/v1/auth/login', { email, password: PASSWORD });
  return (await client.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'live' })).body.token;
}
