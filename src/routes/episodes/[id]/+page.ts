import { error } from '@sveltejs/kit';
import type { EpisodeCostsDto, EpisodeDetailDto } from '$lib/api/episodes.schema.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.id)) error(404, { message: 'There is no such episode.' });
  const path = `/episodes/${encodeURIComponent(params.id)}`;
  const [episode, costs] = await Promise.all([loadFromApi<EpisodeDetailDto>(fetch, url, path), loadFromApi<EpisodeCostsDto>(fetch, url, `${path}/costs`)]);
  return { episode, costs };
};
