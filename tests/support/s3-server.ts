/**
 * A loopback S3-compatible server (s3rver) for tests: a temporary folder, a free port, one bucket.
 * The S3 backend is exercised over the real REST protocol (path-style, Range, presigned query
 * strings) without any network. s3rver checks the access key id but does not verify SigV4
 * signatures, so signature enforcement itself is not covered by these tests.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

/** The parts of s3rver's object model and filesystem store that the patch below relies on. */
interface StoredS3rverObject {
  bucket: string;
  key: string;
}
interface FoundS3rverObject {
  content: Readable | null;
  range?: { start: number; end: number };
}
interface S3rverStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  getObject(bucket: string, key: string, options?: unknown): Promise<FoundS3rverObject | null>;
  putObject(object: StoredS3rverObject): Promise<{ size: number; md5: string }>;
}
interface S3rverInstance {
  store: S3rverStore;
  run(): Promise<{ port: number; address: string }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rverInstance;

// s3rver is CommonJS without type declarations.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

export interface TestS3Server {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 on a free port with a fresh bucket; `stop` closes it and removes its folder. */
export async function startS3Server(options: { bucket?: string } = {}): Promise<TestS3Server> {
  const bucket = options.bucket ?? 'dailies-test';
  const directory = await mkdtemp(join(tmpdir(), 'dailies-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  makeOverwritesAtomic(server.store);
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    // s3rver's built-in account.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * s3rver writes an object in place (truncate, then stream), while S3 never shows a partial object:
 * a reader gets the old object or the new one. The contract suite checks that guarantee, so the
 * store is patched to write under a staging key and swap it in, with reads and swaps serialized
 * so that an object's metadata and content always belong to the same version.
 */
function makeOverwritesAtomic(store: S3rverStore): void {
  const originalPut = store.putObject.bind(store);
  const originalGet = store.getObject;
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  let staged = 0;
  store.putObject = async (object) => {
    const stagingKey = `${object.key}.staging-${++staged}`;
    const staging = Object.assign(Object.create(Object.getPrototypeOf(object) as object) as StoredS3rverObject, object, {
      key: stagingKey,
    });
    const result = await originalPut(staging);
    const stagedPath = store.getResourcePath(object.bucket, stagingKey, 'object');
    // s3rver resolves once the bytes are handed to the file stream, not once they are written.
    while ((await stat(stagedPath)).size < result.size) await sleep(2);
    await exclusive(async () => {
      for (const resource of ['object.md5', 'metadata.json', 'object']) {
        await rename(
          store.getResourcePath(object.bucket, stagingKey, resource),
          store.getResourcePath(object.bucket, object.key, resource),
        ).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
    });
    return result;
  };
  // GET and HEAD read metadata, then open the file; holding the lock across both keeps them consistent.
  store.getObject = (bucket, key, options) =>
    exclusive(async () => {
      const object = await originalGet.call(store, bucket, key, options);
      // s3rver reads `bytes=0-0` as "from 0 to the end" (0 is falsy there); S3 returns one byte.
      if (object?.content && object.range && (options as { end?: number } | undefined)?.end === 0) {
        object.content.destroy();
        object.range = { start: 0, end: 0 };
        object.content = await opened(createReadStream(store.getResourcePath(bucket, key, 'object'), { start: 0, end: 0 }));
      }
      return object;
    });
}

function opened(stream: ReadStream): Promise<ReadStream> {
  return new Promise((resolve, reject) => stream.once('open', () => resolve(stream)).once('error', reject));
}
