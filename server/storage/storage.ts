/**
 * The storage interface: where segment files, posters and compiled videos live.
 * Keys are validated here, once, for every backend: a key never comes from user input unchecked.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.ts';

export interface StoredObject {
  size: number;
  modifiedAt: Date;
  contentType: string;
}

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export interface Storage {
  /** Stores a local file under `key`; readers see the previous object or the new one, never a partial one. */
  putFile(key: string, sourcePath: string, options?: { move?: boolean }): Promise<StoredObject>;
  stat(key: string): Promise<StoredObject | undefined>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  delete(key: string): Promise<void>;
  /**
   * Removes every object under `folder` (a key prefix such as `segments/<episode-id>`, never a top
   * folder); nothing there is not an error.
   */
  deleteFolder(folder: string): Promise<void>;
  /** A path ffmpeg can read directly, when the backend is a local folder. */
  localPath(key: string): string | undefined;
  /**
   * A time-limited URL a browser can fetch the object from directly (with Range), for backends
   * that can hand out such URLs (S3); absent on the local backend, which is served by /media.
   */
  presignedUrl?(key: string, seconds?: number): Promise<string>;
  /**
   * Copies the object to a local file, for backends without `localPath` (S3), so that ffmpeg can
   * read it; `destPath` appears complete or not at all.
   */
  download?(key: string, destPath: string): Promise<void>;
}

/** The top-level folders keys may live in; anything else (such as the database folder) is unreachable. */
export const KEY_PREFIXES = ['segments', 'out', 'uploads'] as const;

const KEY_SHAPE = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Throws `invalid_storage_key` (400) unless `key` is a safe relative key under a known prefix. */
export function assertValidKey(key: string): void {
  const prefix = key.split('/')[0] ?? '';
  const ok =
    key.length > 0 &&
    key.length <= 512 &&
    KEY_SHAPE.test(key) &&
    !key.split('/').some((part) => part === '.' || part === '..' || part.startsWith('..')) &&
    (KEY_PREFIXES as readonly string[]).includes(prefix);
  if (!ok) {
    throw new AppError('invalid_storage_key', 'That media path is not valid.', { status: 400, details: { key: key.slice(0, 200) } });
  }
}

/** Throws unless `folder` is a valid key below one of the top folders (so never a whole top folder). */
export function assertValidFolder(folder: string): void {
  assertValidKey(folder);
  if (!folder.includes('/')) {
    throw new AppError('invalid_storage_key', 'Only a folder below a top folder can be removed whole.', { status: 400, details: { key: folder.slice(0, 200) } });
  }
}

const TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  m4a: 'audio/mp4',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  vtt: 'text/vtt; charset=utf-8',
  json: 'application/json',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
};

/** Content-Type from the key's extension. */
export function contentTypeOf(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
  return TYPES[extension] ?? 'application/octet-stream';
}

/** The URL under which the HTTP server serves a stored object. */
export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

const EPISODE_KEY = /^(?:segments|uploads)\/([0-9a-f-]{36})\/|^out\/([0-9a-f-]{36})\.mp4$/;

/** The episode a stored object belongs to (every key starts with it), for authorization. */
export function episodeIdOfKey(key: string): string | undefined {
  const match = EPISODE_KEY.exec(key);
  return match?.[1] ?? match?.[2];
}

/**
 * A local file with the object's bytes, for ffmpeg: the object itself on a local backend, else a
 * download into `dir` (which the caller removes).
 */
export async function localFileFor(storage: Storage, key: string, dir: string): Promise<string> {
  const local = storage.localPath(key);
  if (local) return local;
  if (!storage.download) throw new Error('This storage backend can neither hand out local paths nor download.');
  const path = `${dir}/${key.replaceAll('/', '_')}`;
  await storage.download(key, path);
  return path;
}

/**
 * Like localFileFor, but a download is kept in `mirrorDir` (under the object's key) and reused:
 * stored objects never change under their key, so one download serves every later compile, and
 * the file keeps one identity, which is what lets rendered transitions be found again.
 */
export async function mirroredFileFor(storage: Storage, key: string, mirrorDir: string): Promise<string> {
  assertValidKey(key);
  const local = storage.localPath(key);
  if (local) return local;
  if (!storage.download) throw new Error('This storage backend can neither hand out local paths nor download.');
  const path = join(mirrorDir, key);
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isFile() && existing.size > 0) return path;
  await mkdir(dirname(path), { recursive: true });
  await storage.download(key, path);
  return path;
}
