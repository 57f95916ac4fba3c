/**
 * Character pictures made by an image model wait as proposals until a person approves one as the
 * character's reference: the asset names the character it was made for and how it was made.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE assets
      ADD COLUMN character_key text,
      ADD COLUMN provenance jsonb;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE assets DROP COLUMN IF EXISTS character_key, DROP COLUMN IF EXISTS provenance`.execute(db);
}
