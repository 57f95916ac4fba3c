/**
 * The seed design's tables (episodes, characters, scenes, shots, video_segments,
 * segment_compilation_jobs, segment_reviews) plus users and sessions.
 * Frozen once landed: later changes go into new migrations.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE episode_status AS ENUM
      ('draft', 'planning', 'planned', 'generating', 'reviewing', 'compiling', 'completed', 'failed');
    CREATE TYPE episode_source AS ENUM ('idea', 'screenplay', 'shots');
    CREATE TYPE camera_move AS ENUM ('static', 'push-in', 'pull-out', 'pan-left', 'pan-right');
    CREATE TYPE segment_type AS ENUM ('shot', 'title', 'insert');
    CREATE TYPE segment_status AS ENUM ('pending', 'generating', 'completed', 'failed');
    CREATE TYPE approval_status AS ENUM ('pending', 'approved', 'rejected', 'needs_revision');
    CREATE TYPE compilation_status AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');
    CREATE TYPE review_action AS ENUM
      ('approve', 'reject', 'regenerate', 'rollback', 'comment', 'rate', 'request_regeneration');

    CREATE FUNCTION dailies_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.updated_at := now();
      RETURN NEW;
    END $$;

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      password_hash text,
      display_name text NOT NULL,
      is_admin boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT users_email_shape CHECK (email ~ '^[^@\\s]+@[^@\\s]+$')
    );
    CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

    -- Sessions after Lucia's guide: the id is the SHA-256 of the token; the token itself is never stored.
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sessions_user_id ON sessions (user_id);

    CREATE TABLE episodes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL DEFAULT '',
      logline text NOT NULL DEFAULT '',
      story text NOT NULL DEFAULT '',
      source_type episode_source NOT NULL DEFAULT 'idea',
      idea text,
      screenplay text,
      style text NOT NULL DEFAULT 'animatic',
      width integer NOT NULL DEFAULT 1280 CHECK (width BETWEEN 16 AND 7680 AND width % 2 = 0),
      height integer NOT NULL DEFAULT 720 CHECK (height BETWEEN 16 AND 4320 AND height % 2 = 0),
      fps integer NOT NULL DEFAULT 24 CHECK (fps BETWEEN 1 AND 120),
      planner text NOT NULL DEFAULT 'builtin',
      video_provider text NOT NULL DEFAULT 'builtin',
      seed integer NOT NULL DEFAULT 1,
      status episode_status NOT NULL DEFAULT 'draft',
      error_message text,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX episodes_created_at ON episodes (created_at DESC);

    CREATE TABLE characters (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      key text NOT NULL,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      visual_traits jsonb NOT NULL DEFAULT '[]',
      color text NOT NULL CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
      reference_asset_url text,
      position integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (episode_id, key)
    );

    CREATE TABLE scenes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      scene_number integer NOT NULL CHECK (scene_number > 0),
      heading text NOT NULL,
      location text NOT NULL,
      location_description text NOT NULL DEFAULT '',
      time_of_day text NOT NULL DEFAULT '',
      summary text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (episode_id, scene_number)
    );

    CREATE TABLE shots (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      scene_id uuid NOT NULL REFERENCES scenes (id) ON DELETE CASCADE,
      -- Episode-wide number of the shot (the segment slot); stable once planned.
      shot_number integer NOT NULL CHECK (shot_number > 0),
      number_in_scene integer NOT NULL CHECK (number_in_scene > 0),
      prompt text NOT NULL,
      camera camera_move NOT NULL DEFAULT 'static',
      camera_note text NOT NULL DEFAULT '',
      duration numeric(6, 2) NOT NULL CHECK (duration > 0 AND duration <= 60),
      character_keys jsonb NOT NULL DEFAULT '[]',
      dialogue jsonb NOT NULL DEFAULT '[]',
      style text,
      -- Compile order of the slot; the team may reorder.
      position integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (episode_id, shot_number)
    );
    CREATE INDEX shots_episode_position ON shots (episode_id, position);
    CREATE INDEX shots_scene ON shots (scene_id);

    CREATE TABLE video_segments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      shot_id uuid NOT NULL REFERENCES shots (id) ON DELETE CASCADE,
      segment_number integer NOT NULL CHECK (segment_number > 0),
      segment_type segment_type NOT NULL DEFAULT 'shot',
      generation_params jsonb NOT NULL DEFAULT '{}',
      status segment_status NOT NULL DEFAULT 'pending',
      approval_status approval_status NOT NULL DEFAULT 'pending',
      video_url text,
      thumbnail_url text,
      duration numeric(8, 3) CHECK (duration >= 0),
      quality_score real CHECK (quality_score BETWEEN 0 AND 1),
      consistency_score real CHECK (consistency_score BETWEEN 0 AND 1),
      file_size bigint CHECK (file_size >= 0),
      resolution text,
      format text,
      version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      parent_segment_id uuid REFERENCES video_segments (id) ON DELETE SET NULL,
      user_notes text,
      rejection_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      approved_at timestamptz,
      -- Beyond the seed design: which version is the slot's current one, where its files are,
      -- how generation went, and what retention did.
      is_current boolean NOT NULL DEFAULT true,
      provider text NOT NULL DEFAULT 'builtin',
      seed integer NOT NULL DEFAULT 1,
      progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      storage_key text,
      thumbnail_key text,
      error_kind text,
      error_message text,
      quality_metrics jsonb,
      generated_at timestamptz,
      purged_at timestamptz,
      UNIQUE (shot_id, version),
      CONSTRAINT approved_has_time CHECK (approval_status <> 'approved' OR approved_at IS NOT NULL),
      CONSTRAINT reviewed_only_when_completed CHECK (approval_status = 'pending' OR status = 'completed')
    );
    CREATE UNIQUE INDEX video_segments_one_current ON video_segments (shot_id) WHERE is_current;
    CREATE INDEX video_segments_episode ON video_segments (episode_id, segment_number);
    CREATE INDEX video_segments_status ON video_segments (status) WHERE status IN ('pending', 'generating');

    CREATE TABLE segment_compilation_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      status compilation_status NOT NULL DEFAULT 'queued',
      progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      segment_ids jsonb NOT NULL DEFAULT '[]',
      transition_style text NOT NULL DEFAULT 'dissolve',
      transition_duration numeric(5, 2) NOT NULL DEFAULT 0.5 CHECK (transition_duration >= 0 AND transition_duration <= 5),
      audio_config jsonb NOT NULL DEFAULT '{}',
      output_video_url text,
      output_storage_key text,
      output_duration numeric(10, 3),
      output_file_size bigint,
      segments_included integer,
      error_message text,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      completed_at timestamptz
    );
    CREATE INDEX segment_compilation_jobs_episode ON segment_compilation_jobs (episode_id, created_at DESC);

    CREATE TABLE segment_reviews (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      segment_id uuid NOT NULL REFERENCES video_segments (id) ON DELETE CASCADE,
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      reviewer_id uuid REFERENCES users (id) ON DELETE SET NULL,
      -- Kept even when the account goes, and for guests and automatic decisions.
      reviewer_name text NOT NULL,
      action review_action NOT NULL,
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      feedback text,
      suggested_changes jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX segment_reviews_segment ON segment_reviews (segment_id, created_at);
    CREATE INDEX segment_reviews_episode ON segment_reviews (episode_id, created_at);
  `.execute(db);

  for (const table of ['users', 'episodes', 'characters', 'scenes', 'shots', 'video_segments', 'segment_compilation_jobs']) {
    await sql`CREATE TRIGGER touch_updated_at BEFORE UPDATE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION dailies_touch_updated_at()`.execute(db);
  }

  // Every committed change to an episode's rows notifies listeners (the live document) once per
  // transaction: Postgres folds identical notifications raised in one transaction into one.
  await sql`
    CREATE FUNCTION dailies_notify_episode_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed_episode uuid;
    BEGIN
      IF TG_TABLE_NAME = 'episodes' THEN
        changed_episode := COALESCE(NEW.id, OLD.id);
      ELSIF TG_OP = 'DELETE' THEN
        changed_episode := OLD.episode_id;
      ELSE
        changed_episode := NEW.episode_id;
      END IF;
      PERFORM pg_notify('episode_changed', changed_episode::text);
      RETURN NULL;
    END $$;
  `.execute(db);
  for (const table of ['episodes', 'characters', 'scenes', 'shots', 'video_segments', 'segment_compilation_jobs', 'segment_reviews']) {
    await sql`CREATE TRIGGER notify_episode_changed AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed()`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS segment_reviews, segment_compilation_jobs, video_segments, shots, scenes, characters,
      episodes, sessions, users CASCADE;
    DROP FUNCTION IF EXISTS dailies_notify_episode_changed, dailies_touch_updated_at;
    DROP TYPE IF EXISTS review_action, compilation_status, approval_status, segment_status, segment_type,
      camera_move, episode_source, episode_status;
  `.execute(db);
}
