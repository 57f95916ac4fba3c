import type { HandleFetch } from '@sveltejs/kit';
import { inProcessApi } from '$lib/in-process-api.ts';

/** Same-origin API and media requests made while rendering go straight to the in-process API. */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  const api = inProcessApi();
  if (api && url.origin === event.url.origin && (url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/'))) {
    return api(request);
  }
  return fetch(request);
};
