import type { MeDto } from '$lib/api/auth.schema.ts';
import { apiRequest } from '$lib/services/api.ts';
import type { LayoutLoad } from './$types';

/** Who is signed in (null for nobody), for the header. */
export const load: LayoutLoad = async ({ fetch }) => {
  const me = await apiRequest<MeDto>(fetch, '/me').catch(() => null);
  return { me };
};
