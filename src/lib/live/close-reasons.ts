/**
 * Why the server closed a live connection. The reason travels as the Hocuspocus close message's
 * text (the provider's `close` event, `event.reason`); pages show the sentence beside it.
 */
export const LIVE_CLOSE_REASONS = {
  signed_out: 'You were signed out (a logout, or a password change). Sign in again and reload to keep watching.',
  token_revoked: 'The API token this connection used was revoked or has expired.',
  share_link_revoked: 'The share link you opened this episode with was revoked. Ask the person who shared it for a new one.',
  share_link_expired: 'The share link you opened this episode with has expired. Ask the person who shared it for a new one.',
  access_removed: 'You no longer have access to this episode. Ask its owner if this is a mistake.',
  presence_too_large: 'This page sent more presence data than the server accepts, so the live view was closed. Reload the page.',
} as const;

export type LiveCloseReason = keyof typeof LIVE_CLOSE_REASONS;

/** Close code the server uses when access ended (logs; the provider reports 1000 whatever it is). */
export const ACCESS_ENDED_CODE = 4403;
/** Close code for a presence message over the size limit. */
export const PRESENCE_TOO_LARGE_CODE = 4413;

/** Whether a close reason means the person may no longer see the episode (all but a page's own fault). */
export function endsAccess(reason: string | undefined): boolean {
  return liveCloseMessage(reason) !== undefined && reason !== 'presence_too_large';
}

/** The sentence for a close reason the server sends, or undefined for any other close. */
export function liveCloseMessage(reason: string | undefined): string | undefined {
  return reason !== undefined && Object.hasOwn(LIVE_CLOSE_REASONS, reason) ? LIVE_CLOSE_REASONS[reason as LiveCloseReason] : undefined;
}
