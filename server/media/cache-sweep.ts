/**
 * Keeps a cache folder of rendered pieces within bounds: what nobody used for a while goes, then
 * the least recently used until the folder fits its size. A piece is "used" when a compile reads
 * it (the cache touches it on every hit), so what the current cuts need stays. Nothing younger
 * than `minAgeMs` is removed, whatever the size: a compile that has just looked a piece up may
 * still be reading it, and a `.partial` file that young is still being written.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export interface CacheSweepOptions {
  /** The folder may hold at most this many bytes after the sweep (pieces younger than `minAgeMs` aside). */
  maxBytes: number;
  /** Pieces not used for this long are removed whatever the size. */
  unusedForMs: number;
  /** Pieces used more recently than this are never removed. One hour by default. */
  minAgeMs?: number;
  now?: Date;
}

export interface CacheSweepReport {
  removed: number;
  freedBytes: number;
  keptBytes: number;
}

interface Entry {
  path: string;
  size: number;
  usedAt: number;
}

async function filesUnder(dir: string): Promise<Entry[]> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: Entry[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile()) entries.push({ path, size: info.size, usedAt: info.mtimeMs });
  }
  return entries;
}

/** Sweeps `dir` (and its subfolders); a missing folder is an empty one. */
export async function sweepCacheFolder(dir: string, options: CacheSweepOptions): Promise<CacheSweepReport> {
  const now = (options.now ?? new Date()).getTime();
  const minAgeMs = options.minAgeMs ?? 3_600_000;
  const entries = (await filesUnder(dir)).sort((a, b) => a.usedAt - b.usedAt);
  let total = entries.reduce((sum, entry) => sum + entry.size, 0);
  const report: CacheSweepReport = { removed: 0, freedBytes: 0, keptBytes: 0 };
  for (const entry of entries) {
    const age = now - entry.usedAt;
    if (age < minAgeMs) continue;
    if (age <= options.unusedForMs && total <= options.maxBytes) continue;
    await rm(entry.path, { force: true });
    total -= entry.size;
    report.removed += 1;
    report.freedBytes += entry.size;
  }
  report.keptBytes = total;
  return report;
}
