import type { EpisodeSummaryDto, ProvidersDto } from '$lib/api/episodes.schema.ts';
import type { ReviewTakeDto } from '$lib/api/segments.schema.ts';
import { apiRequest } from '$lib/services/api.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

export type { ReviewTakeDto } from '$lib/api/segments.schema.ts';

export const load: PageLoad = async ({ fetch, url }) => {
  const [{ episodes }, reviews, providers] = await Promise.all([
    loadFromApi<{ episodes: EpisodeSummaryDto[] }>(fetch, url, '/me/episodes'),
    apiRequest<{ segments: ReviewTakeDto[] }>(fetch, '/me/reviews').catch(() => ({ segments: [] })),
    apiRequest<ProvidersDto>(fetch, '/providers').catch((): ProvidersDto => ({ planners: [], unconfigured: [], video: [], images: [] })),
  ]);
  return { episodes, reviews: reviews.segments, providers };
};
