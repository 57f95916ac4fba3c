/**
 * Turns the standing decisions on a take into its approval under the episode's rule, and tells the
 * pages where each take stands ("2 of 3 approved", who is awaited). The rule itself is pure
 * (src/lib/domain/approval-rules.ts); this is where it meets the rows.
 */
import { approvedActivity } from './activity.ts';
import type { Transaction } from 'kysely';
import { type ApprovalRule, DEFAULT_APPROVAL_RULE, type DecisionFact, describeRule, evaluateRule, type NameOf } from '../../src/lib/domain/approval-rules.ts';
import type { ApprovalProgressDto } from '../../src/lib/api/reviews.schema.ts';
import type { Database } from '../db/database.ts';
import { findApprovalRule, listReviewingMembers, listStandingDecisions, setApprovalOutcome, type StandingDecision } from '../db/queries/decision.queries.ts';
import { resolveNotesAnsweredBy } from '../db/queries/note.queries.ts';
import type { DB, VideoSegment } from '../db/schema.ts';
import { promoteApprovedCandidate } from './candidate-state.ts';
import type { Services } from './services.ts';
import { schedulePrerender } from './transition-prerender.ts';
import { recordWebhookEvent, takeData } from './webhook-events.ts';

const fact = (row: StandingDecision): DecisionFact => ({ reviewer: row.reviewer_key, userId: row.reviewer_id, role: row.role, decision: row.decision });

/** The reason shown for a take that is not approved: the latest note of someone against it. */
function reasonOf(rows: readonly StandingDecision[]): string | null {
  const against = rows.filter((row) => row.decision !== 'approve').sort((a, b) => +new Date(a.updated_at) - +new Date(b.updated_at));
  const last = against.at(-1);
  return last ? (last.note ?? `${last.decision === 'reject' ? 'Rejected' : 'Changes requested'} by ${last.reviewer_name}`) : null;
}

/**
 * Sets a completed current take's approval to what the episode's rule says of its standing
 * decisions; when the take starts or stops being approved, the transitions are pre-rendered again.
 * Call inside the episode's lock. Returns the take as it is now.
 */
export async function applyApprovalRule(services: Services, trx: Transaction<DB>, segment: VideoSegment, rule?: ApprovalRule): Promise<VideoSegment> {
  const effective = rule ?? (await findApprovalRule(trx, segment.episode_id)) ?? DEFAULT_APPROVAL_RULE;
  const rows = await listStandingDecisions(trx, [segment.id]);
  const outcome = evaluateRule(effective, rows.map(fact));
  const decided = await setApprovalOutcome(trx, segment.id, outcome.status, reasonOf(rows));
  if (!decided) return segment;
  // An approved candidate takes the place of the approved take it was made to replace.
  const updated = await promoteApprovedCandidate(trx, decided);
  if ((segment.approval_status === 'approved') !== (updated.approval_status === 'approved')) await schedulePrerender(services, trx, updated.episode_id);
  // The notes this take was made to answer are answered once it is approved.
  if (updated.approval_status === 'approved' && segment.approval_status !== 'approved') {
    await resolveNotesAnsweredBy(trx, updated.id, `approval of version ${updated.version}`);
    await recordWebhookEvent(services, trx, { episodeId: updated.episode_id, kind: 'take.approved', data: takeData(services, updated) });
    await approvedActivity(services, trx, updated, describeRule(effective));
  }
  return updated;
}

/** Names the people a rule names, from the episode's members (a former member keeps a neutral name). */
export async function ruleNames(db: Database, episodeId: string): Promise<NameOf> {
  const members = new Map((await listReviewingMembers(db, episodeId)).map((member) => [member.user_id, member.display_name]));
  return (id) => members.get(id) ?? 'a former member';
}

/** Where each of the given takes stands under the episode's rule, by take id. */
export async function approvalProgress(db: Database, episodeId: string, segmentIds: readonly string[]): Promise<Map<string, ApprovalProgressDto>> {
  const [rule, rows, nameOf] = await Promise.all([
    findApprovalRule(db, episodeId).then((found) => found ?? DEFAULT_APPROVAL_RULE),
    listStandingDecisions(db, segmentIds),
    ruleNames(db, episodeId),
  ]);
  const ruleText = describeRule(rule, nameOf);
  const progress = new Map<string, ApprovalProgressDto>();
  for (const id of segmentIds) {
    const mine = rows.filter((row) => row.segment_id === id);
    const outcome = evaluateRule(rule, mine.map(fact), nameOf);
    progress.set(id, {
      rule,
      rule_text: ruleText,
      approvals: outcome.approvals,
      needed: outcome.needed,
      awaiting: outcome.awaiting,
      decisions: mine.map((row) => ({
        reviewer: row.reviewer_key,
        name: row.reviewer_name,
        user_id: row.reviewer_id,
        decision: row.decision,
        rating: row.rating === null ? null : Number(row.rating),
        note: row.note,
        updated_at: new Date(row.updated_at).toISOString(),
      })),
    });
  }
  return progress;
}
