import { ApiError, apiClient } from '$lib/services/api.ts';
import type { PageLoad } from './$types';

/** What the invitation opens, or why it cannot be used (expired, revoked, used, invalid). */
export const load: PageLoad = async ({ fetch, params }) => {
  try {
    return { info: await apiClient(fetch).invitations.info(params.token), problem: null };
  } catch (cause) {
    const problem = cause instanceof ApiError ? { code: cause.code, message: cause.message } : { code: 'unavailable', message: 'The server could not be reached.' };
    return { info: null, problem };
  }
};
