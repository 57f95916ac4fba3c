/**
 * A template's scope is an enum like every other status-like column, not free text held in line by
 * a check.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE template_scope AS ENUM ('episode', 'account');
    DROP INDEX generation_templates_episode_name;
    DROP INDEX generation_templates_account_name;
    ALTER TABLE generation_templates DROP CONSTRAINT generation_templates_scope_check;
    ALTER TABLE generation_templates DROP CONSTRAINT generation_templates_check;
    ALTER TABLE generation_templates ALTER COLUMN scope TYPE template_scope USING scope::template_scope;
    ALTER TABLE generation_templates ADD CONSTRAINT generation_templates_check
      CHECK ((scope = 'episode' AND episode_id IS NOT NULL AND owner_user_id IS NULL)
          OR (scope = 'account' AND owner_user_id IS NOT NULL AND episode_id IS NULL));
    CREATE UNIQUE INDEX generation_templates_episode_name ON generation_templates (episode_id, lower(name))
      WHERE scope = 'episode' AND deleted_at IS NULL;
    CREATE UNIQUE INDEX generation_templates_account_name ON generation_templates (owner_user_id, lower(name))
      WHERE scope = 'account' AND deleted_at IS NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX generation_templates_episode_name;
    DROP INDEX generation_templates_account_name;
    ALTER TABLE generation_templates DROP CONSTRAINT generation_templates_check;
    ALTER TABLE generation_templates ALTER COLUMN scope TYPE text USING scope::text;
    ALTER TABLE generation_templates ADD CONSTRAINT generation_templates_scope_check CHECK (scope IN ('episode', 'account'));
    ALTER TABLE generation_templates ADD CONSTRAINT generation_templates_check
      CHECK ((scope = 'episode' AND episode_id IS NOT NULL AND owner_user_id IS NULL)
          OR (scope = 'account' AND owner_user_id IS NOT NULL AND episode_id IS NULL));
    CREATE UNIQUE INDEX generation_templates_episode_name ON generation_templates (episode_id, lower(name))
      WHERE scope = 'episode' AND deleted_at IS NULL;
    CREATE UNIQUE INDEX generation_templates_account_name ON generation_templates (owner_user_id, lower(name))
      WHERE scope = 'account' AND deleted_at IS NULL;
    DROP TYPE template_scope;
  `.execute(db);
}
