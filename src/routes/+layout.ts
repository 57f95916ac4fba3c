import { apiClient } from '$lib/services/api.ts';
import type { LayoutLoad } from './$types';

/** Who is signed in (null for nobody), for the header. */
export const load: LayoutLoad = async ({ fetch }) => {
  const me = await apiClient(fetch).me().catch(() => null);
  return { me };
};
