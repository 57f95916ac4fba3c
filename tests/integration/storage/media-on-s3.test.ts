/**
 * With object storage, generation stores takes in the bucket and the media route hands the
 * browser a presigned URL (after the same authorization), which serves byte ranges itself.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompilation } from '../../../server/commands/compilation-starter.ts';
import { compileEpisode } from '../../../server/commands/episode-compiler.ts';
import { createS3Storage } from '../../../server/storage/s3.storage.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { generateFirstSegments, plannedEpisode } from '../../support/factories.ts';
import { signedUpClient, TestClient } from '../../support/http-client.ts';
import { startS3Server, type TestS3Server } from '../../support/s3-server.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let s3: TestS3Server;
let context: TestContext;
let server: AppServer;

beforeAll(async () => {
  s3 = await startS3Server();
  context = await createTestContext({
    storage: () => createS3Storage({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true }),
  });
  server = await startAppServer(context);
});
afterAll(async () => {
  await server?.close();
  await context?.cleanup();
  await s3?.stop();
});

describe('media on object storage', () => {
  it('generates into the bucket and redirects members to a presigned URL that serves ranges', async () => {
    const owner = await signedUpClient(server.base, 'owner@example.com');
    const me = (await owner.json<{ id: string }>('GET', '/api/v1/me')).body;
    const episode = await plannedEpisode(context.services, 'A paper boat in a gutter', 3, me.id);
    const [segment] = await generateFirstSegments(context.services, episode.id, 1);
    expect(segment).toMatchObject({ status: 'completed' });
    expect(context.services.storage.localPath(segment!.storage_key!)).toBeUndefined();

    expect((await new TestClient(server.base).get(segment!.video_url!)).status).toBe(401);
    const redirect = await owner.get(segment!.video_url!);
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(location.startsWith(s3.endpoint)).toBe(true);
    const ranged = await fetch(location, { headers: { range: 'bytes=4-7' } });
    expect(ranged.status).toBe(206);
    expect(new TextDecoder().decode(await ranged.arrayBuffer())).toBe('ftyp');
  });

  it('compiles from the bucket, downloading each take once and reusing its transitions next time', async () => {
    const me = { userId: null, name: 'test' };
    const episode = await plannedEpisode(context.services, 'Two kites over a hill', 2);
    const segments = await generateFirstSegments(context.services, episode.id, 2, true);
    expect(segments.slice(0, 2).map((segment) => segment.approval_status)).toEqual(['approved', 'approved']);
    const compile = async () => {
      const ids = segments.slice(0, 2).map((segment) => segment.id);
      const job = await startCompilation(context.services, episode.id, { segmentIds: ids, transitionStyle: 'dissolve', transitionDuration: 0.5 }, me);
      expect(await compileEpisode(context.services, job.id, { number: 1, max: 1 })).toBe('completed');
    };
    const cache = join(context.services.scratchDir, '..', 'cache');
    await compile();
    const output = await context.services.storage.stat(`out/${episode.id}.mp4`);
    expect(output?.size).toBeGreaterThan(0);
    const mirrored = await readdir(join(cache, 'media'), { recursive: true });
    expect(mirrored.filter((name) => name.endsWith('video.mp4'))).toHaveLength(2);
    const windows = await readdir(join(cache, 'transitions'));

    await compile();
    // The same downloaded files, so the same transition window (and soundtrack): nothing new.
    expect(await readdir(join(cache, 'transitions'))).toEqual(windows);
  });
});

