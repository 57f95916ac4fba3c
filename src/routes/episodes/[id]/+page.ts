import { error } from '@sveltejs/kit';
import type { EpisodeDetailDto } from '$lib/api/episodes.schema.ts';
import { ApiError, apiRequest } from '$lib/services/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  try {
    const episode = await apiRequest<EpisodeDetailDto>(fetch, `/episodes/${encodeURIComponent(params.id)}`);
    return { episode };
  } catch (cause) {
    const status = cause instanceof ApiError && cause.status >= 400 ? cause.status : 503;
    error(status, { message: (cause as Error).message });
  }
};
