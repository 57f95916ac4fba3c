/**
 * The remote job a take is being rendered by, as its provider can pick it up again: a worker that
 * stops (or dies) mid-render leaves it here, and the next attempt follows the same job instead of
 * paying for a new one.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE video_segments ADD COLUMN provider_job jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE video_segments DROP COLUMN IF EXISTS provider_job`.execute(db);
}
