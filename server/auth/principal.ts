/**
 * Who is making a request: nobody, an account (by session cookie or API token), or a guest who
 * opened a share link.
 */
import type { EpisodeRole } from '../db/schema.ts';
import type { Actor } from '../commands/services.ts';

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      name: string;
      isAdmin: boolean;
      via: 'session' | 'token';
      sessionId?: string;
      tokenId?: string;
      /** For API tokens: the most the token may do. */
      scope: EpisodeRole | null;
      /** A share link this person also opened: its role applies where they have none of their own. */
      guestGrant?: { shareLinkId: string; episodeId: string; role: EpisodeRole; sessionId: string };
    }
  | {
      kind: 'guest';
      sessionId: string;
      shareLinkId: string;
      episodeId: string;
      role: EpisodeRole;
      name: string;
    };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** The actor recorded for a principal's actions (reviews, audit events). */
export function actorOf(principal: Principal): Actor {
  if (principal.kind === 'user') return { userId: principal.userId, name: principal.name, shareLinkId: null };
  if (principal.kind === 'guest') return { userId: null, name: `${principal.name} (guest)`, shareLinkId: principal.shareLinkId };
  return { userId: null, name: 'anonymous', shareLinkId: null };
}
