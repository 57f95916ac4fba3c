import { error } from '@sveltejs/kit';
import type { EpisodeDetailDto } from '$lib/api/episodes.schema.ts';
import type { SegmentDetailDto } from '$lib/api/segments.schema.ts';
import { loadFromApi } from '$lib/services/load.ts';
import type { PageLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageLoad = async ({ fetch, params, url }) => {
  if (!UUID.test(params.id) || !UUID.test(params.segmentId)) error(404, { message: 'There is no such segment.' });
  const [episode, segment] = await Promise.all([
    loadFromApi<EpisodeDetailDto>(fetch, url, `/episodes/${encodeURIComponent(params.id)}`),
    loadFromApi<SegmentDetailDto>(fetch, url, `/segments/${encodeURIComponent(params.segmentId)}`),
  ]);
  if (segment.episode_id !== episode.id) error(404, { message: 'This segment belongs to another episode.' });
  return { episode, segment };
};
