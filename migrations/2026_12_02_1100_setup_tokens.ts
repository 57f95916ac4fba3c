/**
 * One-time setup tokens: a server that listens beyond its own machine prints one at start while it
 * has no account, and the first sign-up must give it (stored as its SHA-256).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE setup_tokens (
      token_hash text PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS setup_tokens;`.execute(db);
}
