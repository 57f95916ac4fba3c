import type { Handle, HandleFetch } from '@sveltejs/kit';
import { inProcessApi } from '$lib/in-process-api.ts';

/** Same-origin API and media requests made while rendering go straight to the in-process API. */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  const api = inProcessApi();
  if (api && url.origin === event.url.origin && (url.pathname.startsWith('/api/') || url.pathname.startsWith('/media/'))) {
    // The page renders as the person who asked for it: pass their cookies along.
    const cookie = event.request.headers.get('cookie');
    if (cookie) request.headers.set('cookie', cookie);
    return api(request);
  }
  return fetch(request);
};

/** Security headers for pages (the CSP, with nonces for SvelteKit's own scripts, is in svelte.config.js). */
export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('X-Frame-Options', 'DENY');
  // Share-link pages carry their token in the URL: never leak it in a Referer.
  response.headers.set('Referrer-Policy', event.url.pathname.startsWith('/share/') ? 'no-referrer' : 'same-origin');
  return response;
};
