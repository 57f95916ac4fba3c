/**
 * Transitions of the smart compile: the names users pick, the xfade effect each one renders with,
 * and the cache that lets a compile reuse transition pieces rendered by an earlier one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFile, link, mkdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TRANSITIONS, type Transition } from '../../src/lib/domain/enums.ts';

/** Transitions a compile can use between consecutive clips. */
export const SMART_TRANSITIONS = TRANSITIONS;
export type SmartTransition = Transition;

/** How two neighbouring clips meet, when it differs from the compile's own transition. */
export interface JoinTransition {
  transition: SmartTransition;
  /** Seconds the transition lasts (rounded to whole frames; ignored for cuts); the compile's when absent. */
  durationSeconds?: number;
}

/** A join settled on the frame grid: its transition and how many frames the two clips overlap (0 for a cut). */
export interface ResolvedJoin {
  transition: SmartTransition;
  durationSeconds: number;
  frames: number;
}

/**
 * The xfade effect for a transition. "dissolve" is a plain cross-dissolve (xfade's `fade`, the
 * same look as the naive compile), not xfade's own `dissolve`, which is a pixel-noise effect;
 * "fade" goes through black.
 */
export function xfadeEffect(transition: Exclude<SmartTransition, 'cut'>): string {
  switch (transition) {
    case 'fade':
      return 'fadeblack';
    case 'dissolve':
      return 'fade';
    default:
      return transition;
  }
}

/**
 * Where rendered pieces are kept between compiles (transition windows, and the sound's pieces:
 * decoded clip PCM, crossfades, AAC chunks, encoded soundtracks), by a content key that changes
 * whenever an input or a setting does. `put` must keep its own copy:
 * the file at `path` belongs to the compile and is deleted when it ends.
 */
export interface TransitionCache {
  get(key: string): Promise<string | undefined>;
  put(key: string, path: string): Promise<void>;
}

/**
 * What identifies a file's content for caching without reading it: absolute path, size, inode and
 * modification time. Normalized clips are written once under a new name and never edited in
 * place, so a change of content always changes one of these.
 */
export async function fileIdentity(path: string): Promise<string> {
  const absolute = resolve(path);
  const info = await stat(absolute);
  return `${absolute}|${info.size}|${info.ino}|${info.mtimeMs}`;
}

/** A stable cache key (hex SHA-256) for the JSON of `parts`. */
export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * A `TransitionCache` in a local folder: one `<key>.mp4` per piece. Entries are hard-linked when
 * possible (no copy) and otherwise copied, always through a temporary name so a reader never sees
 * half a piece.
 */
export function directoryTransitionCache(dir: string): TransitionCache {
  const pathFor = (key: string) => {
    if (!/^[0-9a-f]{16,128}$/.test(key)) throw new Error(`Invalid transition cache key "${key}"`);
    return join(dir, `${key}.mp4`);
  };
  return {
    async get(key) {
      const path = pathFor(key);
      try {
        const info = await stat(path);
        if (!info.isFile() || info.size === 0) return undefined;
        // A hit marks the piece as used, so the sweep (media/cache-sweep.ts) keeps what cuts still need.
        const now = new Date();
        await utimes(path, now, now).catch(() => undefined);
        return path;
      } catch {
        return undefined;
      }
    },
    async put(key, path) {
      await mkdir(dir, { recursive: true });
      const temp = join(dir, `.${key}.${randomBytes(4).toString('hex')}.partial`);
      try {
        await link(path, temp).catch(() => copyFile(path, temp));
        await rename(temp, pathFor(key));
      } finally {
        await rm(temp, { force: true });
      }
    },
  };
}
