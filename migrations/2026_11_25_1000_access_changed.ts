/**
 * `access_changed` notifications: every committed change that can end someone's access (a session
 * or guest session deleted, an API token revoked, a share link revoked or changed, a membership
 * removed or its role changed, admin rights taken away, an episode deleted) raises
 * `pg_notify('access_changed', '<kind>:<id>')` in its own transaction, with `kind` one of `user`,
 * `share_link` or `episode`. Every server process listens and re-checks the live connections that
 * the change names. Triggers rather than calls in each command, so that no path (the API, the
 * command line, a cascade, an operator's SQL) can forget to tell. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION dailies_notify_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      target text;
    BEGIN
      -- Postgres folds identical notifications of one transaction into one: a password change that
      -- deletes ten sessions tells listeners once.
      -- One branch per table: plpgsql prepares each only when it runs, so a branch may name columns
      -- that other tables lack.
      IF TG_TABLE_NAME IN ('sessions', 'api_tokens', 'episode_members') THEN
        target := 'user:' || OLD.user_id;
      ELSIF TG_TABLE_NAME = 'users' THEN
        target := 'user:' || OLD.id;
      ELSIF TG_TABLE_NAME = 'guest_sessions' THEN
        target := 'share_link:' || OLD.share_link_id;
      ELSIF TG_TABLE_NAME = 'share_links' THEN
        target := 'share_link:' || OLD.id;
      ELSE
        target := 'episode:' || OLD.id;
      END IF;
      PERFORM pg_notify('access_changed', target);
      RETURN NULL;
    END $$;

    CREATE TRIGGER notify_access_changed AFTER DELETE ON sessions
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_changed AFTER DELETE ON guest_sessions
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_changed AFTER DELETE ON api_tokens
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_narrowed AFTER UPDATE ON api_tokens
      FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.scope IS DISTINCT FROM NEW.scope)
      EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_changed AFTER DELETE ON share_links
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_narrowed AFTER UPDATE ON share_links
      FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.role IS DISTINCT FROM NEW.role)
      EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_changed AFTER DELETE ON episode_members
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_narrowed AFTER UPDATE ON episode_members
      FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role)
      EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_changed AFTER DELETE ON users
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_narrowed AFTER UPDATE ON users
      FOR EACH ROW WHEN (OLD.is_admin IS DISTINCT FROM NEW.is_admin)
      EXECUTE FUNCTION dailies_notify_access_changed();
    CREATE TRIGGER notify_access_changed AFTER DELETE ON episodes
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_access_changed();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS notify_access_changed ON sessions;
    DROP TRIGGER IF EXISTS notify_access_changed ON guest_sessions;
    DROP TRIGGER IF EXISTS notify_access_changed ON api_tokens;
    DROP TRIGGER IF EXISTS notify_access_narrowed ON api_tokens;
    DROP TRIGGER IF EXISTS notify_access_changed ON share_links;
    DROP TRIGGER IF EXISTS notify_access_narrowed ON share_links;
    DROP TRIGGER IF EXISTS notify_access_changed ON episode_members;
    DROP TRIGGER IF EXISTS notify_access_narrowed ON episode_members;
    DROP TRIGGER IF EXISTS notify_access_changed ON users;
    DROP TRIGGER IF EXISTS notify_access_narrowed ON users;
    DROP TRIGGER IF EXISTS notify_access_changed ON episodes;
    DROP FUNCTION IF EXISTS dailies_notify_access_changed();
  `.execute(db);
}
