import { redirect } from '@sveltejs/kit';
import { apiClient } from '$lib/services/api.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

/** The inbox of the account signed in (`?unread=1`: unread items only) and its email settings; guests and visitors log in first. */
export const load: PageLoad = async ({ depends, fetch, parent, url }) => {
  depends('app:inbox');
  const { me } = await parent();
  if (me?.kind !== 'user') redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  const api = apiClient(fetch);
  const unreadOnly = url.searchParams.get('unread') === '1';
  const [inbox, mail] = await Promise.all([loadFromApi(url, api.inbox.list({ unread: unreadOnly })), loadFromApi(url, api.inbox.mailPreferences())]);
  return { inbox, mail, unreadOnly };
};
