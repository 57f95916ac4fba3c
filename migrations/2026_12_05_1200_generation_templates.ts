/**
 * Generation templates: a named set of take parameters (style, camera, duration, a prompt suffix,
 * the provider and its options) kept in an episode or in one person's account, applied to shots
 * before they are generated.
 *
 * A template is never deleted outright: `deleted_at` hides it, so the takes that name it keep
 * pointing at a row. Names are unique per scope among the templates that are not deleted.
 *
 * A shot keeps what was applied to it: the provider and options its next take uses, the prompt
 * suffix, and which template (id, name and version at the time) its settings came from. The
 * take copies those into its generation parameters when it is made.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE generation_templates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      scope text NOT NULL CHECK (scope IN ('episode', 'account')),
      episode_id uuid REFERENCES episodes (id) ON DELETE CASCADE,
      owner_user_id uuid REFERENCES users (id) ON DELETE CASCADE,
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      params jsonb NOT NULL,
      source_segment_id uuid REFERENCES video_segments (id) ON DELETE SET NULL,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      deleted_at timestamptz,
      CHECK ((scope = 'episode' AND episode_id IS NOT NULL AND owner_user_id IS NULL)
          OR (scope = 'account' AND owner_user_id IS NOT NULL AND episode_id IS NULL))
    );
    CREATE UNIQUE INDEX generation_templates_episode_name ON generation_templates (episode_id, lower(name))
      WHERE scope = 'episode' AND deleted_at IS NULL;
    CREATE UNIQUE INDEX generation_templates_account_name ON generation_templates (owner_user_id, lower(name))
      WHERE scope = 'account' AND deleted_at IS NULL;

    ALTER TABLE shots
      ADD COLUMN prompt_suffix text CHECK (char_length(prompt_suffix) BETWEEN 1 AND 1000),
      ADD COLUMN provider_options jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN template_id uuid REFERENCES generation_templates (id) ON DELETE SET NULL,
      ADD COLUMN template_name text,
      ADD COLUMN template_version integer;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE shots
      DROP COLUMN IF EXISTS prompt_suffix,
      DROP COLUMN IF EXISTS provider_options,
      DROP COLUMN IF EXISTS template_id,
      DROP COLUMN IF EXISTS template_name,
      DROP COLUMN IF EXISTS template_version;
    DROP TABLE IF EXISTS generation_templates;
  `.execute(db);
}
