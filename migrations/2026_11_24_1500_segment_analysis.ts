/**
 * What ingest adds to a take: its hover-scrub sprite sheet, and where its source file waits for
 * analysis. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE video_segments
      ADD COLUMN sprite_key text,
      ADD COLUMN sprite_info jsonb,
      ADD COLUMN source_key text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE video_segments DROP COLUMN IF EXISTS sprite_key, DROP COLUMN IF EXISTS sprite_info, DROP COLUMN IF EXISTS source_key;`.execute(db);
}
