/**
 * Presence cannot lie. Awareness is the one thing a read-only connection may send, so the server
 * rewrites it before anyone sees it:
 *
 * - identity: every state is rebuilt from the client's activity (slot, playhead, whom it follows)
 *   and the identity of the connection's principal (name, colour, account or guest id); anything
 *   else a client puts in its state is dropped;
 * - client ids: a connection speaks only for the awareness client ids it claimed first (at most
 *   two), never for one another connection claimed or that shows someone else;
 * - size: a state over 4 KiB is dropped, and an awareness message over 16 KiB closes the
 *   connection before it is even decoded (no page sends one);
 * - rate: at most 20 updates a second per connection (a burst of 20, refilled at 20/s); the
 *   rest are dropped. The pages send a few a second at most.
 *
 * Awareness that arrives from another server process (through Redis) was filtered there.
 */
import {
  IncomingMessage,
  MessageType,
  type beforeHandleAwarenessPayload,
  type beforeHandleMessagePayload,
  type Connection,
  type Document,
  type Extension,
} from '@hocuspocus/server';
import { PRESENCE_TOO_LARGE_CODE } from '../../../src/lib/live/close-reasons.ts';
import { parsePresence, samePerson, stampPresence, type PresenceIdentity } from '../../../src/lib/live/presence.ts';
import type { CollabContext } from '../live-access.ts';

/** Limits on what one connection may say in presence. */
export const PRESENCE_LIMITS = {
  clientIdsPerConnection: 2,
  stateBytes: 4 * 1024,
  messageBytes: 16 * 1024,
  updatesPerSecond: 20,
} as const;

interface Bucket {
  tokens: number;
  at: number;
}

const utf8 = new TextEncoder();

export class PresenceExtension implements Extension {
  extensionName = 'dailies-presence';
  private readonly claims = new WeakMap<Connection, Set<number>>();
  private readonly buckets = new WeakMap<Connection, Bucket>();

  async beforeHandleMessage({ update }: beforeHandleMessagePayload): Promise<void> {
    if (update.byteLength <= PRESENCE_LIMITS.messageBytes) return;
    const message = new IncomingMessage(update);
    message.readVarString();
    if (message.readVarUint() !== MessageType.Awareness) return;
    // Hocuspocus closes the connection with this code and reason when the hook throws.
    throw Object.assign(new Error(`A presence message of ${update.byteLength} bytes was refused`), {
      code: PRESENCE_TOO_LARGE_CODE,
      reason: 'presence_too_large',
    });
  }

  async beforeHandleAwareness({ connection, states, document }: beforeHandleAwarenessPayload<CollabContext>): Promise<void> {
    if (!connection) return;
    const identity = connection.context?.identity;
    if (!identity || !this.allowUpdate(connection)) {
      states.clear();
      return;
    }
    for (const [clientId, state] of [...states]) {
      const stamped = utf8.encode(JSON.stringify(state)).byteLength <= PRESENCE_LIMITS.stateBytes ? stampPresence(state, identity) : undefined;
      // Entries without a presence are dropped before claiming: Hocuspocus's decoding adds one of
      // its own (an empty state), which must never take a slot.
      if (!stamped || !this.claim(connection, document, clientId, identity)) states.delete(clientId);
      else states.set(clientId, stamped);
    }
  }

  /** Whether the connection may speak for `clientId`; the first ids it uses become its own. */
  private claim(connection: Connection, document: Document, clientId: number, identity: PresenceIdentity): boolean {
    const claimed = this.claims.get(connection) ?? new Set<number>();
    if (claimed.has(clientId)) return true;
    if (claimed.size >= PRESENCE_LIMITS.clientIdsPerConnection) return false;
    for (const other of document.getConnections()) {
      if (other !== connection && this.claims.get(other)?.has(clientId)) return false;
    }
    // Present already (through another server process): only the same person may take it over,
    // as when they reconnect to another process.
    const states = document.awareness.getStates();
    if (states.has(clientId)) {
      const present = parsePresence(states.get(clientId));
      if (!present || !samePerson(present, identity)) return false;
    }
    claimed.add(clientId);
    this.claims.set(connection, claimed);
    return true;
  }

  /** A token bucket per connection: `updatesPerSecond` at most, bursts of as many. */
  private allowUpdate(connection: Connection): boolean {
    const now = performance.now();
    const { updatesPerSecond } = PRESENCE_LIMITS;
    const bucket = this.buckets.get(connection) ?? { tokens: updatesPerSecond, at: now };
    bucket.tokens = Math.min(updatesPerSecond, bucket.tokens + ((now - bucket.at) / 1000) * updatesPerSecond);
    bucket.at = now;
    this.buckets.set(connection, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
