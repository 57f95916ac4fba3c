import { error } from '@sveltejs/kit';
import { apiClient } from '$lib/services/api.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageLoad = async ({ fetch, params, url }) => {
  if (![params.id, params.segmentId, params.otherId].every((value) => UUID.test(value))) error(404, { message: 'There is no such take.' });
  const api = apiClient(fetch);
  const [left, right] = await Promise.all([loadFromApi(url, api.segments.get(params.segmentId)), loadFromApi(url, api.segments.get(params.otherId))]);
  if (left.episode_id !== params.id || right.episode_id !== params.id || left.shot_id !== right.shot_id) {
    error(404, { message: 'Only two takes of the same shot can be compared.' });
  }
  // The shot's threads hold the notes of both takes; each side shows its own drawings.
  const notes = await loadFromApi(url, api.notes.list(left.id));
  return { left, right, episodeId: params.id, notes };
};
