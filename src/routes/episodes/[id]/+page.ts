import type { EpisodeDetailDto } from '$lib/api/episodes.schema.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params, url }) => {
  const episode = await loadFromApi<EpisodeDetailDto>(fetch, url, `/episodes/${encodeURIComponent(params.id)}`);
  return { episode };
};
