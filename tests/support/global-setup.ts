/**
 * One Postgres for the whole run: DATABASE_URL when set, otherwise an embedded cluster in a
 * temporary folder. A template database is migrated once; each test file clones it.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensurePagesBuilt } from '../../server/cli/pages-build.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL with the database part to be replaced by each test file. */
    databaseUrl: string;
    templateDatabase: string;
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  // Build the pages once here, so that test files starting servers never build them concurrently.
  await ensurePagesBuilt(fileURLToPath(new URL('../..', import.meta.url)));
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let url = process.env.DATABASE_URL;
  if (!url) {
    dataDir = await mkdtemp(join(tmpdir(), 'dailies-test-pg-'));
    await chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir,
      // A throw-away cluster: durability buys nothing here.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    url = embedded.url;
  }
  const template = `dailies_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await migrateToLatest(withDatabase(url, template));
  project.provide('databaseUrl', url);
  project.provide('templateDatabase', template);

  return async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`).catch(() => {});
    await client.end();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}
