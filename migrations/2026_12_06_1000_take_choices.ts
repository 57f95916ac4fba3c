/**
 * Takes to choose from: an editor asks for 2–4 takes of one shot with different seeds (a choice);
 * reviewers vote, optionally blind, and closing the vote makes the winner the shot's take (or, where
 * the shot's take is approved, the candidate to replace it). Each contender names its choice and
 * where it stands in it: contending while the vote is open, then chosen or passed over.
 * Votes carry the shot so that the live document reloads only that slot.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE take_choice_status AS ENUM ('open', 'closed');
    CREATE TYPE take_choice_state AS ENUM ('contending', 'chosen', 'passed_over');
    CREATE TABLE take_choices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      shot_id uuid NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
      blind boolean NOT NULL DEFAULT false,
      status take_choice_status NOT NULL DEFAULT 'open',
      requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
      requested_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      closed_by_name text,
      winner_segment_id uuid REFERENCES video_segments (id) ON DELETE SET NULL,
      -- How the winner was found: 'votes' (the most votes) or 'editor' (named by whoever closed it).
      closed_how text CHECK (closed_how IN ('votes', 'editor', 'none'))
    );
    CREATE UNIQUE INDEX take_choices_one_open_per_shot ON take_choices (shot_id) WHERE status = 'open';
    CREATE INDEX take_choices_episode ON take_choices (episode_id, created_at);
    CREATE TABLE take_votes (
      choice_id uuid NOT NULL REFERENCES take_choices (id) ON DELETE CASCADE,
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      shot_id uuid NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
      -- A user id, or guest:<share link>:<name> (as decisions name reviewers).
      voter_key text NOT NULL,
      voter_id uuid REFERENCES users (id) ON DELETE CASCADE,
      voter_name text NOT NULL,
      segment_id uuid NOT NULL REFERENCES video_segments (id) ON DELETE CASCADE,
      voted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (choice_id, voter_key)
    );
    ALTER TABLE video_segments
      ADD COLUMN choice_id uuid REFERENCES take_choices (id) ON DELETE SET NULL,
      ADD COLUMN choice_state take_choice_state;
    CREATE INDEX video_segments_choice ON video_segments (choice_id) WHERE choice_id IS NOT NULL;
  `.execute(db);
  for (const table of ['take_choices', 'take_votes']) {
    await sql`CREATE TRIGGER notify_episode_changed AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed('slot')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE video_segments DROP COLUMN IF EXISTS choice_state, DROP COLUMN IF EXISTS choice_id;
    DROP TABLE IF EXISTS take_votes;
    DROP TABLE IF EXISTS take_choices;
    DROP TYPE IF EXISTS take_choice_state;
    DROP TYPE IF EXISTS take_choice_status;
  `.execute(db);
}
