import { openDatabase } from '../db/database.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLog } from '../logger.ts';
import type { CliCommand } from './main.ts';
import { configure } from './lifecycle.ts';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  summary: 'apply database migrations and exit',
  usage: [
    'Usage: dailies migrate',
    '',
    'Applies the database migrations (ours and the job queue\'s) to DATABASE_URL, or to the embedded',
    'Postgres under DAILIES_DATA_DIR when it is unset. Running it again is a no-op; several processes',
    'may run it at once.',
  ].join('\n'),
  options: {},
  allowPositionals: false,
  async run() {
    const config = configure();
    const log = createLog('migrate');
    const embedded = config.databaseUrl
      ? undefined
      : await startEmbeddedPostgres({ dataDir: config.dataDir, log: (line) => log.info(line) });
    try {
      const url = config.databaseUrl ?? embedded!.url;
      const database = await openDatabase(url, { max: 1 });
      await database.close();
      const { applied } = await migrateToLatest(url);
      process.stdout.write(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n');
      return 0;
    } finally {
      await embedded?.stop();
    }
  },
};
