/**
 * Approves the current version of a slot and records who did it. Guarded in SQL: when two
 * reviewers approve at once, exactly one wins and the other gets a 409 with the current state.
 */
import type { Database } from '../db/database.ts';
import { insertAuditEvent } from '../db/queries/audit.queries.ts';
import { findSegment, insertReview, markApproved } from '../db/queries/segment.queries.ts';
import type { VideoSegment } from '../db/schema.ts';
import { conflict, notFound } from '../errors.ts';
import type { Actor, Services } from './services.ts';

export interface ApproveInput {
  rating?: number;
  feedback?: string;
}

/** The approval itself, for callers that already hold a transaction (auto-approve after generation). */
export async function approveSegmentInTransaction(
  trx: Database,
  segment: VideoSegment,
  actor: Actor,
  input: ApproveInput,
): Promise<VideoSegment> {
  const approved = await markApproved(trx, segment.id);
  if (!approved) {
    const current = await findSegment(trx, segment.id);
    throw conflict(`Segment ${segment.id} cannot be approved now.`, {
      status: current?.status,
      approval_status: current?.approval_status,
      is_current: current?.is_current,
    });
  }
  await insertReview(trx, {
    segment_id: segment.id,
    episode_id: segment.episode_id,
    reviewer_id: actor.userId,
    reviewer_name: actor.name,
    share_link_id: actor.shareLinkId ?? null,
    action: 'approve',
    rating: input.rating ?? null,
    feedback: input.feedback ?? null,
  });
  await insertAuditEvent(trx, {
    action: 'segment.approve',
    episode_id: segment.episode_id,
    actor_user_id: actor.userId,
    actor_name: actor.name,
    share_link_id: actor.shareLinkId ?? null,
    ip: actor.ip ?? null,
    details: { segment_id: segment.id, version: segment.version, rating: input.rating ?? null },
  });
  return approved;
}

export async function approveSegment(services: Services, segmentId: string, actor: Actor, input: ApproveInput) {
  return services.db.transaction().execute(async (trx) => {
    const segment = await findSegment(trx, segmentId);
    if (!segment) throw notFound('Segment', segmentId);
    return approveSegmentInTransaction(trx, segment, actor, input);
  });
}
