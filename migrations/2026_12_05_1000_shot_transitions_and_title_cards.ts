/**
 * What a screenplay says about a shot beyond its picture: the transition that leads into it
 * (CUT TO, DISSOLVE TO, FADE IN…; the compile's own transition when null) and, for a title card,
 * the text the card shows (null for every other shot). A compile records each of its takes' shot
 * transitions as it starts, joins with those, and is out of date once a shot's changes.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE shots
      ADD COLUMN transition_in text CHECK (transition_in IN ('cut', 'dissolve', 'fade', 'wipeleft', 'wiperight', 'slideleft')),
      ADD COLUMN transition_in_duration numeric(4, 2) CHECK (transition_in_duration > 0 AND transition_in_duration <= 5),
      ADD COLUMN title_card text CHECK (length(title_card) BETWEEN 1 AND 500);
    ALTER TABLE segment_compilation_jobs
      ADD COLUMN shot_transitions jsonb NOT NULL DEFAULT '[]'::jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE segment_compilation_jobs DROP COLUMN IF EXISTS shot_transitions;
    ALTER TABLE shots
      DROP COLUMN IF EXISTS transition_in,
      DROP COLUMN IF EXISTS transition_in_duration,
      DROP COLUMN IF EXISTS title_card;
  `.execute(db);
}
