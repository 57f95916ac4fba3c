/**
 * The continuity graph: what each take was made from, so that a change marks the takes it leaves
 * out of date.
 *
 * `take_inputs` holds, per take, every input by version: each character of its shot (`character`,
 * at the character's `looks_version`) and that character's reference picture (`reference_picture`,
 * the asset, or none), the set of its scene (`location`, at the scene's `set_version`), the
 * approved take whose last frame it continued from (`previous_take`) and the template its shot's
 * settings came from (`template`, at the template's version). `sent` says whether the input went to
 * the provider (a provider that takes no pictures is still judged against the character's picture).
 *
 * A take is stale when an input moved on: a character's looks or reference picture, a set, or the
 * take it continued from no longer being its shot's current take. Versions are bumped by triggers,
 * whatever writes the row. A change that can leave takes of other shots stale notifies `all`, so
 * that the live document reloads every slot's marks.
 *
 * Takes made before this migration are recorded as made from what their shot names now.
 *
 * A run may cover named shots only (`generation_runs.shot_ids`), as one that regenerates the stale
 * takes does, instead of every shot from `start_from` on.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE characters
      ADD COLUMN looks_version integer NOT NULL DEFAULT 1,
      ADD COLUMN looks_changed_at timestamptz,
      ADD COLUMN reference_changed_at timestamptz;
    ALTER TABLE scenes
      ADD COLUMN set_version integer NOT NULL DEFAULT 1,
      ADD COLUMN set_changed_at timestamptz;

    CREATE TYPE take_input_kind AS ENUM ('character', 'reference_picture', 'location', 'previous_take', 'template');
    CREATE TABLE take_inputs (
      segment_id uuid NOT NULL REFERENCES video_segments (id) ON DELETE CASCADE,
      kind take_input_kind NOT NULL,
      ref_id uuid NOT NULL,
      version integer,
      asset_id uuid,
      label text NOT NULL,
      sent boolean NOT NULL DEFAULT true,
      PRIMARY KEY (segment_id, kind, ref_id)
    );
    CREATE INDEX take_inputs_ref ON take_inputs (ref_id);
    ALTER TABLE generation_runs ADD COLUMN shot_ids uuid[];

    CREATE FUNCTION dailies_bump_character_looks() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.description IS DISTINCT FROM NEW.description OR OLD.visual_traits IS DISTINCT FROM NEW.visual_traits THEN
        NEW.looks_version := OLD.looks_version + 1;
        NEW.looks_changed_at := now();
      END IF;
      IF OLD.reference_asset_id IS DISTINCT FROM NEW.reference_asset_id THEN
        NEW.reference_changed_at := now();
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER bump_character_looks BEFORE UPDATE ON characters
      FOR EACH ROW EXECUTE FUNCTION dailies_bump_character_looks();

    CREATE FUNCTION dailies_bump_scene_set() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.location IS DISTINCT FROM NEW.location OR OLD.location_description IS DISTINCT FROM NEW.location_description
        OR OLD.time_of_day IS DISTINCT FROM NEW.time_of_day THEN
        NEW.set_version := OLD.set_version + 1;
        NEW.set_changed_at := now();
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER bump_scene_set BEFORE UPDATE ON scenes
      FOR EACH ROW EXECUTE FUNCTION dailies_bump_scene_set();

    CREATE TRIGGER notify_inputs_changed AFTER UPDATE ON characters
      FOR EACH ROW WHEN (OLD.looks_version IS DISTINCT FROM NEW.looks_version OR OLD.reference_asset_id IS DISTINCT FROM NEW.reference_asset_id)
      EXECUTE FUNCTION dailies_notify_episode_changed('all');
    CREATE TRIGGER notify_cast_member_removed AFTER DELETE ON characters
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed('all');
    CREATE TRIGGER notify_take_replaced AFTER UPDATE ON video_segments
      FOR EACH ROW WHEN (OLD.is_current AND NOT NEW.is_current)
      EXECUTE FUNCTION dailies_notify_episode_changed('all');

    INSERT INTO take_inputs (segment_id, kind, ref_id, version, label, sent)
    SELECT s.id, 'character', c.id, c.looks_version, c.name, true
    FROM video_segments s
    JOIN shots sh ON sh.id = s.shot_id
    JOIN characters c ON c.episode_id = s.episode_id AND sh.character_keys ? c.key
    WHERE s.status = 'completed';
    INSERT INTO take_inputs (segment_id, kind, ref_id, asset_id, label, sent)
    SELECT s.id, 'reference_picture', c.id, c.reference_asset_id, c.name, false
    FROM video_segments s
    JOIN shots sh ON sh.id = s.shot_id
    JOIN characters c ON c.episode_id = s.episode_id AND sh.character_keys ? c.key
    WHERE s.status = 'completed';
    INSERT INTO take_inputs (segment_id, kind, ref_id, version, label, sent)
    SELECT s.id, 'location', sc.id, sc.set_version, sc.location, true
    FROM video_segments s
    JOIN shots sh ON sh.id = s.shot_id
    JOIN scenes sc ON sc.id = sh.scene_id
    WHERE s.status = 'completed';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS notify_take_replaced ON video_segments;
    DROP TRIGGER IF EXISTS notify_inputs_changed ON characters;
    DROP TRIGGER IF EXISTS notify_cast_member_removed ON characters;
    DROP TRIGGER IF EXISTS bump_scene_set ON scenes;
    DROP TRIGGER IF EXISTS bump_character_looks ON characters;
    DROP FUNCTION IF EXISTS dailies_bump_scene_set();
    DROP FUNCTION IF EXISTS dailies_bump_character_looks();
    ALTER TABLE generation_runs DROP COLUMN IF EXISTS shot_ids;
    DROP TABLE IF EXISTS take_inputs;
    DROP TYPE IF EXISTS take_input_kind;
    ALTER TABLE scenes DROP COLUMN IF EXISTS set_version, DROP COLUMN IF EXISTS set_changed_at;
    ALTER TABLE characters DROP COLUMN IF EXISTS looks_version, DROP COLUMN IF EXISTS looks_changed_at, DROP COLUMN IF EXISTS reference_changed_at;
  `.execute(db);
}
