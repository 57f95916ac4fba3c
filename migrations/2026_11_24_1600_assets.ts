/**
 * Uploaded assets of an episode (background music for compiles). Frozen once landed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE asset_kind AS ENUM ('music');
    CREATE TABLE assets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      kind asset_kind NOT NULL,
      filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
      content_type text NOT NULL,
      storage_key text NOT NULL,
      duration numeric(10, 3) NOT NULL CHECK (duration > 0),
      file_size bigint NOT NULL CHECK (file_size > 0),
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX assets_episode ON assets (episode_id, created_at DESC);
    CREATE TRIGGER notify_episode_changed AFTER INSERT OR UPDATE OR DELETE ON assets
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS assets; DROP TYPE IF EXISTS asset_kind;`.execute(db);
}
