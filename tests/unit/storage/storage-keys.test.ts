import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalStorage } from '../../../server/storage/local.storage.ts';
import { assertValidKey, contentTypeOf } from '../../../server/storage/storage.ts';

describe('storage keys', () => {
  it.each(['segments/a/b/video.mp4', 'out/0b6d.mp4', 'uploads/x-y_z.wav'])('accepts %s', (key) => {
    expect(() => assertValidKey(key)).not.toThrow();
  });

  it.each([
    '../etc/passwd',
    'segments/../../pg/PG_VERSION',
    '/etc/passwd',
    'segments/a\0b',
    'pg/PG_VERSION',
    'segments//video.mp4',
    'segments/.hidden',
    '',
    'segments\\..\\x',
  ])('refuses %j', (key) => {
    expect(() => assertValidKey(key)).toThrow(/not valid/);
  });

  it('maps extensions to content types', () => {
    expect(contentTypeOf('out/x.mp4')).toBe('video/mp4');
    expect(contentTypeOf('segments/a/poster.jpg')).toBe('image/jpeg');
    expect(contentTypeOf('uploads/blob')).toBe('application/octet-stream');
  });
});

describe('local storage', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('moves a file under its key and reads ranges back', async () => {
    const root = await mkdtemp(join(tmpdir(), 'dailies-storage-'));
    dirs.push(root);
    const source = join(root, 'source.bin');
    await writeFile(source, '0123456789');
    const storage = createLocalStorage(join(root, 'store'));
    const stored = await storage.putFile('segments/e/s/video.mp4', source, { move: true });
    expect(stored.size).toBe(10);
    await expect(readFile(source)).rejects.toThrow();
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.read('segments/e/s/video.mp4', { start: 2, end: 4 })) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('234');
    await storage.delete('segments/e/s/video.mp4');
    expect(await storage.stat('segments/e/s/video.mp4')).toBeUndefined();
  });

  it('refuses crafted keys before touching the disk', async () => {
    const storage = createLocalStorage(tmpdir());
    await expect(storage.stat('../../etc/passwd')).rejects.toThrow(/not valid/);
    expect(() => storage.localPath('segments/../../etc/passwd')).toThrow(/not valid/);
  });
});
