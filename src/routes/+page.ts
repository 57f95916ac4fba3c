import type { ProvidersDto } from '$lib/api/episodes.schema.ts';
import type { ReviewTakeDto } from '$lib/api/segments.schema.ts';
import { apiClient } from '$lib/services/api.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

export type { ReviewTakeDto } from '$lib/api/segments.schema.ts';

export const load: PageLoad = async ({ fetch, url }) => {
  const api = apiClient(fetch);
  const [{ episodes }, reviews, providers] = await Promise.all([
    loadFromApi(url, api.myEpisodes()),
    api.myReviews().catch((): { segments: ReviewTakeDto[] } => ({ segments: [] })),
    api.providers().catch((): ProvidersDto => ({ planners: [], unconfigured: [], video: [], images: [] })),
  ]);
  return { episodes, reviews: reviews.segments, providers };
};
