/**
 * The behaviour every storage backend must share, run against each of them, so that the rest of
 * Dailies never needs to know which backend it talks to.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../../server/storage/storage.ts';

/** Keys that must be refused before the backend touches a disk or sends a request. */
export const CRAFTED_KEYS = [
  '../segments/x.mp4',
  'segments/../../etc/passwd',
  'segments/a/../../out/x.mp4',
  '/etc/passwd',
  '/segments/x.mp4',
  'segments/a\0b.mp4',
  'pg/PG_VERSION',
  'unknown/x.mp4',
  '',
];

/** Reads a stream to the end. */
export async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A fresh key under `prefix`, so that tests sharing a backend never collide. */
export function freshKey(name = 'video.mp4', prefix = 'segments'): string {
  return prefix === 'out' ? `out/${randomUUID()}.mp4` : `${prefix}/${randomUUID()}/${randomUUID()}/${name}`;
}

/** Registers the shared storage tests; `open` creates the backend once for the suite. */
export function describeStorageContract(name: string, open: () => Promise<{ storage: Storage; close(): Promise<void> }>) {
  describe(`${name} storage contract`, () => {
    let storage: Storage;
    let close: () => Promise<void> = async () => {};
    let work: string;

    beforeAll(async () => {
      ({ storage, close } = await open());
      work = await mkdtemp(join(tmpdir(), 'dailies-storage-contract-'));
    });
    afterAll(async () => {
      await close();
      await rm(work, { recursive: true, force: true });
    });

    const sourceFile = async (content: string | Buffer) => {
      const path = join(work, randomUUID());
      await writeFile(path, content);
      return path;
    };

    it('copies a file in, keeping the source, and reads it back whole', async () => {
      const key = freshKey();
      const source = await sourceFile('0123456789');
      const stored = await storage.putFile(key, source);
      expect(stored.size).toBe(10);
      expect(stored.contentType).toBe('video/mp4');
      expect(stored.modifiedAt).toBeInstanceOf(Date);
      expect(Math.abs(stored.modifiedAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(await readFile(source, 'utf8')).toBe('0123456789');
      expect((await collect(await storage.read(key))).toString()).toBe('0123456789');
    });

    it('moves a file in, removing the source', async () => {
      const key = freshKey('poster.jpg');
      const source = await sourceFile('poster');
      const stored = await storage.putFile(key, source, { move: true });
      expect(stored).toMatchObject({ size: 6, contentType: 'image/jpeg' });
      await expect(stat(source)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await collect(await storage.read(key))).toString()).toBe('poster');
    });

    it('stats an object and reports a missing key as undefined', async () => {
      const key = freshKey();
      expect(await storage.stat(key)).toBeUndefined();
      await storage.putFile(key, await sourceFile('abc'));
      expect(await storage.stat(key)).toMatchObject({ size: 3, contentType: 'video/mp4' });
      expect(await storage.stat(freshKey('other.mp4'))).toBeUndefined();
    });

    it('reads inclusive byte ranges', async () => {
      const key = freshKey();
      await storage.putFile(key, await sourceFile('0123456789'));
      expect((await collect(await storage.read(key, { start: 2, end: 4 }))).toString()).toBe('234');
      expect((await collect(await storage.read(key, { start: 0, end: 0 }))).toString()).toBe('0');
      expect((await collect(await storage.read(key, { start: 9, end: 9 }))).toString()).toBe('9');
      expect((await collect(await storage.read(key, { start: 5, end: 9 }))).toString()).toBe('56789');
    });

    it('fails to read a missing key', async () => {
      await expect(storage.read(freshKey()).then(collect)).rejects.toThrow();
    });

    it('deletes, and deleting a missing key is not an error', async () => {
      const key = freshKey('clip.m4a', 'uploads');
      await storage.putFile(key, await sourceFile('x'));
      await storage.delete(key);
      expect(await storage.stat(key)).toBeUndefined();
      await expect(storage.delete(key)).resolves.toBeUndefined();
    });

    it('deletes a folder with everything below it, and nothing beside it', async () => {
      const folder = `segments/${randomUUID()}`;
      const inside = [`${folder}/a/video.mp4`, `${folder}/a/poster.jpg`, `${folder}/b/video.mp4`];
      // A folder whose name starts the same, and an object of the same episode in another top folder.
      const beside = [`${folder}0/a/video.mp4`, `uploads/${folder.split('/')[1]}/music.m4a`];
      for (const key of [...inside, ...beside]) await storage.putFile(key, await sourceFile(key));
      await storage.deleteFolder(folder);
      for (const key of inside) expect(await storage.stat(key), key).toBeUndefined();
      for (const key of beside) expect(await storage.stat(key), key).toBeDefined();
      await expect(storage.deleteFolder(folder)).resolves.toBeUndefined();
      // Never a whole top folder.
      await expect(storage.deleteFolder('segments')).rejects.toThrow(/below a top folder/);
      expect(await storage.stat(beside[0]!)).toBeDefined();
    });

    it('replaces an object on overwrite', async () => {
      const key = freshKey('out', 'out');
      await storage.putFile(key, await sourceFile('first version'));
      await storage.putFile(key, await sourceFile('second'));
      expect(await storage.stat(key)).toMatchObject({ size: 6 });
      expect((await collect(await storage.read(key))).toString()).toBe('second');
    });

    it('never shows readers a partly written object while overwriting', async () => {
      const key = freshKey('out', 'out');
      // Larger than one 5 MiB multipart part, so that the S3 upload is assembled from several.
      const before = Buffer.alloc(6 * 1024 * 1024, 'a');
      const after = Buffer.alloc(7 * 1024 * 1024 + 3, 'b');
      await storage.putFile(key, await sourceFile(before));
      const afterSource = await sourceFile(after);
      let writing = true;
      const seen = { before: 0, after: 0 };
      const reader = async () => {
        while (writing) {
          const content = await collect(await storage.read(key));
          if (content.equals(before)) seen.before += 1;
          else if (content.equals(after)) seen.after += 1;
          else throw new Error(`A reader saw ${content.length} bytes that are neither version`);
        }
      };
      const readers = [reader(), reader()];
      await storage.putFile(key, afterSource);
      // Let readers run once more against the finished object.
      await new Promise((resolve) => setTimeout(resolve, 20));
      writing = false;
      await Promise.all(readers);
      expect(seen.before + seen.after).toBeGreaterThan(0);
      expect((await collect(await storage.read(key))).equals(after)).toBe(true);
    });

    it.each(CRAFTED_KEYS)('refuses the crafted key %j in every operation', async (key) => {
      const source = await sourceFile('secret');
      await expect(storage.putFile(key, source, { move: true })).rejects.toThrow(/not valid/);
      await expect(storage.stat(key)).rejects.toThrow(/not valid/);
      await expect(storage.read(key)).rejects.toThrow(/not valid/);
      await expect(storage.read(key, { start: 0, end: 1 })).rejects.toThrow(/not valid/);
      await expect(storage.delete(key)).rejects.toThrow(/not valid/);
      await expect(storage.deleteFolder(key)).rejects.toThrow(/not valid/);
      expect(() => storage.localPath(key)).toThrow(/not valid/);
      if (storage.presignedUrl) await expect(storage.presignedUrl(key)).rejects.toThrow(/not valid/);
      if (storage.download) await expect(storage.download(key, join(work, 'out.bin'))).rejects.toThrow(/not valid/);
      // The move was refused before anything happened to the source.
      expect(await readFile(source, 'utf8')).toBe('secret');
    });
  });
}
