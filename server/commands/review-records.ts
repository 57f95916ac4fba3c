/**
 * What every decision on a take writes: its `segment_reviews` row and audit event, and for an
 * approval the take's new state and the pre-render of its transitions. Shared by the review
 * commands, regeneration and auto-approving runs (which is why it lives apart from them).
 */
import type { Database } from '../db/database.ts';
import { insertAuditEvent } from '../db/queries/audit.queries.ts';
import { findSegment, insertReview, markApproved } from '../db/queries/segment.queries.ts';
import type { ReviewAction, VideoSegment } from '../db/schema.ts';
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
export async function approveSegmentInTransaction(services: Services, trx: Database, segment: VideoSegment, actor: Actor, input: ApproveInput): Promise<VideoSegment> {
  const approved = await markApproved(trx, segment.id);
  if (!approved) throw stateConflict(`Segment ${segment.id} cannot be approved now.`, await findSegment(trx, segment.id));
  await recordReview(trx, approved, actor, 'approve', { rating: input.rating ?? null, feedback: input.feedback ?? null });
  await schedulePrerender(services, trx, approved.episode_id);
  return approved;
}
