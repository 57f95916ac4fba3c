import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Storage, type S3StorageConfig } from '../../../server/storage/s3.storage.ts';
import type { Storage } from '../../../server/storage/storage.ts';
import { startS3Server, type TestS3Server } from '../../support/s3-server.ts';
import { CRAFTED_KEYS, freshKey, describeStorageContract } from './storage-contract.ts';

const configOf = (server: TestS3Server): S3StorageConfig => ({
  bucket: server.bucket,
  region: server.region,
  endpoint: server.endpoint,
  accessKeyId: server.accessKeyId,
  secretAccessKey: server.secretAccessKey,
  forcePathStyle: true,
});

describeStorageContract('s3', async () => {
  const server = await startS3Server();
  return { storage: createS3Storage(configOf(server)), close: () => server.stop() };
});

describe('s3 storage specifics', () => {
  let server: TestS3Server;
  let storage: Storage;
  let work: string;
  beforeAll(async () => {
    server = await startS3Server();
    storage = createS3Storage(configOf(server));
    work = await mkdtemp(join(tmpdir(), 'dailies-s3-storage-'));
  });
  afterAll(async () => {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  });

  it('has no local path, so callers download instead', async () => {
    const key = freshKey();
    const source = join(work, 'source.mp4');
    await writeFile(source, 'downloadable');
    await storage.putFile(key, source);
    expect(storage.localPath(key)).toBeUndefined();
    const target = join(work, 'nested', 'copy.mp4');
    await storage.download!(key, target);
    expect(await readFile(target, 'utf8')).toBe('downloadable');
    await expect(storage.download!(freshKey(), join(work, 'missing.mp4'))).rejects.toThrow();
    await expect(readFile(join(work, 'missing.mp4'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('hands out presigned GET URLs that serve byte ranges to a plain fetch', async () => {
    const key = freshKey();
    const source = join(work, 'ranged.mp4');
    await writeFile(source, '0123456789abcdef');
    await storage.putFile(key, source);
    const url = await storage.presignedUrl!(key, 60);
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');

    const ranged = await fetch(url, { headers: { Range: 'bytes=3-7' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe('bytes 3-7/16');
    expect(ranged.headers.get('content-type')).toBe('video/mp4');
    expect(await ranged.text()).toBe('34567');

    const whole = await fetch(url);
    expect(whole.status).toBe(200);
    expect(await whole.text()).toBe('0123456789abcdef');

    // A SigV4 query-string signature; the test server does not verify SigV4, real S3 does.
    const query = new URL(url).searchParams;
    expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(query.get('X-Amz-Credential')).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(query.get('X-Amz-SignedHeaders')).toBe('host');
    expect(query.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('uses the configured default lifetime and refuses impossible ones', async () => {
    const short = createS3Storage({ ...configOf(server), presignSeconds: 120 });
    const url = await short.presignedUrl!(freshKey());
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('120');
    await expect(short.presignedUrl!(freshKey(), 0)).rejects.toThrow(RangeError);
    await expect(short.presignedUrl!(freshKey(), 8 * 24 * 3600)).rejects.toThrow(RangeError);
  });

  it('refuses crafted keys without sending a single request', async () => {
    let requests = 0;
    const counter = createServer((request, response) => {
      requests += 1;
      response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = counter.address() as AddressInfo;
      const probe = createS3Storage({ ...configOf(server), endpoint: `http://127.0.0.1:${port}` });
      const source = join(work, 'probe.mp4');
      await writeFile(source, 'probe');
      for (const key of CRAFTED_KEYS) {
        await expect(probe.putFile(key, source)).rejects.toThrow(/not valid/);
        await expect(probe.stat(key)).rejects.toThrow(/not valid/);
        await expect(probe.read(key, { start: 0, end: 0 })).rejects.toThrow(/not valid/);
        await expect(probe.delete(key)).rejects.toThrow(/not valid/);
        await expect(probe.presignedUrl!(key)).rejects.toThrow(/not valid/);
      }
      expect(requests).toBe(0);
      // The probe does reach the counter for a valid key, so zero above means "refused first".
      await expect(probe.stat(freshKey())).rejects.toThrow();
      expect(requests).toBeGreaterThan(0);
    } finally {
      await new Promise((resolve) => counter.close(resolve));
    }
  });
});
