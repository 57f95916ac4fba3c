/**
 * The retention policy's one query: which versions' files may be deleted (see commands/retention.ts).
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';

export type PurgeReason = 'rejected' | 'beyond_newest';

export interface PurgeCandidate {
  id: string;
  episode_id: string;
  segment_number: number;
  version: number;
  storage_key: string | null;
  thumbnail_key: string | null;
  reason: PurgeReason;
}

/**
 * Versions whose files may go: not purged yet, not current, not approved, with a file, and either
 * beyond the newest `keepVersions` of their slot or rejected before `rejectedBefore`.
 */
export async function findPurgeCandidates(db: Database, input: { keepVersions: number; rejectedBefore: Date }): Promise<PurgeCandidate[]> {
  const { keepVersions, rejectedBefore } = input;
  const result = await sql<PurgeCandidate>`
    SELECT id, episode_id, segment_number, version, storage_key, thumbnail_key,
           CASE WHEN rank > ${keepVersions} THEN 'beyond_newest' ELSE 'rejected' END AS reason
    FROM (
      SELECT s.*, row_number() OVER (PARTITION BY shot_id ORDER BY version DESC) AS rank
      FROM video_segments s
    ) ranked
    WHERE purged_at IS NULL
      AND NOT is_current
      AND approval_status <> 'approved'
      -- A candidate still waiting for its decision is kept whole.
      AND NOT (replaces_segment_id IS NOT NULL AND approval_status = 'pending')
      -- So is every take of a vote still open.
      AND choice_state IS DISTINCT FROM 'contending'
      AND (storage_key IS NOT NULL OR thumbnail_key IS NOT NULL)
      AND (rank > ${keepVersions} OR (approval_status = 'rejected' AND COALESCE(generated_at, created_at) < ${rejectedBefore}))
  `.execute(db);
  return result.rows;
}
