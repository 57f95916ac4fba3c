/**
 * Review on a slot's current take: each reviewer's own decision (approve, ask for changes,
 * reject — the seed's approve, reject and request-regeneration routes are decisions too), taking
 * one's decision back, reopening an approved take, and comments. Every action runs under the
 * episode's lock, writes its history row and audit event in the same transaction, and leaves the
 * take's approval to the episode's rule.
 */
import { isDecidable } from './candidate-state.ts';
import { reopenedActivity, withdrawalActivity } from './activity.ts';
import type { Transaction } from 'kysely';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { deleteDecision, supersedeDecisions } from '../db/queries/decision.queries.ts';
import { findSegment } from '../db/queries/segment.queries.ts';
import type { DB, VideoSegment } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { applyApprovalRule } from './approval-outcome.ts';
import { advanceRun } from './generation-runs.ts';
import { type ApproveInput, type DecisionInput, recordApproval, recordDecision, recordReview, refusedDecision, reviewerKey, stateConflict } from './review-records.ts';
import type { Actor, Services } from './services.ts';

export interface ReasonedInput {
  reason: string;
  suggestedChanges?: Record<string, unknown>;
}

/** Runs `work` on the segment inside its episode's transaction; 404 when it does not exist. */
async function onSegment<T>(services: Services, segmentId: string, work: (trx: Transaction<DB>, segment: VideoSegment) => Promise<T>): Promise<T> {
  const segment = await findSegment(services.db, segmentId);
  if (!segment) throw notFound('Segment', segmentId);
  return withEpisodeLock(services.db, segment.episode_id, async (trx) => {
    const current = await findSegment(trx, segmentId);
    if (!current) throw notFound('Segment', segmentId);
    return work(trx, current);
  });
}

/** A reviewer's decision on the current take; the run moves on when the rule approves it. */
export async function decideOnSegment(services: Services, segmentId: string, actor: Actor, input: DecisionInput): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    const decided = await recordDecision(services, trx, segment, actor, input);
    await advanceRun(services, trx, segment.episode_id);
    return decided;
  });
}

export async function approveSegment(services: Services, segmentId: string, actor: Actor, input: ApproveInput): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    const approved = await recordApproval(services, trx, segment, actor, input);
    await advanceRun(services, trx, segment.episode_id);
    return approved;
  });
}

export async function rejectSegment(services: Services, segmentId: string, actor: Actor, input: ReasonedInput): Promise<VideoSegment> {
  return decideOnSegment(services, segmentId, actor, { decision: 'reject', note: input.reason, suggestedChanges: input.suggestedChanges });
}

/** A reviewer asks for another take (changes requested); an editor makes it (regenerate). */
export async function requestRegeneration(services: Services, segmentId: string, actor: Actor, input: ReasonedInput): Promise<VideoSegment> {
  return decideOnSegment(services, segmentId, actor, { decision: 'changes_requested', note: input.reason, suggestedChanges: input.suggestedChanges });
}

/** Takes a reviewer's own decision back; 409 when they had none on this take. */
export async function withdrawDecision(services: Services, segmentId: string, actor: Actor): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    if (!isDecidable(segment) || segment.status !== 'completed') throw await refusedDecision(trx, segment.id);
    if (!(await deleteDecision(trx, segment.id, reviewerKey(actor)))) {
      throw stateConflict(`You have no decision on shot ${segment.segment_number}, version ${segment.version} to take back.`, segment);
    }
    await recordReview(trx, segment, actor, 'withdraw');
    await withdrawalActivity(services, trx, segment, actor);
    const updated = await applyApprovalRule(services, trx, segment);
    await advanceRun(services, trx, segment.episode_id);
    return updated;
  });
}

/**
 * Sends an approved take back to review: its decisions stay in the history but no longer count,
 * so the rule must be met again (or the take regenerated). Editors and owners, with a reason.
 */
export async function reopenSegment(services: Services, segmentId: string, actor: Actor, reason: string): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    if (!segment.is_current) throw await refusedDecision(trx, segment.id);
    if (segment.approval_status !== 'approved') {
      throw stateConflict(`Shot ${segment.segment_number}, version ${segment.version} is not approved (${segment.approval_status.replace('_', ' ')}), so there is nothing to reopen.`, segment);
    }
    const superseded = await supersedeDecisions(trx, segment.id);
    await recordReview(trx, segment, actor, 'reopen', { feedback: reason, suggested_changes: { decisions_set_aside: superseded } });
    await reopenedActivity(services, trx, segment, actor, reason);
    const reopened = await applyApprovalRule(services, trx, segment);
    await advanceRun(services, trx, segment.episode_id);
    return reopened;
  });
}

export async function commentOnSegment(services: Services, segmentId: string, actor: Actor, text: string): Promise<void> {
  await onSegment(services, segmentId, async (trx, segment) => {
    await recordReview(trx, segment, actor, 'comment', { feedback: text });
  });
}
