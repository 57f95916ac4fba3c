/**
 * The chapters of a finished compile (one per segment, on the output's timeline), so the pages can
 * mark them on the final video's player: browsers do not expose the chapters stored in the MP4.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE segment_compilation_jobs ADD COLUMN chapters jsonb NOT NULL DEFAULT '[]'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE segment_compilation_jobs DROP COLUMN IF EXISTS chapters`.execute(db);
}
