/**
 * Opens what every Dailies process needs, in order: the database (embedded or DATABASE_URL),
 * the schema, storage, providers, and optionally the job worker. `close()` undoes it in reverse,
 * stopping the worker before the database it needs.
 */
import { DEFAULT_WEBHOOKS, type Services } from './commands/services.ts';
import type { Config } from './config.ts';
import { openDataFolder } from './data-folder.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { migrateToLatest } from './db/migrate.ts';
import { type WorkerHandle, startWorker } from './jobs/worker.ts';
import { createLog } from './logger.ts';
import { registryFromConfig, type ProviderRegistry } from './providers/registry.ts';
import { createStorage } from './storage/storage-factory.ts';

/** Connections the worker's pool has beyond one per job slot: its own bookkeeping, the heartbeat, notifications. */
const WORKER_SPARE_CONNECTIONS = 4;

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  services: Services;
  worker: WorkerHandle | undefined;
  embedded: EmbeddedPostgres | undefined;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  withWorker: boolean;
  providers?: ProviderRegistry;
  /** Worker poll interval in ms (jobs added by this process are picked up at once regardless). */
  pollInterval?: number;
}

export async function openRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const log = createLog('dailies');
  // First: a data folder that cannot be written is refused whichever database is used.
  const folder = await openDataFolder(config.dataDir);
  if (folder.swept.length > 0) log.info(`Removed the scratch work of stopped processes: ${folder.swept.join(', ')}`);
  let embedded: EmbeddedPostgres | undefined;
  let database: DatabaseHandle | undefined;
  let worker: WorkerHandle | undefined;
  let workerDatabase: DatabaseHandle | undefined;
  try {
    embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: config.dataDir, log: (line) => log.info(line) });
    const url = config.databaseUrl ?? embedded!.url;
    database = await openDatabase(url, { max: config.dbPool, maxWaiting: config.dbQueue });
    const { applied } = await migrateToLatest(url);
    if (applied.length > 0) log.info(`Applied migrations: ${applied.join(', ')}`);
    const services: Services = {
      db: database.db,
      storage: createStorage(config.storage),
      providers: options.providers ?? registryFromConfig(config.providers),
      dataDir: config.dataDir,
      scratchDir: folder.scratchDir,
      log,
      engine: config.engine,
      webhooks: { ...DEFAULT_WEBHOOKS, allowPrivate: config.webhooksAllowPrivate, publicUrl: config.publicUrl },
      ...(config.smtpUrl && {
        mail: { smtpUrl: config.smtpUrl, from: config.mailFrom, digestMinutes: config.digestMinutes, publicUrl: config.publicUrl ?? `http://${linkHost(config.host)}:${config.port}` },
      }),
    };
    if (options.withWorker) {
      // Its own pool: jobs never wait behind requests for a connection, nor requests behind jobs.
      workerDatabase = await openDatabase(url, { max: config.workerConcurrency + WORKER_SPARE_CONNECTIONS });
      worker = await startWorker({ ...services, db: workerDatabase.db }, workerDatabase.pool, {
        concurrency: config.workerConcurrency,
        ...(options.pollInterval ? { pollInterval: options.pollInterval } : {}),
      });
    }
    const opened = database;
    const openedForWorker = workerDatabase;
    let closing: Promise<void> | undefined;
    return {
      config,
      database: opened,
      services,
      worker,
      embedded,
      close() {
        closing ??= (async () => {
          await worker?.stop().catch((error: Error) => log.warn(`Stopping the worker: ${error.message}`));
          await openedForWorker?.close();
          await opened.close();
          await embedded?.stop();
          await folder.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await worker?.stop().catch(() => {});
    await workerDatabase?.close().catch(() => {});
    await database?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    await folder.close().catch(() => {});
    throw error;
  }
}

/**
 * The host name links in emails use when DAILIES_PUBLIC_URL is unset: the listen address, or
 * `localhost` for a wildcard or loopback one, the name the server announces when it starts (a
 * session cookie belongs to one host name, so a link under another would arrive signed out).
 */
export function linkHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '::1' || host === 'localhost' || /^127\./.test(host)) return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
