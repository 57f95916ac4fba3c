/**
 * What happened on an episode, for the people on it (the activity feed), and what waits for each
 * person (the inbox). Both are written in the transaction of the change they describe. A new
 * activity row notifies `episode_changed` (pages fetch the new rows); a changed inbox notifies
 * `inbox_changed` with the person's id (their unread count is sent again). Email preferences keep,
 * per person, the kinds they no longer want by email and when their last digest went out.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE activity (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      kind text NOT NULL CHECK (kind IN (
        'take.ready', 'take.decided', 'take.approved', 'take.reopened', 'take.regenerated',
        'note.created', 'note.replied',
        'compile.completed', 'compile.failed',
        'member.joined', 'member.role_changed', 'member.removed'
      )),
      -- Who did it: an account, a guest (by name, through a share link), or nobody (Dailies itself).
      actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
      actor_name text NOT NULL,
      shot_id uuid REFERENCES shots (id) ON DELETE SET NULL,
      segment_id uuid REFERENCES video_segments (id) ON DELETE SET NULL,
      note_id uuid REFERENCES take_notes (id) ON DELETE SET NULL,
      -- The people a note names; the feed's "mentions" filter.
      mentioned_user_ids uuid[] NOT NULL DEFAULT '{}',
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX activity_episode ON activity (episode_id, id DESC);
    CREATE TRIGGER notify_episode_changed AFTER INSERT ON activity
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed();

    CREATE TABLE inbox_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('mention', 'reply', 'decision', 'invitation', 'compile')),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      activity_id bigint REFERENCES activity (id) ON DELETE CASCADE,
      invitation_id uuid REFERENCES invitations (id) ON DELETE CASCADE,
      segment_id uuid REFERENCES video_segments (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      -- When a digest told the person about it (a digest never repeats an item).
      emailed_at timestamptz
    );
    CREATE INDEX inbox_items_person ON inbox_items (user_id, id DESC);
    CREATE INDEX inbox_items_unread ON inbox_items (user_id) WHERE read_at IS NULL;
    -- A take waits for a person's decision once, however often it is made ready again.
    CREATE UNIQUE INDEX inbox_items_one_decision ON inbox_items (user_id, segment_id) WHERE kind = 'decision';

    CREATE FUNCTION dailies_notify_inbox_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('inbox_changed', COALESCE(NEW.user_id, OLD.user_id)::text);
      RETURN NULL;
    END $$;
    CREATE TRIGGER notify_inbox_changed AFTER INSERT OR UPDATE OR DELETE ON inbox_items
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_inbox_changed();

    CREATE TABLE mail_preferences (
      user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      -- Inbox kinds this person no longer wants in digests.
      unsubscribed text[] NOT NULL DEFAULT '{}',
      last_digest_at timestamptz,
      -- Signs this person's unsubscribe links (an HMAC per kind); never leaves the server.
      link_secret text NOT NULL
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS mail_preferences, inbox_items, activity;
    DROP FUNCTION IF EXISTS dailies_notify_inbox_changed;
  `.execute(db);
}
