import { describe, expect, it } from 'vitest';
import { createStorage, storageConfigFromEnv } from '../../../server/storage/storage-factory.ts';

const s3Env = {
  DAILIES_STORAGE: 's3',
  DAILIES_S3_BUCKET: 'media',
  DAILIES_S3_REGION: 'eu-west-1',
  DAILIES_S3_ACCESS_KEY_ID: 'id',
  DAILIES_S3_SECRET_ACCESS_KEY: 'secret',
};

describe('storage configuration from the environment', () => {
  it('defaults to the local data folder', () => {
    expect(storageConfigFromEnv({}, '/data')).toEqual({ kind: 'local', root: '/data' });
    expect(storageConfigFromEnv({ DAILIES_STORAGE: 'local' }, '/data')).toEqual({ kind: 'local', root: '/data' });
  });

  it('reads the S3 settings', () => {
    expect(storageConfigFromEnv(s3Env, '/data')).toEqual({
      kind: 's3',
      bucket: 'media',
      region: 'eu-west-1',
      accessKeyId: 'id',
      secretAccessKey: 'secret',
    });
    expect(
      storageConfigFromEnv({ ...s3Env, DAILIES_S3_ENDPOINT: 'http://127.0.0.1:9000', DAILIES_S3_FORCE_PATH_STYLE: 'true' }, '/data'),
    ).toMatchObject({ endpoint: 'http://127.0.0.1:9000', forcePathStyle: true });
  });

  it.each(['DAILIES_S3_BUCKET', 'DAILIES_S3_REGION', 'DAILIES_S3_ACCESS_KEY_ID', 'DAILIES_S3_SECRET_ACCESS_KEY'])(
    'names the missing %s',
    (name) => {
      expect(() => storageConfigFromEnv({ ...s3Env, [name]: '' }, '/data')).toThrow(new RegExp(`^${name} is required`));
    },
  );

  it('refuses unknown backends and malformed values', () => {
    expect(() => storageConfigFromEnv({ DAILIES_STORAGE: 'gcs' }, '/data')).toThrow(/DAILIES_STORAGE/);
    expect(() => storageConfigFromEnv({ ...s3Env, DAILIES_S3_ENDPOINT: 'not a url' }, '/data')).toThrow(/DAILIES_S3_ENDPOINT/);
    expect(() => storageConfigFromEnv({ ...s3Env, DAILIES_S3_FORCE_PATH_STYLE: 'maybe' }, '/data')).toThrow(/DAILIES_S3_FORCE_PATH_STYLE/);
  });

  it('creates the backend the config names', () => {
    expect(createStorage({ kind: 'local', root: '/data' }).localPath('out/x.mp4')).toBe('/data/out/x.mp4');
    const s3 = createStorage(storageConfigFromEnv(s3Env, '/data'));
    expect(s3.localPath('out/x.mp4')).toBeUndefined();
    expect(typeof s3.presignedUrl).toBe('function');
  });
});
