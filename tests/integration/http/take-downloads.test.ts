/**
 * GET /segments/{id}/download?file=normalized|original: a take's files as downloads, the MP4 the
 * team reviews and the provider's own file kept beside it; clear refusals for a bad choice, a take
 * not made yet, one retention removed, and an original that was never kept.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { originalKey } from '../../../server/commands/segment-analyzer.ts';
import { purgeOldVersions } from '../../../server/commands/retention.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let owner: TestClient;
let episodeId: string;
let segments: Awaited<ReturnType<typeof generateFirstSegments>>;

type Detail = { downloads: { normalized: string | null; original: string | null } };
type Refusal = { error: { code: string; message: string; details: Record<string, unknown> } };
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
  episodeId = (await plannedEpisode(app.context.services, 'A lighthouse keeper counts the ships', 1, me.id, { width: 320, height: 180 })).id;
  await app.context.services.db.updateTable('episodes').set({ title: 'Keeper: "north" light' }).where('id', '=', episodeId).execute();
  segments = await generateFirstSegments(app.context.services, episodeId, 2);
}, 300_000);

describe('take downloads', () => {
  it('give the normalized take and the provider’s original, each named after the episode, shot and version', async () => {
    const segment = segments[0]!;
    const { storage } = app.context.services;
    const { body: detail } = await owner.json<Detail>('GET', `/api/v1/segments/${segment.id}`);
    expect(detail.downloads).toEqual({
      normalized: `/api/v1/segments/${segment.id}/download?file=normalized`,
      original: `/api/v1/segments/${segment.id}/download?file=original`,
    });

    const normalized = await owner.get(detail.downloads.normalized!);
    expect(normalized.status).toBe(200);
    expect(normalized.headers.get('content-type')).toBe('video/mp4');
    expect(decodeURIComponent(normalized.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe(`Keeper north light shot ${segment.segment_number} v1.mp4`);
    const normalizedBytes = new Uint8Array(await normalized.arrayBuffer());
    expect(sha(normalizedBytes)).toBe(sha(readFileSync(storage.localPath(segment.storage_key!)!)));

    const original = await owner.get(detail.downloads.original!);
    expect(original.status).toBe(200);
    expect(decodeURIComponent(original.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toMatch(/ v1 original\.mp4$/);
    const originalBytes = new Uint8Array(await original.arrayBuffer());
    // The provider's own file, as it was stored before normalizing: not the normalized one.
    expect(sha(originalBytes)).toBe(sha(readFileSync(storage.localPath(originalKey(segment))!)));
    expect(sha(originalBytes)).not.toBe(sha(normalizedBytes));
    expect(Buffer.from(originalBytes.subarray(4, 8)).toString('latin1')).toBe('ftyp');

    // Without ?file, the normalized take.
    const plain = await owner.get(`/api/v1/segments/${segment.id}/download`);
    expect(sha(new Uint8Array(await plain.arrayBuffer()))).toBe(sha(normalizedBytes));
  });

  it('refuses a file that is not one of the two, changing nothing', async () => {
    const before = await databaseFingerprint(app.context.services.db, { except: ['sessions'] });
    for (const query of ['file=poster', 'file=', 'file=original&extra=1']) {
      const refused = await owner.json<Refusal>('GET', `/api/v1/segments/${segments[0]!.id}/download?${query}`);
      expect(refused.status, query).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    expect(await databaseFingerprint(app.context.services.db, { except: ['sessions'] })).toEqual(before);
  });

  it('answers 409 for a take not made yet and 404 for an unknown one', async () => {
    const pending = (await app.context.services.db.selectFrom('video_segments').select('id').where('episode_id', '=', episodeId).where('status', '!=', 'completed').executeTakeFirstOrThrow()).id;
    const notReady = await owner.json<Refusal>('GET', `/api/v1/segments/${pending}/download`);
    expect(notReady.status).toBe(409);
    expect(notReady.body.error.code).toBe('take_not_ready');
    expect((await owner.json<Detail>('GET', `/api/v1/segments/${pending}`)).body.downloads).toEqual({ normalized: null, original: null });
    expect((await owner.json<Refusal>('GET', '/api/v1/segments/00000000-0000-4000-8000-000000000000/download')).status).toBe(404);
  });

  it('answers 404 when the original was not kept, and 410 naming the take once retention removed it, with both files gone', async () => {
    const segment = segments[1]!;
    const { storage, db } = app.context.services;
    await storage.delete(originalKey(segment));
    const missing = await owner.json<Refusal>('GET', `/api/v1/segments/${segment.id}/download?file=original`);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('take_file_missing');
    expect((await owner.json<Detail>('GET', `/api/v1/segments/${segment.id}`)).body.downloads.original).toBeNull();

    const first = segments[0]!;
    // A replaced take, rejected long ago: retention removes its files.
    await db.updateTable('video_segments').set({ approval_status: 'rejected', is_current: false, generated_at: new Date(Date.now() - 400 * 86_400_000) }).where('id', '=', first.id).execute();
    const report = await purgeOldVersions(app.context.services);
    expect(report.purged.map((row) => row.id)).toContain(first.id);
    const purged = await owner.json<Refusal>('GET', `/api/v1/segments/${first.id}/download?file=original`);
    expect(purged.status).toBe(410);
    expect(purged.body.error).toMatchObject({ code: 'take_purged', details: { segment_id: first.id, version: 1 } });
    expect(purged.body.error.message).toMatch(/removed by retention/);
    expect(await storage.stat(originalKey(first))).toBeUndefined();
    expect(await storage.stat(first.storage_key!)).toBeUndefined();
  });
});
