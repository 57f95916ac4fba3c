/**
 * Frame-accurate notes on a take, their earlier texts, and the episode's timecode start.
 *
 * A note belongs to the take (segment version) it was made on and anchors to a frame range in
 * integer frames at the take's fps, or to the whole take when both frames are null. Replies point
 * at the thread's root note. Deleting keeps the row (its place in the thread) with `deleted_at`;
 * every earlier text and drawing is kept in `take_note_edits`. `addressed_by_segment_id` is the
 * later take made to answer the note.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE take_notes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      segment_id uuid NOT NULL REFERENCES video_segments (id) ON DELETE CASCADE,
      shot_id uuid NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
      parent_id uuid REFERENCES take_notes (id) ON DELETE CASCADE,
      -- A user id or 'guest:<share link>:<name>', as take_decisions.reviewer_key.
      author_key text NOT NULL,
      author_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
      author_name text NOT NULL,
      author_color text NOT NULL,
      body text NOT NULL CHECK (char_length(body) <= 4000),
      frame_in integer CHECK (frame_in >= 0),
      frame_out integer,
      drawing jsonb,
      mentions uuid[] NOT NULL DEFAULT '{}',
      resolved_at timestamptz,
      resolved_by_name text,
      deleted_at timestamptz,
      edited_at timestamptz,
      addressed_by_segment_id uuid REFERENCES video_segments (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      -- Both frames null for the whole take, else frame_out >= frame_in.
      CHECK ((frame_in IS NULL AND frame_out IS NULL) OR (frame_in IS NOT NULL AND frame_out >= frame_in))
    );
    CREATE INDEX take_notes_shot ON take_notes (shot_id, created_at);
    CREATE INDEX take_notes_segment ON take_notes (segment_id);
    CREATE INDEX take_notes_parent ON take_notes (parent_id) WHERE parent_id IS NOT NULL;
    CREATE INDEX take_notes_episode ON take_notes (episode_id);
    CREATE TRIGGER notify_episode_changed AFTER INSERT OR UPDATE OR DELETE ON take_notes
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed();

    CREATE TABLE take_note_edits (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      note_id uuid NOT NULL REFERENCES take_notes (id) ON DELETE CASCADE,
      body text NOT NULL,
      drawing jsonb,
      edited_by text NOT NULL,
      edited_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX take_note_edits_note ON take_note_edits (note_id, edited_at);

    ALTER TABLE episodes ADD COLUMN timecode_start_frame integer NOT NULL DEFAULT 0 CHECK (timecode_start_frame >= 0);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE episodes DROP COLUMN IF EXISTS timecode_start_frame;
    DROP TABLE IF EXISTS take_note_edits;
    DROP TABLE IF EXISTS take_notes;
  `.execute(db);
}
