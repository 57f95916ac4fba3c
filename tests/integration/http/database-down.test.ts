/**
 * With Postgres stopped, every route answers 503 `database_unavailable` with Retry-After (not 500),
 * whether the caller is signed in or not; when Postgres is back, the same server answers again.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE, type Services } from '../../../server/commands/services.ts';
import { openDatabase, type DatabaseHandle } from '../../../server/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { createLocalStorage } from '../../../server/storage/local.storage.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { PASSWORD, signedUpClient, TestClient } from '../../support/http-client.ts';
import { eventually } from '../../support/server-process.ts';

let dataDir: string;
let postgres: EmbeddedPostgres | undefined;
let database: DatabaseHandle | undefined;
let server: AppServer | undefined;
let owner: TestClient;
let anonymous: TestClient;
let episodeId: string;
let token: string;

beforeAll(async () => {
  // A cluster of its own, to stop: the shared test server stays up for the other files.
  dataDir = await mkdtemp(join(tmpdir(), 'dailies-down-'));
  await chmod(dataDir, 0o755);
  postgres = await startEmbeddedPostgres({ dataDir, settings: { fsync: 'off' } });
  await migrateToLatest(postgres.url);
  database = await openDatabase(postgres.url);
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const services: Services = {
    db: database.db,
    storage: createLocalStorage(dataDir),
    providers: createProviderRegistry(),
    dataDir,
    scratchDir: join(dataDir, 'tmp'),
    log: quiet,
    engine: DEFAULT_ENGINE,
  };
  const handle = database;
  server = await startAppServer({ services, database: { ...handle, name: 'down', drop: () => handle.close() }, dataDir, cleanup: async () => {} });
  owner = await signedUpClient(server.base, 'owner@example.com');
  anonymous = new TestClient(server.base);
  const created = await owner.json<{ id: string }>('POST', '/api/v1/episodes', { shots: [{ prompt: 'A lamp flickers' }] });
  episodeId = created.body.id;
  token = (await owner.json<{ token: string }>('POST', '/api/v1/tokens', { name: 'script' })).body.token;
}, 120_000);
afterAll(async () => {
  await server?.close();
  await database?.close().catch(() => {});
  await postgres?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type Case = [name: string, client: () => TestClient, method: string, path: () => string, body?: unknown];
const cases: Case[] = [
  ['the episode list', () => owner, 'GET', () => '/api/v1/episodes'],
  ['one episode', () => owner, 'GET', () => `/api/v1/episodes/${episodeId}`],
  ['a new episode', () => owner, 'POST', () => '/api/v1/episodes', { idea: 'A storm at sea' }],
  ['a generation run', () => owner, 'POST', () => `/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' }],
  ['the current account', () => owner, 'GET', () => '/api/v1/me'],
  ['a login', () => anonymous, 'POST', () => '/api/v1/auth/login', { email: 'owner@example.com', password: PASSWORD }],
  ['a sign-up', () => anonymous, 'POST', () => '/api/v1/auth/signup', { email: 'new@example.com', password: PASSWORD }],
  ['a share link', () => anonymous, 'GET', () => `/api/v1/share/${'a'.repeat(32)}`],
  ['a media file', () => owner, 'GET', () => `/media/segments/${episodeId}/x/video.mp4`],
  ['an API token', () => new TestClient(server!.base, { bearer: token }), 'GET', () => '/api/v1/episodes'],
];

describe('Postgres down', () => {
  it('answers 503 database_unavailable on every route, and answers again once it is back', async () => {
    await postgres!.stop();
    for (const [name, client, method, path, body] of cases) {
      const response = await client().request(method, path(), body);
      const answer = await response.json();
      expect({ name, status: response.status, code: answer.error?.code }).toEqual({ name, status: 503, code: 'database_unavailable' });
      expect(response.headers.get('retry-after')).toBe('5');
      expect(answer.error.message).toMatch(/database is not answering/);
    }
    const health = await anonymous.get('/api/v1/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', database: { ok: false } });

    postgres = await startEmbeddedPostgres({ dataDir, settings: { fsync: 'off' } });
    await eventually(async () => (await owner.get('/api/v1/episodes')).status === 200, 30_000, 'the API to answer again');
    expect((await owner.get(`/api/v1/episodes/${episodeId}`)).status).toBe(200);
  }, 120_000);
});
