/**
 * What compiles keep between runs, under the data folder's `cache/`: rendered transition windows
 * and the pieces of the sound (each clip's decoded PCM, crossfades, AAC chunks, encoded
 * soundtracks; `cache/transitions`), and, on storage without local paths (S3), the downloaded
 * takes they were made from (`cache/media`), so a take keeps one file identity and is fetched once.
 */
import { join } from 'node:path';
import { sweepCacheFolder, type CacheSweepReport } from '../media/cache-sweep.ts';
import { directoryTransitionCache, type TransitionCache } from '../media/transitions.ts';
import { mirroredFileFor } from '../storage/storage.ts';
import type { Services } from './services.ts';

function cacheDir(services: Services, name: string): string {
  return join(services.dataDir, 'cache', name);
}

export function transitionCacheFor(services: Services): TransitionCache {
  return directoryTransitionCache(cacheDir(services, 'transitions'));
}

/** A local path of a stored take (or music) for ffmpeg, stable from one compile to the next. */
export function compileSourceFor(services: Services, key: string): Promise<string> {
  return mirroredFileFor(services.storage, key, cacheDir(services, 'media'));
}

/**
 * Keeps both cache folders within `engine.compileCache`: pieces unused for that many days go, then
 * the least recently used until each folder fits. Run with the daily retention.
 */
export async function sweepCompileCaches(services: Services, now: Date = new Date()): Promise<Record<'transitions' | 'media', CacheSweepReport>> {
  const { maxBytes, unusedForDays } = services.engine.compileCache;
  const options = { maxBytes, unusedForMs: unusedForDays * 86_400_000, now };
  const transitions = await sweepCacheFolder(cacheDir(services, 'transitions'), options);
  const media = await sweepCacheFolder(cacheDir(services, 'media'), options);
  const removed = transitions.removed + media.removed;
  if (removed > 0) {
    const mb = (transitions.freedBytes + media.freedBytes) / 1024 / 1024;
    services.log.info(`Compile caches: removed ${removed} unused piece(s), ${mb.toFixed(1)} MB.`);
  }
  return { transitions, media };
}
