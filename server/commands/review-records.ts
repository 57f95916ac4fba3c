/**
 * What every decision on a take writes: its `segment_reviews` row and audit event, and for an
 * approval the take's new state and the pre-render of its transitions. Shared by the review
 * commands, regeneration and auto-approving runs (which is why it lives apart from them).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { insertAuditEvent } from '../db/queries/audit.queries.ts';
import { findSegment, insertReview, listReviews, markApproved } from '../db/queries/segment.queries.ts';
import type { DB, ReviewAction, VideoSegment } from '../db/schema.ts';
import { conflict } from '../errors.ts';
import type { Actor, Services } from './services.ts';
import { schedulePrerender } from './transition-prerender.ts';

export interface ApproveInput {
  rating?: number;
  feedback?: string;
}

/** 409 with the state that made the action impossible. */
export function stateConflict(message: string, segment: VideoSegment | undefined) {
  return conflict(message, {
    segment_id: segment?.id,
    version: segment?.version,
    status: segment?.status,
    approval_status: segment?.approval_status,
    is_current: segment?.is_current,
  });
}

const DECIDED: Record<string, { action: ReviewAction; words: string }> = {
  approved: { action: 'approve', words: 'already approved' },
  rejected: { action: 'reject', words: 'rejected' },
  needs_revision: { action: 'request_regeneration', words: 'sent back for another take' },
};

/**
 * The 409 for a decision the take's state no longer allows (most often because someone else
 * decided first): it says which shot and version, what state it is in and, when a decision
 * settled it, who made that decision — never only an id.
 */
export async function refusedDecision(trx: Database, verb: 'approved' | 'rejected' | 'sent back', segmentId: string) {
  const segment = await findSegment(trx, segmentId);
  if (!segment) return conflict('This take no longer exists: reload the episode.', { segment_id: segmentId });
  const take = `Shot ${segment.segment_number}, version ${segment.version}`;
  let why: string;
  if (!segment.is_current) why = `${take} is no longer the current take: a newer one replaced it. Reload to review the current take.`;
  else if (segment.status !== 'completed') why = `${take} is ${segment.status === 'failed' ? 'a failed take' : `not made yet (${segment.status})`}: it can be ${verb} once a take is made.`;
  else {
    const decided = DECIDED[segment.approval_status];
    const last = decided ? (await listReviews(trx, segment.id)).filter((review) => review.action === decided.action).at(-1) : undefined;
    why = decided
      ? `${take} was ${decided.words}${last ? ` by ${last.reviewer_name}` : ''}, so it cannot be ${verb} now: reload to see it.`
      : `${take} cannot be ${verb} now (${segment.approval_status}).`;
  }
  return stateConflict(why, segment);
}

/** Writes the review row and the matching audit event of an action on a take. */
export async function recordReview(
  trx: Database,
  segment: VideoSegment,
  actor: Actor,
  action: ReviewAction,
  fields: { rating?: number | null; feedback?: string | null; suggested_changes?: Record<string, unknown> | null } = {},
) {
  await insertReview(trx, {
    segment_id: segment.id,
    episode_id: segment.episode_id,
    reviewer_id: actor.userId,
    reviewer_name: actor.name,
    share_link_id: actor.shareLinkId ?? null,
    action,
    rating: fields.rating ?? null,
    feedback: fields.feedback ?? null,
    suggested_changes: fields.suggested_changes ?? null,
  });
  await insertAuditEvent(trx, {
    action: `segment.${action}`,
    episode_id: segment.episode_id,
    actor_user_id: actor.userId,
    actor_name: actor.name,
    share_link_id: actor.shareLinkId ?? null,
    ip: actor.ip ?? null,
    details: { segment_id: segment.id, segment_number: segment.segment_number, version: segment.version, ...fields },
  });
}

/** The approval itself, inside a transaction that holds the episode lock. */
export async function recordApproval(services: Services, trx: Transaction<DB>, segment: VideoSegment, actor: Actor, input: ApproveInput): Promise<VideoSegment> {
  const approved = await markApproved(trx, segment.id);
  if (!approved) throw await refusedDecision(trx, 'approved', segment.id);
  await recordReview(trx, approved, actor, 'approve', { rating: input.rating ?? null, feedback: input.feedback ?? null });
  await schedulePrerender(services, trx, approved.episode_id);
  return approved;
}
