/**
 * What planning an episode took from its language model: the model and the tokens it read and
 * wrote over every call (retries included), so a team sees what an idea cost before any video.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE episodes ADD COLUMN planning_usage jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE episodes DROP COLUMN IF EXISTS planning_usage`.execute(db);
}
