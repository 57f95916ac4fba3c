/**
 * Every reviewer's own decision on a take, and the episode's approval rule that turns decisions
 * into the take's approval.
 *
 * `take_decisions` holds one live row per (take, reviewer); changing one's mind updates that row
 * (the history is in `segment_reviews`). Reopening an approved take marks its decisions superseded:
 * they stay, but no longer count. Existing approvals, rejections and requests for another take are
 * carried over as decisions so that re-evaluating a take under a rule gives the state it has.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TYPE review_action ADD VALUE IF NOT EXISTS 'changes_requested'`.execute(db);
  await sql`ALTER TYPE review_action ADD VALUE IF NOT EXISTS 'reopen'`.execute(db);
  await sql`ALTER TYPE review_action ADD VALUE IF NOT EXISTS 'withdraw'`.execute(db);
  await sql`
    CREATE TYPE take_decision AS ENUM ('approve', 'changes_requested', 'reject');

    CREATE TABLE take_decisions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      segment_id uuid NOT NULL REFERENCES video_segments (id) ON DELETE CASCADE,
      episode_id uuid NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
      -- A user id, 'guest:<share link>:<name>' for a guest, or 'system:<name>' for an automatic approval.
      reviewer_key text NOT NULL,
      reviewer_id uuid REFERENCES users (id) ON DELETE SET NULL,
      reviewer_name text NOT NULL,
      share_link_id uuid REFERENCES share_links (id) ON DELETE SET NULL,
      decision take_decision NOT NULL,
      rating smallint CHECK (rating BETWEEN 1 AND 5),
      note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- Set when the take was reopened: kept for history, no longer counted.
      superseded_at timestamptz
    );
    CREATE UNIQUE INDEX take_decisions_one_per_reviewer ON take_decisions (segment_id, reviewer_key) WHERE superseded_at IS NULL;
    CREATE INDEX take_decisions_episode ON take_decisions (episode_id);
    CREATE TRIGGER touch_updated_at BEFORE UPDATE ON take_decisions FOR EACH ROW EXECUTE FUNCTION dailies_touch_updated_at();
    CREATE TRIGGER notify_episode_changed AFTER INSERT OR UPDATE OR DELETE ON take_decisions
      FOR EACH ROW EXECUTE FUNCTION dailies_notify_episode_changed();

    ALTER TABLE episodes ADD COLUMN approval_rule jsonb NOT NULL DEFAULT '{"kind":"any"}';
  `.execute(db);
  // Carry over each reviewer's latest decision on every take (ratings given with an approval too).
  await sql`
    INSERT INTO take_decisions (segment_id, episode_id, reviewer_key, reviewer_id, reviewer_name, share_link_id, decision, rating, note, created_at, updated_at)
    SELECT DISTINCT ON (r.segment_id, key)
      r.segment_id, r.episode_id, key, r.reviewer_id, r.reviewer_name, r.share_link_id,
      CASE r.action::text WHEN 'approve' THEN 'approve' WHEN 'reject' THEN 'reject' ELSE 'changes_requested' END::take_decision,
      r.rating, r.feedback, r.created_at, r.created_at
    FROM (
      SELECT r.*, CASE
        WHEN r.reviewer_id IS NOT NULL THEN r.reviewer_id::text
        WHEN r.share_link_id IS NOT NULL THEN 'guest:' || r.share_link_id || ':' || r.reviewer_name
        ELSE 'system:' || r.reviewer_name END AS key
      FROM segment_reviews r
      WHERE r.action::text IN ('approve', 'reject', 'request_regeneration')
    ) r
    ORDER BY r.segment_id, key, r.created_at DESC
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE episodes DROP COLUMN IF EXISTS approval_rule;
    DROP TABLE IF EXISTS take_decisions;
    DROP TYPE IF EXISTS take_decision;
  `.execute(db);
}
