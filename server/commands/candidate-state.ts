/**
 * Where a candidate take stands (candidate-takes.ts): open while nobody has decided on it, and
 * promoted to its shot's current take once approved.
 */
import type { Transaction } from 'kysely';
import { clearCurrent, lockCurrentVersion, makeCurrent } from '../db/queries/segment.queries.ts';
import type { DB, VideoSegment } from '../db/schema.ts';

type TakeState = Pick<VideoSegment, 'is_current' | 'replaces_segment_id' | 'approval_status' | 'status' | 'choice_state'>;

/** One of several takes of a shot while the vote among them is open (take-choices.ts). */
export const isContending = (take: Pick<VideoSegment, 'choice_state'>): boolean => take.choice_state === 'contending';

/**
 * Made to replace an approved take, and not decided on yet (nor failed); of several takes to
 * choose from, only the one the vote chose, once it has closed.
 */
export const isOpenCandidate = (take: TakeState): boolean =>
  !take.is_current &&
  take.replaces_segment_id !== null &&
  take.approval_status === 'pending' &&
  take.status !== 'failed' &&
  (take.choice_state === null || take.choice_state === 'chosen');

/**
 * A take reviewers may decide on: the current take of its shot, or an open candidate to replace
 * it; neither while it is one of several takes being voted on (the vote comes first).
 */
export const isDecidable = (take: TakeState): boolean => (take.is_current && !isContending(take)) || isOpenCandidate(take);

/**
 * An approved candidate becomes its shot's current take, while the take it replaces is still the
 * current one; otherwise the take is returned as it is. Call inside `withEpisodeLock`.
 */
export async function promoteApprovedCandidate(trx: Transaction<DB>, take: VideoSegment): Promise<VideoSegment> {
  if (take.is_current || take.replaces_segment_id === null || take.approval_status !== 'approved') return take;
  const current = await lockCurrentVersion(trx, take.shot_id);
  if (current && current.id !== take.replaces_segment_id) return take;
  await clearCurrent(trx, take.shot_id);
  return makeCurrent(trx, take.id);
}
