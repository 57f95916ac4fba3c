import type { EpisodeSummaryDto } from '$lib/api/episodes.schema.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  const { episodes } = await loadFromApi<{ episodes: EpisodeSummaryDto[] }>(fetch, url, '/me/episodes');
  return { episodes };
};
