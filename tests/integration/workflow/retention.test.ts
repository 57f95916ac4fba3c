/**
 * The retention policy with a controllable clock: files of rejected versions older than 7 days and
 * of versions beyond the newest 3 per slot are deleted; the current and approved versions never.
 */
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEpisode } from '../../../server/commands/episode-creator.ts';
import { sweepCompileCaches } from '../../../server/commands/media-cache.ts';
import { purgeOldVersions } from '../../../server/commands/retention.ts';
import { captionsKey } from '../../../server/commands/segment-analyzer.ts';
import { rejectSegment } from '../../../server/commands/segment-reviews.ts';
import { regenerateSegment } from '../../../server/commands/segment-versions.ts';
import { listVersions } from '../../../server/db/queries/segment.queries.ts';
import type { VideoSegment } from '../../../server/db/schema.ts';
import { generateAndAnalyze } from '../../support/factories.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let versions: VideoSegment[];
const actor = { userId: null, name: 'tester' };
const DAY = 86_400_000;

async function captionsFile(): Promise<string> {
  const path = join(context.services.dataDir, `captions-${Math.random().toString(36).slice(2)}.vtt`);
  await writeFile(path, 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello.\n');
  return path;
}

const fileOf = (segment: VideoSegment) => context.services.storage.localPath(segment.storage_key!)!;

beforeAll(async () => {
  context = await createTestContext();
  const episode = await createEpisode(context.services, { shots: [{ prompt: 'A kite over a beach', duration: 1 }] }, actor);
  let current = (await context.services.db.selectFrom('video_segments').selectAll().where('episode_id', '=', episode.id).executeTakeFirstOrThrow());
  // Five takes: v1 … v5, each rejected before the next, v5 current and undecided.
  for (let take = 1; take <= 5; take += 1) {
    await generateAndAnalyze(context.services, current.id);
    if (take === 5) break;
    await rejectSegment(context.services, current.id, actor, { reason: `take ${take} is off` });
    current = await regenerateSegment(context.services, current.id, { changes: {}, keepOriginal: true }, actor);
  }
  const all = await listVersions(context.services.db, current.shot_id);
  // v1 was approved in the end (rolled back to and approved elsewhere), v4 is undecided.
  await context.services.db.updateTable('video_segments').set({ approval_status: 'approved', approved_at: new Date() }).where('version', '=', 1).where('shot_id', '=', current.shot_id).execute();
  await context.services.db.updateTable('video_segments').set({ approval_status: 'pending' }).where('version', '=', 4).where('shot_id', '=', current.shot_id).execute();
  expect(all.map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
  versions = (await listVersions(context.services.db, current.shot_id)).reverse();
  for (const version of versions) expect(existsSync(fileOf(version))).toBe(true);
});
afterAll(async () => context?.cleanup());

describe('retention', () => {
  it('keeps the newest three, the current and the approved; purges the older rejected', async () => {
    // Captions beside every take: a purged take's go with its video.
    for (const version of versions) await context.services.storage.putFile(captionsKey(version), await captionsFile());
    const report = await purgeOldVersions(context.services, new Date());
    expect(report.purged.map((p) => [p.version, p.reason])).toEqual([[2, 'beyond_newest']]);
    const after = (await listVersions(context.services.db, versions[0]!.shot_id)).reverse();
    expect(after.map((v) => v.purged_at !== null)).toEqual([false, true, false, false, false]);
    expect(existsSync(fileOf(versions[1]!))).toBe(false);
    for (const index of [0, 2, 3, 4]) expect(existsSync(fileOf(versions[index]!))).toBe(true);
    const captions = await Promise.all(versions.map(async (version) => (await context.services.storage.stat(captionsKey(version))) !== undefined));
    expect(captions).toEqual([true, false, true, true, true]);
  });

  it('purges a rejected version among the newest once it is older than seven days', async () => {
    expect((await purgeOldVersions(context.services, new Date(Date.now() + 6 * DAY))).purged).toEqual([]);
    const report = await purgeOldVersions(context.services, new Date(Date.now() + 8 * DAY));
    expect(report.purged.map((p) => [p.version, p.reason])).toEqual([[3, 'rejected']]);
    expect(existsSync(fileOf(versions[2]!))).toBe(false);
    // Approved v1, undecided v4 and current v5 survive any clock.
    expect((await purgeOldVersions(context.services, new Date(Date.now() + 3650 * DAY))).purged).toEqual([]);
    for (const index of [0, 3, 4]) expect(existsSync(fileOf(versions[index]!))).toBe(true);
  });

  it('follows a configured policy', async () => {
    context.services.engine.retention = { rejectedAfterDays: 7, keepVersions: 1 };
    const report = await purgeOldVersions(context.services, new Date());
    // v4 is beyond the newest one now; v1 is approved and stays.
    expect(report.purged.map((p) => p.version)).toEqual([4]);
  });

  it('sweeps both compile caches under the data folder by the configured days', async () => {
    const old = new Date(Date.now() - 31 * DAY);
    const paths = ['transitions/0123456789abcdef.mp4', 'media/ab/take.mp4', 'transitions/fedcba9876543210.mp4'].map((name) =>
      join(context.services.dataDir, 'cache', name),
    );
    for (const [index, path] of paths.entries()) {
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, 'piece');
      if (index < 2) await utimes(path, old, old);
    }
    context.services.engine.compileCache = { maxBytes: 1024 * 1024, unusedForDays: 30 };
    const report = await sweepCompileCaches(context.services);
    expect([report.transitions.removed, report.media.removed]).toEqual([1, 1]);
    expect(paths.map((path) => existsSync(path))).toEqual([false, false, true]);
  });
});
