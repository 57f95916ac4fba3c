import { error } from '@sveltejs/kit';
import { apiClient } from '$lib/services/api.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageLoad = async ({ fetch, params, url }) => {
  if (!UUID.test(params.id) || !UUID.test(params.choiceId)) error(404, { message: 'There is no such vote.' });
  const api = apiClient(fetch);
  const [episode, choice] = await Promise.all([loadFromApi(url, api.episodes.get(params.id)), loadFromApi(url, api.choices.get(params.id, params.choiceId))]);
  return { episode, choice };
};
