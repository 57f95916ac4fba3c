/**
 * What the log-in and sign-up pages share: both hand on the address the person was going to, and
 * both end by reloading what a new session changes and going there.
 */
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import { apiClient } from './api.ts';
import { safeNext } from './load.ts';

/**
 * `?next=…` that carries the checked destination to the other form, and `invitation=…` the
 * invitation the person came with (with `proof=…`, its emailed link's mailbox proof); empty when
 * there is none of them.
 */
export function nextQuery(url: URL): string {
  const next = url.searchParams.get('next');
  const invitation = url.searchParams.get('invitation');
  const proof = invitation && url.searchParams.get('proof');
  const query = new URLSearchParams({ ...(next && { next: safeNext(next) }), ...(invitation && { invitation }), ...(proof && { proof }) }).toString();
  return query ? `?${query}` : '';
}

/**
 * Reloads every page's data for the new session, then goes where the person was going: with an
 * invitation (`?invitation=<token>`, from the invitation page), the new session accepts it first
 * and the person lands on its episode.
 */
export async function enterSession(url: URL): Promise<void> {
  const invitation = url.searchParams.get('invitation');
  if (invitation) {
    const joined = await apiClient(fetch).invitations.accept(invitation);
    // Reloading this page's own data would ask about the invitation just used (410): only the next page's.
    await goto(resolve('/episodes/[id]', { id: joined.episode_id }), { invalidateAll: true });
    return;
  }
  // eslint-disable-next-line svelte/no-navigation-without-resolve -- a same-site path checked by safeNext
  await goto(safeNext(url.searchParams.get('next')), { invalidateAll: true });
}
