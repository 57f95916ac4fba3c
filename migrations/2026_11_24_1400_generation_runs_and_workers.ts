/**
 * Generation runs (sequential or parallel, one active per episode), worker heartbeats (to release
 * the jobs of a worker that died), and the retention bookkeeping. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE generation_mode AS ENUM ('sequential', 'parallel');
    CREATE TYPE generation_run_status AS ENUM ('active', 'completed', 'cancelled');

    CREATE TABLE generation_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      mode generation_mode NOT NULL,
      batch_size integer NOT NULL CHECK (batch_size BETWEEN 1 AND 100),
      start_from integer NOT NULL DEFAULT 1 CHECK (start_from >= 1),
      auto_approve boolean NOT NULL DEFAULT false,
      status generation_run_status NOT NULL DEFAULT 'active',
      total_segments integer NOT NULL,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz
    );
    -- At most one active run per episode: a second start is a conflict, even when two race.
    CREATE UNIQUE INDEX generation_runs_one_active ON generation_runs (episode_id) WHERE status = 'active';
    CREATE TRIGGER touch_updated_at BEFORE UPDATE ON generation_runs
      FOR EACH ROW EXECUTE FUNCTION dailies_touch_updated_at();
    CREATE TRIGGER notify_episode_changed AFTER INSERT OR UPDATE OR DELETE ON generation_runs
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed();

    -- Which run queued a segment's generation (null for single regenerations).
    ALTER TABLE video_segments ADD COLUMN generation_run_id uuid REFERENCES generation_runs (id) ON DELETE SET NULL;
    ALTER TABLE video_segments ADD COLUMN queued_at timestamptz;

    -- Each worker process says it is alive every few seconds; jobs locked by workers that stopped
    -- saying so are released for others.
    CREATE TABLE worker_heartbeats (
      process_id text PRIMARY KEY,
      hostname text NOT NULL,
      pid integer NOT NULL,
      worker_ids text[] NOT NULL DEFAULT '{}',
      started_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE IF EXISTS worker_heartbeats;
    ALTER TABLE video_segments DROP COLUMN IF EXISTS generation_run_id, DROP COLUMN IF EXISTS queued_at;
    DROP TABLE IF EXISTS generation_runs;
    DROP TYPE IF EXISTS generation_run_status, generation_mode;
  `.execute(db);
}
