/**
 * When a note last changed (written, edited, resolved, reopened, deleted, addressed), so the live
 * document can tell pages that a shot's threads changed without carrying the threads.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE take_notes ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX take_notes_addressed ON take_notes (addressed_by_segment_id) WHERE addressed_by_segment_id IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS take_notes_addressed;
    ALTER TABLE take_notes DROP COLUMN IF EXISTS updated_at;
  `.execute(db);
}
