import { error } from '@sveltejs/kit';
import { apiClient } from '$lib/services/api.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageLoad = async ({ fetch, params, url }) => {
  if (!UUID.test(params.id) || !UUID.test(params.segmentId)) error(404, { message: 'There is no such segment.' });
  const api = apiClient(fetch);
  const [episode, segment] = await Promise.all([loadFromApi(url, api.episodes.get(params.id)), loadFromApi(url, api.segments.get(params.segmentId))]);
  if (segment.episode_id !== episode.id) error(404, { message: 'This segment belongs to another episode.' });
  return { episode, segment };
};
