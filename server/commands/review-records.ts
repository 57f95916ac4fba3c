/**
 * What every decision on a take writes: the reviewer's standing decision, its `segment_reviews`
 * history row and audit event, and the take's approval under the episode's rule. Shared by the
 * review commands, regeneration and auto-approving runs (which is why it lives apart from them).
 */
import { isContending, isDecidable } from './candidate-state.ts';
import { decisionActivity } from './activity.ts';
import type { Transaction } from 'kysely';
import type { TakeDecision } from '../../src/lib/domain/enums.ts';
import type { Database } from '../db/database.ts';
import { insertAuditEvent } from '../db/queries/audit.queries.ts';
import { listStandingDecisions, upsertDecision } from '../db/queries/decision.queries.ts';
import { findSegment, insertReview } from '../db/queries/segment.queries.ts';
import type { DB, ReviewAction, VideoSegment } from '../db/schema.ts';
import { conflict } from '../errors.ts';
import { applyApprovalRule } from './approval-outcome.ts';
import type { Actor, Services } from './services.ts';
import { recordWebhookEvent, takeData } from './webhook-events.ts';

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

/** Who a decision belongs to: the account, the guest (by link and name), or Dailies itself (by the name it acts under). */
export function reviewerKey(actor: Actor): string {
  if (actor.userId) return actor.userId;
  if (actor.shareLinkId) return `guest:${actor.shareLinkId}:${actor.name}`;
  return `system:${actor.name}`;
}

/**
 * The 409 for a decision on a take that cannot take one: it is no longer the current take, or it
 * is not made yet. It says which shot and version and what state it is in — never only an id.
 */
export async function refusedDecision(trx: Database, segmentId: string) {
  const segment = await findSegment(trx, segmentId);
  if (!segment) return conflict('This take no longer exists: reload the episode.', { segment_id: segmentId });
  const take = `Shot ${segment.segment_number}, version ${segment.version}`;
  const why = isContending(segment)
    ? `${take} is one of several takes being voted on: the vote chooses one first (compare them and vote, then an editor closes the vote).`
    : !isDecidable(segment)
    ? segment.replaces_segment_id
      ? `${take} was made to replace an approved take and is decided already (${segment.approval_status.replace('_', ' ')}).`
      : `${take} is no longer the current take: a newer one replaced it. Reload to review the current take.`
    : `${take} is ${segment.status === 'failed' ? 'a failed take' : `not made yet (${segment.status})`}: decisions are made on a finished take.`;
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

/** What a reviewer decides on a take, as every route and automatic approval gives it. */
export interface DecisionInput {
  decision: TakeDecision;
  rating?: number | undefined;
  note?: string | undefined;
  suggestedChanges?: Record<string, unknown> | undefined;
}

const HISTORY_ACTION: Record<TakeDecision, ReviewAction> = { approve: 'approve', changes_requested: 'changes_requested', reject: 'reject' };

/**
 * Records a reviewer's own decision on the current take (replacing their earlier one), keeps it in
 * the history, and sets the take's approval by the episode's rule. The same decision given again
 * changes nothing. Call inside the episode's lock.
 */
export async function recordDecision(services: Services, trx: Transaction<DB>, segment: VideoSegment, actor: Actor, input: DecisionInput): Promise<VideoSegment> {
  if (!isDecidable(segment) || segment.status !== 'completed') throw await refusedDecision(trx, segment.id);
  const key = reviewerKey(actor);
  const standing = (await listStandingDecisions(trx, [segment.id])).find((row) => row.reviewer_key === key);
  const rating = input.rating ?? null;
  const note = input.note || null;
  const repeated = standing && standing.decision === input.decision && standing.rating === rating && standing.note === note && !input.suggestedChanges;
  if (!repeated) {
    await upsertDecision(trx, {
      segment_id: segment.id,
      episode_id: segment.episode_id,
      reviewer_key: key,
      reviewer_id: actor.userId,
      reviewer_name: actor.name,
      share_link_id: actor.shareLinkId ?? null,
      decision: input.decision,
      rating,
      note,
    });
    await recordReview(trx, segment, actor, HISTORY_ACTION[input.decision], { rating, feedback: note, suggested_changes: input.suggestedChanges ?? null });
    await recordWebhookEvent(services, trx, {
      episodeId: segment.episode_id,
      kind: 'take.decided',
      data: { ...takeData(services, segment), decision: { decision: input.decision, reviewer_name: actor.name, reviewer_id: actor.userId, rating, note } },
    });
    await decisionActivity(services, trx, segment, actor, { decision: input.decision, rating, note });
  }
  return applyApprovalRule(services, trx, segment);
}

/** An approval (the seed's approve, and automatic approval), as a decision. */
export async function recordApproval(services: Services, trx: Transaction<DB>, segment: VideoSegment, actor: Actor, input: ApproveInput): Promise<VideoSegment> {
  return recordDecision(services, trx, segment, actor, { decision: 'approve', rating: input.rating, note: input.feedback });
}
