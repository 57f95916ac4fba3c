/**
 * What the log-in and sign-up pages share: both hand on the address the person was going to, and
 * both end by reloading what a new session changes and going there.
 */
import { goto, invalidateAll } from '$app/navigation';
import { safeNext } from './load.ts';

/** `?next=…` that carries the checked destination to the other form; empty when there is none. */
export function nextQuery(url: URL): string {
  const next = url.searchParams.get('next');
  return next ? `?next=${encodeURIComponent(safeNext(next))}` : '';
}

/** Reloads every page's data for the new session, then goes where the person was going. */
export async function enterSession(url: URL): Promise<void> {
  await invalidateAll();
  // eslint-disable-next-line svelte/no-navigation-without-resolve -- a same-site path checked by safeNext
  await goto(safeNext(url.searchParams.get('next')));
}
