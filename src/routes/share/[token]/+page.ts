import type { ShareInfoDto } from '$lib/api/auth.schema.ts';
import { ApiError, apiClient } from '$lib/services/api.ts';
import type { PageLoad } from './$types';

export type ShareInfo = ShareInfoDto;

/** What the link opens, or why it cannot be used (expired, revoked, invalid) — never any episode data. */
export const load: PageLoad = async ({ fetch, params }) => {
  try {
    const info = await apiClient(fetch).share.info(params.token);
    return { info, problem: null };
  } catch (cause) {
    const problem = cause instanceof ApiError ? { code: cause.code, message: cause.message } : { code: 'unavailable', message: 'The server could not be reached.' };
    return { info: null, problem };
  }
};
