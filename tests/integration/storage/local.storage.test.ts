import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../../server/storage/local.storage.ts';
import { CRAFTED_KEYS, describeStorageContract } from './storage-contract.ts';

describeStorageContract('local', async () => {
  const root = await mkdtemp(join(tmpdir(), 'dailies-local-storage-'));
  return { storage: createLocalStorage(join(root, 'store')), close: () => rm(root, { recursive: true, force: true }) };
});

describe('local storage specifics', () => {
  it('points ffmpeg at the file and offers no presigned URLs', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dailies-local-storage-'));
    try {
      const storage = createLocalStorage(join(root, 'store'));
      expect(storage.localPath('out/x.mp4')).toBe(join(root, 'store', 'out', 'x.mp4'));
      expect(storage.presignedUrl).toBeUndefined();
      for (const key of CRAFTED_KEYS) await storage.putFile(key, join(root, 'missing.bin')).catch(() => undefined);
      // Nothing was created next to or inside the store by the refused keys.
      expect(await readdir(root)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
