/**
 * What the checks of remote providers share (`dailies providers`): the host to name, and one
 * read-only request that either answers or becomes an "unreachable" verdict.
 */
import type { ProviderCheck } from './planner.types.ts';

export function hostOf(url: string): string {
  return URL.canParse(url) ? new URL(url).host : url;
}

/** GETs `url` within 10 s; a request that gets no answer is a failed check naming the host and why. */
export async function probe(url: string, headers: Record<string, string>, host: string): Promise<Response | ProviderCheck> {
  try {
    return await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  } catch (cause) {
    const reason = (cause as Error).name === 'TimeoutError' ? 'no answer within 10 s' : ((cause as Error & { cause?: Error }).cause?.message ?? (cause as Error).message);
    return { ok: false, verdict: `unreachable at ${host} (${reason})` };
  }
}
