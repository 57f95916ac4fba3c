/**
 * Review decisions on a slot's current version: approve, reject (with a reason and suggested
 * changes), request a regeneration, comment. Each writes a `segment_reviews` row and an audit
 * event in the same transaction. Decisions are guarded in SQL: when two reviewers act at once,
 * exactly one wins and the other gets a 409 with the current state.
 */
import type { Database } from '../db/database.ts';
import { insertAuditEvent } from '../db/queries/audit.queries.ts';
import { findSegment, insertReview, markApproved, markDecision } from '../db/queries/segment.queries.ts';
import type { ReviewAction, VideoSegment } from '../db/schema.ts';
import { conflict, notFound } from '../errors.ts';
import { inEpisodeTransaction } from './episode-transaction.ts';
import { advanceRun } from './generation-runs.ts';
import type { Actor, Services } from './services.ts';
import { schedulePrerender } from './transition-prerender.ts';

export interface ApproveInput {
  rating?: number;
  feedback?: string;
}

export interface DecisionInput {
  reason: string;
  suggestedChanges?: Record<string, unknown>;
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
export async function approveSegmentInTransaction(trx: Database, segment: VideoSegment, actor: Actor, input: ApproveInput): Promise<VideoSegment> {
  const approved = await markApproved(trx, segment.id);
  if (!approved) throw stateConflict(`Segment ${segment.id} cannot be approved now.`, await findSegment(trx, segment.id));
  await recordReview(trx, approved, actor, 'approve', { rating: input.rating ?? null, feedback: input.feedback ?? null });
  await schedulePrerender(trx, approved.episode_id);
  return approved;
}

/** Runs `work` on the segment inside its episode's transaction; 404 when it does not exist. */
async function onSegment<T>(services: Services, segmentId: string, work: (trx: Database, segment: VideoSegment) => Promise<T>): Promise<T> {
  const segment = await findSegment(services.db, segmentId);
  if (!segment) throw notFound('Segment', segmentId);
  return inEpisodeTransaction(services, segment.episode_id, async (trx) => {
    const current = await findSegment(trx, segmentId);
    if (!current) throw notFound('Segment', segmentId);
    return work(trx, current);
  });
}

export async function approveSegment(services: Services, segmentId: string, actor: Actor, input: ApproveInput): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    const approved = await approveSegmentInTransaction(trx, segment, actor, input);
    await advanceRun(services, trx, segment.episode_id);
    return approved;
  });
}

export async function rejectSegment(services: Services, segmentId: string, actor: Actor, input: DecisionInput): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    const rejected = await markDecision(trx, segment.id, 'rejected', input.reason);
    if (!rejected) throw stateConflict(`Segment ${segment.id} cannot be rejected now.`, segment);
    await recordReview(trx, rejected, actor, 'reject', { feedback: input.reason, suggested_changes: input.suggestedChanges ?? null });
    return rejected;
  });
}

/** A reviewer asks for another take; an editor makes it (regenerate). */
export async function requestRegeneration(services: Services, segmentId: string, actor: Actor, input: DecisionInput): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    const marked = await markDecision(trx, segment.id, 'needs_revision', input.reason);
    if (!marked) throw stateConflict(`Segment ${segment.id} cannot be sent back now.`, segment);
    await recordReview(trx, marked, actor, 'request_regeneration', { feedback: input.reason, suggested_changes: input.suggestedChanges ?? null });
    return marked;
  });
}

export async function commentOnSegment(services: Services, segmentId: string, actor: Actor, text: string): Promise<void> {
  await onSegment(services, segmentId, async (trx, segment) => {
    await recordReview(trx, segment, actor, 'comment', { feedback: text });
  });
}
