/**
 * S3 storage: keys are object keys in one bucket (AWS S3 or any S3-compatible service).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type ByteRange, type Storage, type StoredObject, assertValidFolder, assertValidKey, contentTypeOf } from './storage.ts';

/** Where the bucket is and how to sign requests to it. */
export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, R2, ...); AWS when absent. */
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key`; most self-hosted services need it. */
  forcePathStyle?: boolean;
  /** Default lifetime of presigned URLs. */
  presignSeconds?: number;
}

/** Default lifetime of a presigned playback URL: long enough to watch an episode, short enough to leak little. */
export const DEFAULT_PRESIGN_SECONDS = 15 * 60;
/** SigV4 presigned URLs cannot live longer than seven days. */
const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;

/** Creates a storage backend that keeps objects in an S3 bucket. */
export function createS3Storage(config: S3StorageConfig): Storage {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle ?? false,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // The SDK's default CRC trailers (aws-chunked bodies) are not understood by many S3-compatible
    // services; checksums are sent only where an operation requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = config.bucket;
  const defaultSeconds = config.presignSeconds ?? DEFAULT_PRESIGN_SECONDS;

  const statOf = async (key: string): Promise<StoredObject | undefined> => {
    assertValidKey(key);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return {
        size: head.ContentLength ?? 0,
        modifiedAt: head.LastModified ?? new Date(0),
        // From the key, as on the local backend, so that both agree whatever the bucket recorded.
        contentType: contentTypeOf(key),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };

  const getObject = async (key: string, range?: ByteRange): Promise<Readable> => {
    const response = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }),
    );
    if (!(response.Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${key}`);
    return response.Body;
  };

  return {
    async putFile(key, sourcePath, options = {}) {
      assertValidKey(key);
      // S3 replaces an object in one step once the upload completes (multipart included), so readers
      // see the previous object or the new one; large files go up in parts without being buffered whole.
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: createReadStream(sourcePath), ContentType: contentTypeOf(key) },
      });
      await upload.done();
      if (options.move) await rm(sourcePath, { force: true });
      const stored = await statOf(key);
      if (!stored) throw new Error(`Storage lost ${key} right after writing it`);
      return stored;
    },
    stat: statOf,
    async read(key, range) {
      assertValidKey(key);
      return getObject(key, range);
    },
    async delete(key) {
      assertValidKey(key);
      // DeleteObject succeeds for a missing key, like removing a missing file with `force`.
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async deleteFolder(folder) {
      assertValidFolder(folder);
      // One object at a time: DeleteObjects needs checksums that many S3-compatible services refuse.
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${folder}/`, ...(token ? { ContinuationToken: token } : {}) }));
        for (const object of page.Contents ?? []) {
          if (object.Key) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: object.Key }));
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
    localPath(key) {
      assertValidKey(key);
      return undefined;
    },
    async presignedUrl(key, seconds = defaultSeconds) {
      assertValidKey(key);
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_PRESIGN_SECONDS) {
        throw new RangeError(`Presigned URL lifetime must be 1..${MAX_PRESIGN_SECONDS} seconds, not ${seconds}`);
      }
      // Only the host is signed, so a browser may add its own Range header to the URL's requests.
      return getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentType: contentTypeOf(key) }),
        { expiresIn: seconds },
      );
    },
    async download(key, destPath) {
      assertValidKey(key);
      const body = await getObject(key);
      await mkdir(dirname(destPath), { recursive: true });
      // Write beside the target and rename, so that an interrupted download never looks complete.
      const temporary = `${destPath}.tmp-${process.pid}-${Date.now()}`;
      try {
        await pipeline(body, createWriteStream(temporary));
        await rename(temporary, destPath);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}

function isNotFound(error: unknown): boolean {
  const candidate = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return candidate.name === 'NotFound' || candidate.name === 'NoSuchKey' || candidate.$metadata?.httpStatusCode === 404;
}
