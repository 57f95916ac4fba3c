/**
 * The retention policy (also in the README): every version is kept for comparison, except that
 * the files of rejected versions older than `rejectedAfterDays` and of versions beyond the newest
 * `keepVersions` of their slot are deleted, never those of the current or of an approved version.
 * Purged rows stay, marked `purged_at`, with their history.
 */
import { sql } from 'kysely';
import { markPurged } from '../db/queries/segment.queries.ts';
import type { Services } from './services.ts';

export interface PurgeReport {
  purged: { id: string; segment_number: number; version: number; reason: 'rejected' | 'beyond_newest' }[];
}

export async function purgeOldVersions(services: Services, now: Date = new Date()): Promise<PurgeReport> {
  const { rejectedAfterDays, keepVersions } = services.engine.retention;
  const rejectedBefore = new Date(now.getTime() - rejectedAfterDays * 86_400_000);
  const candidates = await sql<{ id: string; segment_number: number; version: number; storage_key: string | null; thumbnail_key: string | null; reason: 'rejected' | 'beyond_newest' }>`
    SELECT id, segment_number, version, storage_key, thumbnail_key,
           CASE WHEN rank > ${keepVersions} THEN 'beyond_newest' ELSE 'rejected' END AS reason
    FROM (
      SELECT s.*, row_number() OVER (PARTITION BY shot_id ORDER BY version DESC) AS rank
      FROM video_segments s
    ) ranked
    WHERE purged_at IS NULL
      AND NOT is_current
      AND approval_status <> 'approved'
      AND (storage_key IS NOT NULL OR thumbnail_key IS NOT NULL)
      AND (rank > ${keepVersions} OR (approval_status = 'rejected' AND COALESCE(generated_at, created_at) < ${rejectedBefore}))
  `.execute(services.db);
  const purged: PurgeReport['purged'] = [];
  for (const row of candidates.rows) {
    for (const key of [row.storage_key, row.thumbnail_key]) if (key) await services.storage.delete(key);
    await markPurged(services.db, row.id);
    purged.push({ id: row.id, segment_number: row.segment_number, version: row.version, reason: row.reason });
  }
  if (purged.length > 0) services.log.info(`Retention purged the files of ${purged.length} old version(s).`);
  return { purged };
}
