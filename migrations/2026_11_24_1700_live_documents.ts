/**
 * The history of each episode's live document (Yjs updates, append-only, compacted on load), so
 * that a restarted server continues the same document: clients that reconnect receive only what
 * they missed instead of a rebuilt document that would merge with their copy.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE live_document_updates (
      id bigserial PRIMARY KEY,
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      update bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX live_document_updates_episode ON live_document_updates (episode_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS live_document_updates;`.execute(db);
}
