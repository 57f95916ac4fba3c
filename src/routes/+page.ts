import type { EpisodeSummaryDto } from '$lib/api/episodes.schema.ts';
import { apiRequest } from '$lib/services/api.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

export interface ReviewTakeDto {
  id: string;
  episode_id: string;
  episode_title: string;
  segment_number: number;
  version: number;
  thumbnail_url: string | null;
  duration: number | null;
}

export interface ProvidersDto {
  planners: { id: string; description: string }[];
  unconfigured: { id: string; kind: string; missing: string[] }[];
  video: { id: string; makes_sound: boolean; max_concurrent: number }[];
}

export const load: PageLoad = async ({ fetch, url }) => {
  const [{ episodes }, reviews, providers] = await Promise.all([
    loadFromApi<{ episodes: EpisodeSummaryDto[] }>(fetch, url, '/me/episodes'),
    apiRequest<{ segments: ReviewTakeDto[] }>(fetch, '/me/reviews').catch(() => ({ segments: [] })),
    apiRequest<ProvidersDto>(fetch, '/providers').catch((): ProvidersDto => ({ planners: [], unconfigured: [], video: [] })),
  ]);
  return { episodes, reviews: reviews.segments, providers };
};
