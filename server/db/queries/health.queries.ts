/**
 * What the health endpoint asks the database.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';

/** Resolves when the database answers a trivial query; rejects with the driver's error when it does not. */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
