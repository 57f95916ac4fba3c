import { ApiError, apiClient } from '$lib/services/api.ts';
import type { PageLoad } from './$types';

/** What the link stops, read only (a mail scanner opening the link changes nothing), or why the link cannot be used. */
export const load: PageLoad = async ({ fetch, params }) => {
  try {
    return { info: await apiClient(fetch).unsubscribe.describe(params.token), problem: null };
  } catch (cause) {
    const problem = cause instanceof ApiError ? { code: cause.code, message: cause.message } : { code: 'unavailable', message: 'The server could not be reached.' };
    return { info: null, problem };
  }
};
