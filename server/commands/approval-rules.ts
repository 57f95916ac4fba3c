/**
 * The episode's approval rule: reading it with the names it refers to, and setting it (owners).
 * Setting a rule re-evaluates every finished current take at once, so a take approved by one
 * reviewer under `any` goes back to review when the rule now wants two, and the other way round.
 */
import { reaskUnderRule } from './activity.ts';
import type { VideoSegment } from '../db/schema.ts';
import { type ApprovalRule, DEFAULT_APPROVAL_RULE, describeRule } from '../../src/lib/domain/approval-rules.ts';
import type { ApprovalRuleDto } from '../../src/lib/api/reviews.schema.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { findApprovalRule, listDecidableTakes, listReviewingMembers, storeApprovalRule } from '../db/queries/decision.queries.ts';
import { withEpisodeLock } from '../db/queries/episode.queries.ts';
import { AppError } from '../errors.ts';
import { applyApprovalRule, ruleNames } from './approval-outcome.ts';
import { advanceRun } from './generation-runs.ts';
import type { Actor, Services } from './services.ts';

/** The episode's rule in force, with its sentence. */
export async function readApprovalRule(services: Services, episodeId: string): Promise<ApprovalRuleDto> {
  const rule = (await findApprovalRule(services.db, episodeId)) ?? DEFAULT_APPROVAL_RULE;
  return { rule, rule_text: describeRule(rule, await ruleNames(services.db, episodeId)) };
}

/** People a rule names must be able to review this episode: members with the reviewer role or more. */
function namedPeople(rule: ApprovalRule): readonly string[] {
  if (rule.kind === 'all') return rule.approvers;
  if (rule.kind === 'required') return rule.users;
  return [];
}

/** Sets the rule and re-evaluates the finished current takes; says which takes changed. */
export async function setApprovalRule(services: Services, episodeId: string, rule: ApprovalRule, actor: Actor): Promise<ApprovalRuleDto> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const members = new Map((await listReviewingMembers(trx, episodeId)).map((member) => [member.user_id, member.display_name]));
    const strangers = namedPeople(rule).filter((id) => !members.has(id));
    if (strangers.length > 0) {
      throw new AppError('not_a_reviewer', `The rule names ${strangers.length === 1 ? 'someone who is' : `${strangers.length} people who are`} not a reviewer, editor or owner of this episode: add them as members first, or leave them out.`, {
        status: 422,
        details: { user_ids: strangers },
      });
    }
    await storeApprovalRule(trx, episodeId, rule);
    const changed: NonNullable<ApprovalRuleDto['changed']> = [];
    const waiting: VideoSegment[] = [];
    for (const take of await listDecidableTakes(trx, episodeId)) {
      const after = await applyApprovalRule(services, trx, take, rule);
      if (after.approval_status !== take.approval_status) {
        changed.push({ segment_id: take.id, segment_number: take.segment_number, from: take.approval_status, to: after.approval_status });
      }
      if (after.approval_status !== 'approved') waiting.push(after);
    }
    await reaskUnderRule(services, trx, waiting);
    await auditEpisodeAction(trx, actor, episodeId, 'episode.approval_rule', { rule, changed });
    await advanceRun(services, trx, episodeId);
    const nameOf = (id: string) => members.get(id) ?? 'a former member';
    return { rule, rule_text: describeRule(rule, nameOf), changed };
  });
}
