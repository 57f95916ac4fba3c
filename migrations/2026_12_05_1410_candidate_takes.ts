/**
 * Candidate takes: a new take of a shot whose current take is approved, made without replacing it.
 * `replaces_segment_id` names the approved take it would replace. Until the candidate is decided,
 * the approved take stays current (and in the cut); approved, the candidate becomes current; sent
 * back or rejected, it stays a version and the approved take stays.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE video_segments ADD COLUMN replaces_segment_id uuid REFERENCES video_segments (id) ON DELETE SET NULL;
    CREATE INDEX video_segments_replaces ON video_segments (replaces_segment_id) WHERE replaces_segment_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE video_segments DROP COLUMN IF EXISTS replaces_segment_id`.execute(db);
}
