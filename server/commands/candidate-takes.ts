/**
 * Candidate takes: a new take of a shot whose current take is approved, made beside it rather
 * than in its place. The approved take stays current, and in the cut, until the candidate is
 * decided: approved under the episode's rule, the candidate becomes the current take (the old one
 * stays a version); rejected or sent back, it stays a version and the approved take stays.
 */
import type { Transaction } from 'kysely';
import type { GenerationChanges } from '../../src/lib/api/segments.schema.ts';
import { insertNextVersion } from '../db/queries/segment.queries.ts';
import type { DB, VideoSegment } from '../db/schema.ts';
import { regenerationActivity } from './activity.ts';
import { recordReview } from './review-records.ts';
import type { Actor, Services } from './services.ts';
import { nextTakeParams } from './segment-versions.ts';

/**
 * Makes a candidate to replace the approved take `approved`: the next version, with its parameters
 * and `changes` and a new seed, not current. The request is recorded on the approved take. It is
 * not queued: the caller checks the budget and queues it. Call inside `withEpisodeLock`.
 */
export async function makeCandidate(
  services: Services,
  trx: Transaction<DB>,
  approved: VideoSegment,
  changes: GenerationChanges,
  actor: Actor,
  record: Record<string, unknown>,
): Promise<VideoSegment> {
  const { params, seed } = nextTakeParams(approved.generation_params, undefined, changes);
  const candidate = await insertNextVersion(trx, approved, { seed, generation_params: params, replaces_segment_id: approved.id });
  await recordReview(trx, approved, actor, 'regenerate', { suggested_changes: { ...changes, ...record, candidate: true, new_version: candidate.version, new_segment_id: candidate.id } });
  await regenerationActivity(services, trx, approved, actor, { new_version: candidate.version, changes, answers_notes: 0, candidate: true, ...record });
  return candidate;
}
