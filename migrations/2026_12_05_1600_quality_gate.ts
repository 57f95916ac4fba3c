/**
 * The quality gate: an episode's settings (null: off), and on each take the gate looked at, what
 * it did (src/lib/domain/quality-gate.ts): a retry waiting to be measured, a take it failed and
 * made again, the one it passed, kept or stopped at.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE episodes ADD COLUMN quality_gate jsonb;
    ALTER TABLE video_segments ADD COLUMN quality_gate jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE video_segments DROP COLUMN IF EXISTS quality_gate;
    ALTER TABLE episodes DROP COLUMN IF EXISTS quality_gate;
  `.execute(db);
}
