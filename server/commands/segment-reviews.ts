/**
 * Review decisions on a slot's current version: approve, reject (with a reason and suggested
 * changes), request a regeneration, comment. Each writes a `segment_reviews` row and an audit
 * event in the same transaction. Decisions are guarded in SQL: when two reviewers act at once,
 * exactly one wins and the other gets a 409 with the current state.
 */
import type { Transaction } from 'kysely';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { findSegment, markDecision } from '../db/queries/segment.queries.ts';
import type { DB, VideoSegment } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { advanceRun } from './generation-runs.ts';
import { type ApproveInput, recordApproval, recordReview, refusedDecision } from './review-records.ts';
import type { Actor, Services } from './services.ts';

export interface DecisionInput {
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

export async function approveSegment(services: Services, segmentId: string, actor: Actor, input: ApproveInput): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    const approved = await recordApproval(services, trx, segment, actor, input);
    await advanceRun(services, trx, segment.episode_id);
    return approved;
  });
}

export async function rejectSegment(services: Services, segmentId: string, actor: Actor, input: DecisionInput): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    const rejected = await markDecision(trx, segment.id, 'rejected', input.reason);
    if (!rejected) throw await refusedDecision(trx, 'rejected', segment.id);
    await recordReview(trx, rejected, actor, 'reject', { feedback: input.reason, suggested_changes: input.suggestedChanges ?? null });
    return rejected;
  });
}

/** A reviewer asks for another take; an editor makes it (regenerate). */
export async function requestRegeneration(services: Services, segmentId: string, actor: Actor, input: DecisionInput): Promise<VideoSegment> {
  return onSegment(services, segmentId, async (trx, segment) => {
    const marked = await markDecision(trx, segment.id, 'needs_revision', input.reason);
    if (!marked) throw await refusedDecision(trx, 'sent back', segment.id);
    await recordReview(trx, marked, actor, 'request_regeneration', { feedback: input.reason, suggested_changes: input.suggestedChanges ?? null });
    return marked;
  });
}

export async function commentOnSegment(services: Services, segmentId: string, actor: Actor, text: string): Promise<void> {
  await onSegment(services, segmentId, async (trx, segment) => {
    await recordReview(trx, segment, actor, 'comment', { feedback: text });
  });
}
