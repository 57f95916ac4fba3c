/**
 * A generation run a producer steers, and an episode's budget. A run can be paused (running renders
 * finish, nothing new starts) with the reason; the shots it has not handed to a worker wait in the
 * order the team sets (`queue_order`: segment numbers moved to the front); each render takes one of
 * the provider's lanes (`queue_lane`). An episode may have a budget and a run a cost cap, in US
 * dollars; every take records who asked for it.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE generation_runs
      ADD COLUMN paused_at timestamptz,
      ADD COLUMN pause_reason text CHECK (length(pause_reason) <= 500),
      ADD COLUMN paused_by uuid REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN queue_order integer[] NOT NULL DEFAULT '{}',
      ADD COLUMN cost_cap_usd double precision CHECK (cost_cap_usd >= 0);
    ALTER TABLE episodes
      ADD COLUMN budget_usd double precision CHECK (budget_usd >= 0);
    ALTER TABLE video_segments
      ADD COLUMN requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN queue_lane smallint;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE video_segments DROP COLUMN IF EXISTS requested_by, DROP COLUMN IF EXISTS queue_lane;
    ALTER TABLE episodes DROP COLUMN IF EXISTS budget_usd;
    ALTER TABLE generation_runs
      DROP COLUMN IF EXISTS paused_at,
      DROP COLUMN IF EXISTS pause_reason,
      DROP COLUMN IF EXISTS paused_by,
      DROP COLUMN IF EXISTS queue_order,
      DROP COLUMN IF EXISTS cost_cap_usd;
  `.execute(db);
}
