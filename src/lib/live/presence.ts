/**
 * Who is looking at what, as Yjs awareness on the episode's live document. Awareness is allowed on
 * read-only connections and is never trusted for anything but display: whatever a client states
 * here is checked for shape only.
 */

export interface Presence {
  name: string;
  /** A CSS colour (#rrggbb) for the person's cursor and badges. */
  colour: string;
  /** The slot the person has open, or null. */
  slotInView: number | null;
  /** Seconds into that slot's take, or null. */
  playhead: number | null;
  /** The awareness client id of the person being followed, or null. */
  following: number | null;
}

/** The awareness field that holds a Presence. */
export const PRESENCE_FIELD = 'presence';

const COLOUR = /^#[0-9a-f]{6}$/i;

/** A Presence from untrusted awareness state, or undefined when the shape is wrong. */
export function parsePresence(state: unknown): Presence | undefined {
  const value = (state as Record<string, unknown> | null | undefined)?.[PRESENCE_FIELD] as Record<string, unknown> | undefined;
  if (!value || typeof value !== 'object') return undefined;
  const name = typeof value.name === 'string' ? value.name.trim().slice(0, 80) : '';
  if (!name) return undefined;
  const finite = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    name,
    colour: typeof value.colour === 'string' && COLOUR.test(value.colour) ? value.colour : '#888888',
    slotInView: finite(value.slotInView),
    playhead: finite(value.playhead),
    following: finite(value.following),
  };
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
