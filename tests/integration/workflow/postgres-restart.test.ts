/**
 * A Postgres restart during a parallel run pauses it; the run completes when the database returns,
 * and the episode's live document, which lost its notifications meanwhile, shows the outcome.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hocuspocus } from '@hocuspocus/server';
import { afterAll, describe, expect, it } from 'vitest';
import { liveDocumentName, readLiveEpisode } from '../../../src/lib/live/episode-document.ts';
import { closeCollabServer, createCollabServer } from '../../../server/collab/server.ts';
import { Notifications } from '../../../server/db/notifications.ts';
import { createEpisode } from '../../../server/commands/episode-creator.ts';
import { startGenerationRun } from '../../../server/commands/generation-runs.ts';
import { DEFAULT_ENGINE, type Services } from '../../../server/commands/services.ts';
import { openDatabase, type DatabaseHandle } from '../../../server/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { startWorker, type WorkerHandle } from '../../../server/jobs/worker.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { createLocalStorage } from '../../../server/storage/local.storage.ts';
import { eventually } from '../../support/server-process.ts';

let dataDir: string;
let postgres: EmbeddedPostgres | undefined;
let database: DatabaseHandle | undefined;
let worker: WorkerHandle | undefined;
let collab: Hocuspocus | undefined;

afterAll(async () => {
  if (collab) await closeCollabServer(collab).catch(() => {});
  await worker?.stop().catch(() => {});
  await database?.close().catch(() => {});
  await postgres?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('a Postgres restart during a parallel run', () => {
  it('pauses the run, which completes when the database is back', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dailies-restart-'));
    await chmod(dataDir, 0o755);
    postgres = await startEmbeddedPostgres({ dataDir, settings: { fsync: 'off' } });
    const url = postgres.url;
    await migrateToLatest(url);
    database = await openDatabase(url);
    const quiet = { debug() {}, info() {}, warn() {}, error() {} };
    const services: Services = {
      db: database.db,
      storage: createLocalStorage(dataDir),
      providers: createProviderRegistry(),
      dataDir,
      scratchDir: join(dataDir, 'tmp'),
      log: quiet,
      engine: { ...DEFAULT_ENGINE, retryBaseMs: 50, retryMaxMs: 500 },
    };
    worker = await startWorker(services, database.pool, { concurrency: 2, pollInterval: 200, heartbeat: { intervalMs: 500, staleSeconds: 6, graceSeconds: 3 } });
    const actor = { userId: null, name: 'test' };
    const shots = Array.from({ length: 6 }, (_, i) => ({ prompt: `Shot ${i + 1} of a long night`, duration: 4 }));
    const episode = await createEpisode(services, { shots }, actor);
    await startGenerationRun(services, episode.id, { mode: 'parallel', startFrom: 1, autoApprove: true }, actor);
    await eventually(async () => (await listCurrentSegments(services.db, episode.id)).some((s) => s.status === 'generating'), 60_000, 'a render');
    collab = createCollabServer({ db: services.db, notifications: new Notifications({ pool: database.pool, log: quiet }), log: quiet });
    const live = await collab.openDirectConnection(liveDocumentName(episode.id));

    await postgres.stop();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    postgres = await startEmbeddedPostgres({ dataDir, settings: { fsync: 'off' } });
    expect(postgres.url).toBe(url);

    const done = await eventually(
      async () => {
        const segments = await listCurrentSegments(services.db, episode.id).catch(() => []);
        return segments.length === 6 && segments.every((s) => s.approval_status === 'approved') && segments;
      },
      150_000,
      'the run to complete after the restart',
    );
    expect(done.map((s) => s.version)).toEqual([1, 1, 1, 1, 1, 1]);
    const runs = await services.db.selectFrom('generation_runs').select('status').where('episode_id', '=', episode.id).execute();
    expect(runs).toEqual([{ status: 'completed' }]);
    // The projection listens again and refreshed what it missed.
    await eventually(async () => {
      const state = readLiveEpisode(live.document!);
      return state?.slots.length === 6 && state.slots.every((slot) => slot.approval === 'approved') && state;
    }, 30_000, 'the live document to show the finished run');
    await live.disconnect();
  }, 240_000);
});
