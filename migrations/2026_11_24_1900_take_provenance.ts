/**
 * What each take was made with, as its provider knows it (model, seed, final prompt, reference
 * images, job id, latency), and what it cost: reported by the provider, or from the configured
 * price list. Character reference images are assets of their own kind.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE video_segments
      ADD COLUMN provenance jsonb,
      ADD COLUMN cost_usd double precision CHECK (cost_usd >= 0),
      ADD COLUMN cost_source text CHECK (cost_source IN ('reported', 'price_list', 'free'));
    ALTER TYPE asset_kind ADD VALUE IF NOT EXISTS 'character_image';
    ALTER TABLE assets ALTER COLUMN duration DROP NOT NULL;
    ALTER TABLE assets DROP CONSTRAINT IF EXISTS assets_duration_check;
    ALTER TABLE assets ADD CONSTRAINT assets_duration_check CHECK (duration IS NULL OR duration > 0);
    ALTER TABLE characters ADD COLUMN reference_asset_id uuid REFERENCES assets (id) ON DELETE SET NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE characters DROP COLUMN IF EXISTS reference_asset_id;
    ALTER TABLE video_segments DROP COLUMN IF EXISTS provenance, DROP COLUMN IF EXISTS cost_usd, DROP COLUMN IF EXISTS cost_source;
  `.execute(db);
}
