/**
 * Loading API data for a page: a 401 sends the person to the login page and back afterwards;
 * other failures become the page's error, in words.
 */
import { error, redirect } from '@sveltejs/kit';
import { ApiError } from './api.ts';

/** Runs one API call (`apiClient(fetch).…`) for the page at `url`. */
export async function loadFromApi<T>(url: URL, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 401 && cause.code.startsWith('share_link_')) {
      error(410, { message: cause.message, code: cause.code });
    }
    if (cause instanceof ApiError && cause.status === 401) {
      redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    const status = cause instanceof ApiError && cause.status >= 400 ? cause.status : 503;
    error(status, { message: (cause as Error).message, code: cause instanceof ApiError ? cause.code : 'unavailable' });
  }
}

/** Only same-site paths are followed after login, never another site. */
export function safeNext(value: string | null): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/';
}
