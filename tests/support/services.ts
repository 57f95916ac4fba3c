/**
 * The services commands need, over a test database and a temporary data folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ENGINE, type EngineSettings, type Services } from '../../server/commands/services.ts';
import { createProviderRegistry, type ProviderRegistry } from '../../server/providers/registry.ts';
import { createLocalStorage } from '../../server/storage/local.storage.ts';
import type { Storage } from '../../server/storage/storage.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';

export interface TestContext {
  database: TestDatabase;
  services: Services;
  dataDir: string;
  cleanup(): Promise<void>;
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export async function createTestContext(
  options: { providers?: ProviderRegistry; engine?: Partial<EngineSettings>; storage?: (dataDir: string) => Storage } = {},
): Promise<TestContext> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'dailies-data-'));
  const services: Services = {
    db: database.db,
    storage: options.storage ? options.storage(dataDir) : createLocalStorage(dataDir),
    providers: options.providers ?? createProviderRegistry(),
    dataDir,
    scratchDir: join(dataDir, 'tmp'),
    log: quiet,
    // Quick retries: tests wait for backoff in tens of milliseconds, not seconds.
    engine: { ...DEFAULT_ENGINE, retryBaseMs: 20, retryMaxMs: 200, ...options.engine },
  };
  return {
    database,
    services,
    dataDir,
    async cleanup() {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
