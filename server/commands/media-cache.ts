/**
 * What compiles keep between runs, under the data folder's `cache/`: rendered transition windows
 * and the pieces of the sound (each clip's decoded PCM, crossfades, AAC chunks, encoded
 * soundtracks; `cache/transitions`), and, on storage without local paths (S3), the downloaded
 * takes they were made from (`cache/media`), so a take keeps one file identity and is fetched once.
 */
import { join } from 'node:path';
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
