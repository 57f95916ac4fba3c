/**
 * Applies our migrations (Kysely `Migrator`, files in `migrations/`) and graphile-worker's own.
 * Safe to run from several processes at once: everything happens under one advisory lock, and a
 * database that is up to date is left untouched.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMigrations as runWorkerMigrations } from 'graphile-worker';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { FileMigrationProvider, type MigrationResultSet, Migrator } from 'kysely/migration';
import pg from 'pg';
import { AppError } from '../errors.ts';
import { workerLogger } from '../logger.ts';

const MIGRATION_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
/** Arbitrary, fixed: "dailie" in ASCII, so that no other application's lock collides by accident. */
const MIGRATION_LOCK_ID = 0x6461696c6965;

export interface MigrationReport {
  applied: string[];
}

/** Brings the database to the latest schema; returns the names of the migrations it applied. */
export async function migrateToLatest(databaseUrl: string): Promise<MigrationReport> {
  // A dedicated single-connection pool: the advisory lock belongs to this connection.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', () => {});
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_ID})`.execute(db);
    const migrator = new Migrator({
      db,
      provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATION_FOLDER }),
    });
    const result: MigrationResultSet = await migrator.migrateToLatest();
    if (result.error) {
      const failed = result.results?.find((r) => r.status === 'Error');
      throw new AppError(
        'migration_failed',
        `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String((result.error as Error).message ?? result.error)}. The database was left at the last migration that succeeded.`,
        { cause: result.error, exitCode: 1 },
      );
    }
    await runWorkerMigrations({ connectionString: databaseUrl, logger: workerLogger('warn') });
    await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_ID})`.execute(db);
    return { applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  } finally {
    await db.destroy();
  }
}
