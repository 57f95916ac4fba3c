/**
 * The retention policy (also in the README): every version is kept for comparison, except that
 * the files of rejected versions older than `rejectedAfterDays` and of versions beyond the newest
 * `keepVersions` of their slot are deleted, never those of the current or of an approved version.
 * Purged rows stay, marked `purged_at`, with their history.
 */
import { findPurgeCandidates, type PurgeReason } from '../db/queries/retention.queries.ts';
import { markPurged } from '../db/queries/segment.queries.ts';
import { captionsKey, originalKey } from './segment-analyzer.ts';
import type { Services } from './services.ts';

export interface PurgeReport {
  purged: { id: string; segment_number: number; version: number; reason: PurgeReason }[];
}

export async function purgeOldVersions(services: Services, now: Date = new Date()): Promise<PurgeReport> {
  const { rejectedAfterDays, keepVersions } = services.engine.retention;
  const rejectedBefore = new Date(now.getTime() - rejectedAfterDays * 86_400_000);
  const candidates = await findPurgeCandidates(services.db, { keepVersions, rejectedBefore });
  const purged: PurgeReport['purged'] = [];
  for (const row of candidates) {
    // The captions and the provider's original beside the take go with it (deleting one that was
    // never made is harmless).
    for (const key of [row.storage_key, row.thumbnail_key, captionsKey(row), originalKey(row)]) if (key) await services.storage.delete(key);
    await markPurged(services.db, row.id);
    purged.push({ id: row.id, segment_number: row.segment_number, version: row.version, reason: row.reason });
  }
  if (purged.length > 0) services.log.info(`Retention purged the files of ${purged.length} old version(s).`);
  return { purged };
}
