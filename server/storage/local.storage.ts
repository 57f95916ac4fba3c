/**
 * Local-folder storage (the default): keys are paths below one root folder.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { type ByteRange, type Storage, type StoredObject, assertValidFolder, assertValidKey, contentTypeOf } from './storage.ts';

/** Creates a storage backend that keeps objects under `root`. */
export function createLocalStorage(root: string): Storage {
  const pathOf = (key: string) => {
    assertValidKey(key);
    return join(root, key);
  };

  const statOf = async (key: string): Promise<StoredObject | undefined> => {
    try {
      const info = await stat(pathOf(key));
      if (!info.isFile()) return undefined;
      return { size: info.size, modifiedAt: info.mtime, contentType: contentTypeOf(key) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  };

  return {
    async putFile(key, sourcePath, options = {}) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      // Write beside the target and rename: a reader never sees half a file under the final name.
      const temporary = `${target}.tmp-${process.pid}-${Date.now()}`;
      try {
        if (options.move) {
          await rename(sourcePath, temporary).catch(async (error: NodeJS.ErrnoException) => {
            if (error.code !== 'EXDEV') throw error;
            await copyFile(sourcePath, temporary);
            await rm(sourcePath, { force: true });
          });
        } else {
          await copyFile(sourcePath, temporary);
        }
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      const stored = await statOf(key);
      if (!stored) throw new Error(`Storage lost ${key} right after writing it`);
      return stored;
    },
    stat: statOf,
    async read(key: string, range?: ByteRange): Promise<Readable> {
      return createReadStream(pathOf(key), range ? { start: range.start, end: range.end } : {});
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async deleteFolder(folder) {
      assertValidFolder(folder);
      await rm(join(root, folder), { recursive: true, force: true });
    },
    localPath(key) {
      return pathOf(key);
    },
  };
}
