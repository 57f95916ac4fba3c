/**
 * Chooses the storage backend: a local folder (the default) or an S3 bucket.
 */
import { createLocalStorage } from './local.storage.ts';
import { createS3Storage, type S3StorageConfig } from './s3.storage.ts';
import type { Storage } from './storage.ts';

/** Which backend to use and its settings. */
export type StorageConfig = { kind: 'local'; root: string } | ({ kind: 's3' } & S3StorageConfig);

/** Creates the backend a config describes. */
export function createStorage(config: StorageConfig): Storage {
  if (config.kind === 'local') return createLocalStorage(config.root);
  const { kind: _kind, ...s3 } = config;
  return createS3Storage(s3);
}

/**
 * Reads the storage settings from the environment: DAILIES_STORAGE=local (default; objects under
 * `dataDir`) or s3, which needs DAILIES_S3_BUCKET, DAILIES_S3_REGION, DAILIES_S3_ACCESS_KEY_ID and
 * DAILIES_S3_SECRET_ACCESS_KEY, and takes DAILIES_S3_ENDPOINT and DAILIES_S3_FORCE_PATH_STYLE.
 * Throws an Error naming the first missing or malformed variable.
 */
export function storageConfigFromEnv(env: Record<string, string | undefined>, dataDir: string): StorageConfig {
  const kind = (env.DAILIES_STORAGE ?? '').trim() || 'local';
  if (kind === 'local') return { kind: 'local', root: dataDir };
  if (kind !== 's3') throw new Error(`DAILIES_STORAGE must be "local" or "s3", not ${JSON.stringify(kind)}.`);

  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`${name} is required when DAILIES_STORAGE=s3.`);
    return value;
  };
  const config: { kind: 's3' } & S3StorageConfig = {
    kind: 's3',
    bucket: required('DAILIES_S3_BUCKET'),
    region: required('DAILIES_S3_REGION'),
    accessKeyId: required('DAILIES_S3_ACCESS_KEY_ID'),
    secretAccessKey: required('DAILIES_S3_SECRET_ACCESS_KEY'),
  };
  const endpoint = env.DAILIES_S3_ENDPOINT?.trim();
  if (endpoint) {
    let parsed: URL;
    try {
      parsed = new URL(endpoint);
    } catch {
      throw new Error(`DAILIES_S3_ENDPOINT must be a URL such as https://s3.example.com, not ${JSON.stringify(endpoint)}.`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`DAILIES_S3_ENDPOINT must be an http(s) URL, not ${JSON.stringify(endpoint)}.`);
    }
    config.endpoint = endpoint;
  }
  const pathStyle = env.DAILIES_S3_FORCE_PATH_STYLE?.trim().toLowerCase();
  if (pathStyle) {
    if (['1', 'true', 'yes'].includes(pathStyle)) config.forcePathStyle = true;
    else if (['0', 'false', 'no'].includes(pathStyle)) config.forcePathStyle = false;
    else throw new Error(`DAILIES_S3_FORCE_PATH_STYLE must be true or false, not ${JSON.stringify(pathStyle)}.`);
  }
  return config;
}
