/**
 * Requests for a character picture from an image model, run by the worker: a remote model may
 * take tens of seconds, which no HTTP request should wait for. A request is queued, runs, and
 * ends with the picture it made (an asset) or the reason it failed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE image_request_status AS ENUM ('queued', 'running', 'done', 'failed');
    CREATE TABLE character_image_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      character_key text NOT NULL,
      image_model text NOT NULL,
      seed integer NOT NULL,
      status image_request_status NOT NULL DEFAULT 'queued',
      attempts integer NOT NULL DEFAULT 0,
      error_kind text,
      error_message text,
      asset_id uuid REFERENCES assets (id) ON DELETE SET NULL,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX character_image_requests_character ON character_image_requests (episode_id, character_key, created_at DESC);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS character_image_requests; DROP TYPE IF EXISTS image_request_status;`.execute(db);
}
