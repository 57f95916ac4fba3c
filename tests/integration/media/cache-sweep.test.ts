/**
 * The compile caches stay within bounds: pieces unused for the set number of days go, then the
 * least recently used until the folder fits; a cache hit counts as a use; nothing used within the
 * last hour is removed, however full the folder is.
 */
import { mkdir, mkdtemp, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepCacheFolder } from '../../../server/media/cache-sweep.ts';
import { directoryTransitionCache } from '../../../server/media/transitions.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-12-04T12:00:00Z');

let dir: string;

async function piece(name: string, bytes: number, usedMsAgo: number): Promise<string> {
  const path = join(dir, name);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, Buffer.alloc(bytes, 1));
  const at = new Date(NOW.getTime() - usedMsAgo);
  await utimes(path, at, at);
  return path;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dailies-cache-sweep-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('compile cache sweep', () => {
  it('removes pieces unused for longer than the limit and keeps the rest', async () => {
    const old = await piece('a.mp4', 100, 31 * DAY);
    const recent = await piece('b.mp4', 100, 29 * DAY);
    const nested = await piece('media/ab/take.mp4', 50, 40 * DAY);
    const report = await sweepCacheFolder(dir, { maxBytes: 1_000_000, unusedForMs: 30 * DAY, now: NOW });
    expect(report).toEqual({ removed: 2, freedBytes: 150, keptBytes: 100 });
    expect([await exists(old), await exists(recent), await exists(nested)]).toEqual([false, true, false]);
  });

  it('removes the least recently used first until the folder fits, never a piece used within the hour', async () => {
    const oldest = await piece('1.mp4', 400, 5 * DAY);
    const middle = await piece('2.mp4', 400, 3 * DAY);
    const newer = await piece('3.mp4', 400, 2 * HOUR);
    const justUsed = await piece('4.mp4', 400, 10 * 60_000);
    // 1600 bytes against a 500-byte limit: the three older ones go, the one used ten minutes ago stays.
    const report = await sweepCacheFolder(dir, { maxBytes: 500, unusedForMs: 30 * DAY, now: NOW });
    expect(report).toEqual({ removed: 3, freedBytes: 1200, keptBytes: 400 });
    expect([await exists(oldest), await exists(middle), await exists(newer), await exists(justUsed)]).toEqual([false, false, false, true]);

    // With room for two, only what is needed to fit goes, oldest first.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir);
    const a = await piece('a.mp4', 400, 5 * DAY);
    const b = await piece('b.mp4', 400, 3 * DAY);
    const c = await piece('c.mp4', 400, 2 * DAY);
    expect(await sweepCacheFolder(dir, { maxBytes: 800, unusedForMs: 30 * DAY, now: NOW })).toEqual({ removed: 1, freedBytes: 400, keptBytes: 800 });
    expect([await exists(a), await exists(b), await exists(c)]).toEqual([false, true, true]);
  });

  it('counts a cache hit as a use, so a piece a compile just read survives an older, unread one', async () => {
    const cache = directoryTransitionCache(join(dir, 'cache'));
    const key = (n: number) => String(n).repeat(32);
    for (const n of [1, 2]) {
      await writeFile(join(dir, `piece-${n}.mp4`), Buffer.alloc(300, n));
      await cache.put(key(n), join(dir, `piece-${n}.mp4`));
      await rm(join(dir, `piece-${n}.mp4`));
    }
    const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
    await utimes(join(dir, 'cache', `${key(1)}.mp4`), daysAgo(3), daysAgo(3));
    await utimes(join(dir, 'cache', `${key(2)}.mp4`), daysAgo(2), daysAgo(2));
    // Piece 1 is the older, but a compile reads it now.
    expect(await cache.get(key(1))).toBe(join(dir, 'cache', `${key(1)}.mp4`));
    const report = await sweepCacheFolder(join(dir, 'cache'), { maxBytes: 300, unusedForMs: 30 * DAY, minAgeMs: 0 });
    expect(report.removed).toBe(1);
    expect(await cache.get(key(1))).toBeDefined();
    expect(await cache.get(key(2))).toBeUndefined();
  });

  it('treats a missing folder as empty', async () => {
    expect(await sweepCacheFolder(join(dir, 'never-made'), { maxBytes: 0, unusedForMs: 0, now: NOW })).toEqual({ removed: 0, freedBytes: 0, keptBytes: 0 });
  });
});
