import { error } from '@sveltejs/kit';
import { apiClient } from '$lib/services/api.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.id)) error(404, { message: 'There is no such episode.' });
  const api = apiClient(fetch);
  const [episode, costs] = await Promise.all([loadFromApi(url, api.episodes.get(params.id)), loadFromApi(url, api.episodes.costs(params.id))]);
  return { episode, costs };
};
