/**
 * Who is looking at what, as Yjs awareness on the episode's live document. Awareness is allowed on
 * read-only connections and is used for display only. A client states only what it is doing (slot
 * in view, playhead, whom it follows); the server stamps who it is (name, colour, account or
 * guest) from the connection's credentials before anyone else sees it, so a presence cannot pass
 * for someone else.
 */

/** Who a presence is: set by the server, never by the client. */
export interface PresenceIdentity {
  name: string;
  /** A CSS colour (#rrggbb) for the person's cursor and badges. */
  colour: string;
  /** The account behind the presence, or null for a guest. */
  userId: string | null;
  /** A stable, opaque id of the guest (not their session), or null for an account. */
  guestId: string | null;
}

/** What a person is doing: stated by their own client. */
export interface PresenceActivity {
  /** The slot the person has open, or null. */
  slotInView: number | null;
  /** Seconds into that slot's take, or null. */
  playhead: number | null;
  /** The awareness client id of the person being followed, or null. */
  following: number | null;
}

export type Presence = PresenceIdentity & PresenceActivity;

/** The awareness field that holds a Presence. */
export const PRESENCE_FIELD = 'presence';

const COLOUR = /^#[0-9a-f]{6}$/i;
const PALETTE = ['#e4572e', '#29335c', '#f3a712', '#669bbc', '#a8c686', '#c1440e', '#7b2cbf', '#2a9d8f'];

/** A colour of the palette chosen by `key` (an account or guest id): the same person, the same colour. */
export function presenceColour(key: string): string {
  let hash = 0;
  for (let index = 0; index < key.length; index++) hash = (hash * 31 + key.charCodeAt(index)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

const finite = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');

/** The activity part of an untrusted presence, or undefined when the state carries no presence. */
export function parseActivity(state: unknown): PresenceActivity | undefined {
  const value = (state as Record<string, unknown> | null | undefined)?.[PRESENCE_FIELD] as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object') return undefined;
  return { slotInView: finite(value.slotInView), playhead: finite(value.playhead), following: finite(value.following) };
}

/** A Presence from awareness state, or undefined when the shape is wrong. */
export function parsePresence(state: unknown): Presence | undefined {
  const activity = parseActivity(state);
  if (!activity) return undefined;
  const value = (state as Record<string, Record<string, unknown>>)[PRESENCE_FIELD]!;
  const name = text(value.name, 80);
  if (!name) return undefined;
  const userId = text(value.userId, 64) || null;
  const guestId = text(value.guestId, 64) || null;
  return {
    name,
    colour: typeof value.colour === 'string' && COLOUR.test(value.colour) ? value.colour : '#888888',
    userId,
    guestId,
    ...activity,
  };
}

/**
 * The awareness state the server lets through for an untrusted one: the client's activity with
 * the identity replaced by `identity`, and nothing else; undefined when it carries no presence.
 */
export function stampPresence(state: unknown, identity: PresenceIdentity): Record<string, unknown> | undefined {
  const activity = parseActivity(state);
  return activity ? { [PRESENCE_FIELD]: { ...identity, ...activity } } : undefined;
}

/** Whether two presences are the same person (an account, or one guest). */
export function samePerson(a: Pick<PresenceIdentity, 'userId' | 'guestId'>, b: Pick<PresenceIdentity, 'userId' | 'guestId'>): boolean {
  return (a.userId !== null && a.userId === b.userId) || (a.guestId !== null && a.guestId === b.guestId);
}

/** Everyone present except `selfClientId`, by awareness client id. */
export function othersPresent(states: Map<number, Record<string, unknown>>, selfClientId: number): Map<number, Presence> {
  const others = new Map<number, Presence>();
  for (const [clientId, state] of states) {
    if (clientId === selfClientId) continue;
    const presence = parsePresence(state);
    if (presence) others.set(clientId, presence);
  }
  return others;
}
