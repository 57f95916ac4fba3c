/**
 * How each member joined (created the episode, added by an owner, through an invitation), and the
 * last-owner rule in the database itself: a change that leaves an episode without an owner is
 * refused whoever makes it, however many make it at once.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE episode_members
      ADD COLUMN joined_via text NOT NULL DEFAULT 'added' CHECK (joined_via IN ('created', 'added', 'invitation'));
    UPDATE episode_members SET joined_via = 'created' WHERE added_by = user_id AND role = 'owner';

    -- Runs after every demotion or removal of an owner. It locks the episode row first, so two
    -- owners demoting each other at once are counted one after the other: the second waits for
    -- the first to commit, then reads (a new snapshot per statement) that it is the last owner.
    -- An episode being deleted, or a member whose account is being deleted, is not checked.
    CREATE FUNCTION dailies_keep_an_owner() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.role <> 'owner' OR (TG_OP = 'UPDATE' AND NEW.role = 'owner') THEN
        RETURN NULL;
      END IF;
      PERFORM 1 FROM episodes WHERE id = OLD.episode_id FOR UPDATE;
      IF NOT FOUND OR NOT EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id) THEN
        RETURN NULL;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM episode_members WHERE episode_id = OLD.episode_id AND role = 'owner') THEN
        RAISE EXCEPTION 'episode % would have no owner', OLD.episode_id
          USING ERRCODE = 'P0001', CONSTRAINT = 'episode_keeps_an_owner';
      END IF;
      RETURN NULL;
    END;
    $$;
    CREATE TRIGGER keep_an_owner AFTER UPDATE OF role OR DELETE ON episode_members
      FOR EACH ROW EXECUTE FUNCTION dailies_keep_an_owner();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS keep_an_owner ON episode_members;
    DROP FUNCTION IF EXISTS dailies_keep_an_owner();
    ALTER TABLE episode_members DROP COLUMN IF EXISTS joined_via;
  `.execute(db);
}
