/**
 * The API's fetch function, published by the server process so that pages rendered on the server
 * call the API in process instead of over the network. SvelteKit's own server-side `fetch` would
 * otherwise route same-origin `/api` requests back into SvelteKit, which does not serve them.
 */
export type ApiFetch = (request: Request) => Response | Promise<Response>;

const KEY = Symbol.for('dailies.in-process-api');

export function publishInProcessApi(fetchFn: ApiFetch | undefined): void {
  (globalThis as Record<symbol, unknown>)[KEY] = fetchFn;
}

export function inProcessApi(): ApiFetch | undefined {
  return (globalThis as Record<symbol, unknown>)[KEY] as ApiFetch | undefined;
}
