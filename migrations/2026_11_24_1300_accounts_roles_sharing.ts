/**
 * Roles per episode, API tokens, share links and their guest sessions, the audit trail, and the
 * counters behind rate limits. Frozen once landed.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TYPE episode_role AS ENUM ('viewer', 'reviewer', 'editor', 'owner');

    CREATE TABLE episode_members (
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role episode_role NOT NULL,
      added_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (episode_id, user_id)
    );
    CREATE INDEX episode_members_user ON episode_members (user_id);
    CREATE TRIGGER touch_updated_at BEFORE UPDATE ON episode_members
      FOR EACH ROW EXECUTE FUNCTION dailies_touch_updated_at();
    CREATE TRIGGER notify_episode_changed AFTER INSERT OR UPDATE OR DELETE ON episode_members
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed();

    -- Tokens for scripts: the token is shown once; only its SHA-256 is kept.
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      token_hash text NOT NULL UNIQUE,
      -- The most this token may do on any episode, whatever its owner's role there.
      scope episode_role NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      expires_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX api_tokens_user ON api_tokens (user_id);

    CREATE TABLE share_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      role episode_role NOT NULL CHECK (role IN ('reviewer', 'viewer')),
      label text NOT NULL DEFAULT '',
      password_hash text,
      expires_at timestamptz,
      revoked_at timestamptz,
      created_by uuid REFERENCES users (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      use_count integer NOT NULL DEFAULT 0,
      last_used_at timestamptz
    );
    CREATE INDEX share_links_episode ON share_links (episode_id, created_at DESC);

    -- A guest who opened a share link and named themselves; valid while the link is.
    CREATE TABLE guest_sessions (
      id text PRIMARY KEY,
      share_link_id uuid NOT NULL REFERENCES share_links (id) ON DELETE CASCADE,
      guest_name text NOT NULL CHECK (length(guest_name) BETWEEN 1 AND 80),
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX guest_sessions_link ON guest_sessions (share_link_id);

    ALTER TABLE segment_reviews
      ADD COLUMN share_link_id uuid REFERENCES share_links (id) ON DELETE SET NULL;

    CREATE TABLE audit_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      -- An event name such as share_link.created: open-ended, but of one shape.
      action text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
      episode_id uuid REFERENCES episodes (id) ON DELETE SET NULL,
      actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
      actor_name text NOT NULL,
      share_link_id uuid REFERENCES share_links (id) ON DELETE SET NULL,
      ip text,
      details jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_events_episode ON audit_events (episode_id, occurred_at DESC);
    CREATE INDEX audit_events_actor ON audit_events (actor_user_id, occurred_at DESC);

    -- Fixed-window counters, shared by every server process.
    CREATE TABLE rate_limit_counters (
      key text NOT NULL,
      window_start timestamptz NOT NULL,
      count integer NOT NULL DEFAULT 0,
      PRIMARY KEY (key, window_start)
    );
    CREATE INDEX rate_limit_counters_window ON rate_limit_counters (window_start);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE segment_reviews DROP COLUMN IF EXISTS share_link_id;
    DROP TABLE IF EXISTS rate_limit_counters, audit_events, guest_sessions, share_links, api_tokens, episode_members;
    DROP TYPE IF EXISTS episode_role;
  `.execute(db);
}
