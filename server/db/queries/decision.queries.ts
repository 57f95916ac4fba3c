/**
 * Reviewers' decisions on takes, and the episode's approval rule: the only place their SQL lives.
 * One standing decision per (take, reviewer): a partial unique index over the rows not superseded
 * by a reopening.
 */
import { sql, type Transaction } from 'kysely';
import type { ApprovalRule } from '../../../src/lib/domain/approval-rules.ts';
import type { EpisodeRole, TakeDecision } from '../../../src/lib/domain/enums.ts';
import type { Database } from '../database.ts';
import type { ApprovalStatus, DB, VideoSegment } from '../schema.ts';

export interface StandingDecision {
  segment_id: string;
  reviewer_key: string;
  reviewer_id: string | null;
  reviewer_name: string;
  decision: TakeDecision;
  rating: number | null;
  note: string | null;
  updated_at: Date;
  /** The reviewer's role on the episode now: membership, or the share link's for a guest. */
  role: EpisodeRole | null;
}

export interface NewDecision {
  segment_id: string;
  episode_id: string;
  reviewer_key: string;
  reviewer_id: string | null;
  reviewer_name: string;
  share_link_id: string | null;
  decision: TakeDecision;
  rating: number | null;
  note: string | null;
}

/** Records or replaces a reviewer's standing decision on a take. */
export async function upsertDecision(trx: Transaction<DB>, values: NewDecision): Promise<void> {
  await trx
    .insertInto('take_decisions')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['segment_id', 'reviewer_key'])
        .where('superseded_at', 'is', null)
        .doUpdateSet((eb) => ({
          decision: eb.ref('excluded.decision'),
          rating: eb.ref('excluded.rating'),
          note: eb.ref('excluded.note'),
          reviewer_name: eb.ref('excluded.reviewer_name'),
        })),
    )
    .execute();
}

/** Removes a reviewer's standing decision; false when they had none. */
export async function deleteDecision(trx: Transaction<DB>, segmentId: string, reviewerKey: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('take_decisions')
    .where('segment_id', '=', segmentId)
    .where('reviewer_key', '=', reviewerKey)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Keeps a reopened take's decisions for history and stops counting them. */
export async function supersedeDecisions(trx: Transaction<DB>, segmentId: string): Promise<number> {
  const result = await trx.updateTable('take_decisions').set({ superseded_at: sql`now()` }).where('segment_id', '=', segmentId).where('superseded_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The standing decisions on the given takes, oldest first, each with its reviewer's role now. */
export async function listStandingDecisions(db: Database, segmentIds: readonly string[]): Promise<StandingDecision[]> {
  if (segmentIds.length === 0) return [];
  return db
    .selectFrom('take_decisions as d')
    .leftJoin('episode_members as m', (join) => join.onRef('m.episode_id', '=', 'd.episode_id').onRef('m.user_id', '=', 'd.reviewer_id'))
    .leftJoin('share_links as l', 'l.id', 'd.share_link_id')
    .select([
      'd.segment_id', 'd.reviewer_key', 'd.reviewer_id', 'd.reviewer_name', 'd.decision', 'd.rating', 'd.note', 'd.updated_at',
      sql<EpisodeRole | null>`CASE WHEN d.reviewer_id IS NOT NULL THEN m.role::text WHEN d.share_link_id IS NOT NULL THEN l.role::text END`.as('role'),
    ])
    .where('d.segment_id', 'in', segmentIds)
    .where('d.superseded_at', 'is', null)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
}

export async function findApprovalRule(db: Database, episodeId: string): Promise<ApprovalRule | undefined> {
  const row = await db.selectFrom('episodes').select('approval_rule').where('id', '=', episodeId).executeTakeFirst();
  return row?.approval_rule;
}

export async function storeApprovalRule(trx: Transaction<DB>, episodeId: string, rule: ApprovalRule): Promise<void> {
  await trx.updateTable('episodes').set({ approval_rule: JSON.stringify(rule) }).where('id', '=', episodeId).execute();
}

/**
 * Sets a completed current take's approval to what its rule now says. Guarded: a take that is no
 * longer current or completed is left alone (undefined). `approved_at` is kept while it stays
 * approved, set when it becomes approved, and cleared when it stops being.
 */
export async function setApprovalOutcome(trx: Transaction<DB>, segmentId: string, status: ApprovalStatus, reason: string | null): Promise<VideoSegment | undefined> {
  return trx
    .updateTable('video_segments')
    .set({
      approval_status: status,
      approved_at: status === 'approved' ? sql`COALESCE(CASE WHEN approval_status = 'approved' THEN approved_at END, now())` : null,
      rejection_reason: status === 'rejected' || status === 'needs_revision' ? reason : null,
    })
    .where('id', '=', segmentId)
    // The current take, or a candidate to replace it.
    .where((eb) => eb.or([eb('is_current', '=', true), eb('replaces_segment_id', 'is not', null)]))
    .where('status', '=', 'completed')
    .returningAll()
    .executeTakeFirst();
}

/** The completed current takes of an episode, and its candidates not decided yet, for re-evaluating them under a new rule. */
export async function listDecidableTakes(trx: Transaction<DB>, episodeId: string): Promise<VideoSegment[]> {
  return trx
    .selectFrom('video_segments')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where((eb) => eb.or([eb('is_current', '=', true), eb.and([eb('replaces_segment_id', 'is not', null), eb('approval_status', '=', 'pending')])]))
    // Takes being voted on, or passed over by the vote, are not decided on.
    .where((eb) => eb.or([eb('choice_state', 'is', null), eb('choice_state', '=', 'chosen')]))
    .where('status', '=', 'completed')
    .orderBy('segment_number')
    .execute();
}

/** People a rule may name: members who may review, with their names. */
export async function listReviewingMembers(db: Database, episodeId: string): Promise<{ user_id: string; display_name: string; role: EpisodeRole }[]> {
  return db
    .selectFrom('episode_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.display_name', 'm.role'])
    .where('m.episode_id', '=', episodeId)
    .where('m.role', 'in', ['reviewer', 'editor', 'owner'])
    .orderBy('u.display_name')
    .execute();
}
