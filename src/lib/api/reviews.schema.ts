/**
 * Request schemas and answers of team review: each reviewer's decision on a take, the episode's
 * approval rule, and reopening an approved take.
 */
import { z } from 'zod';
import type { ApprovalRule } from '../domain/approval-rules.ts';
import { TAKE_DECISIONS, type TakeDecision } from '../domain/enums.ts';
import { generationChanges } from './segments.schema.ts';

/** Most people or roles a rule may name, and most approvals it may ask for. */
export const MAX_RULE_PEOPLE = 50;
export const MAX_RULE_COUNT = 20;

/** The roles that may review, and so may be required by a rule. */
const REVIEWING_ROLES = ['reviewer', 'editor', 'owner'] as const;

const distinct = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item)
    .max(MAX_RULE_PEOPLE)
    .refine((list) => new Set(list).size === list.length, `each ${what} once`);

export const approvalRuleBody = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('any') }),
    z.strictObject({ kind: z.literal('count'), count: z.number().int().min(1, 'at least 1 approval').max(MAX_RULE_COUNT) }),
    z.strictObject({ kind: z.literal('all'), approvers: distinct(z.uuid(), 'approver').min(1, 'name at least one approver') }),
    z.strictObject({
      kind: z.literal('required'),
      users: distinct(z.uuid(), 'person').default([]),
      roles: distinct(z.enum(REVIEWING_ROLES), 'role').default([]),
      others: z.number().int().min(0).max(MAX_RULE_COUNT).default(0),
    }),
  ])
  .superRefine((rule, ctx) => {
    if (rule.kind === 'required' && rule.users.length + rule.roles.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'a required rule names at least one person or role (use count for a number of approvals)', path: ['users'], input: rule });
    }
  }) satisfies z.ZodType<ApprovalRule>;

export const decisionBody = z.strictObject({
  decision: z.enum(TAKE_DECISIONS),
  rating: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5').optional(),
  note: z.string().trim().max(4000).optional(),
  /** For changes_requested and reject: what the next take should change (as the reject form's). */
  suggested_changes: generationChanges.optional(),
});

export const reopenBody = z.strictObject({ reason: z.string().trim().min(1, 'say why the take is reopened').max(4000) });

/** One reviewer's standing decision on a take, as the pages show it. */
export interface DecisionDto {
  reviewer: string;
  name: string;
  user_id: string | null;
  decision: TakeDecision;
  rating: number | null;
  note: string | null;
  updated_at: string;
}

/** Where a take stands under its episode's rule. */
export interface ApprovalProgressDto {
  rule: ApprovalRule;
  /** "One approval approves a take", "2 approvals, and nobody asking for changes" … */
  rule_text: string;
  approvals: number;
  needed: number;
  /** Who or what is still awaited, in words. */
  awaiting: string[];
  decisions: DecisionDto[];
}

/** The episode's rule with the people it names. */
export interface ApprovalRuleDto {
  rule: ApprovalRule;
  rule_text: string;
  /** Takes whose approval changed when the rule was set. */
  changed?: { segment_id: string; segment_number: number; from: string; to: string }[];
}
