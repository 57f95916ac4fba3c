/**
 * How an episode turns its reviewers' decisions on a take into the take's approval. The server
 * evaluates this to set `approval_status`; pages use it to say "2 of 3 approved" and who is still
 * awaited. Pure: no database, no clock.
 *
 * - `any`: one approval approves (the default, and the behaviour before rules existed).
 * - `count`: `count` approvals, and nobody asks for changes or rejects.
 * - `all`: every listed approver approves, and nobody asks for changes or rejects.
 * - `required`: each named person approves, each named role has an approver holding it, and
 *   `others` more approvals from anyone; nobody asks for changes or rejects.
 *
 * A take that is not approved is `rejected` when someone rejects it, `needs_revision` when someone
 * asks for changes, and `pending` otherwise.
 */
import type { ApprovalStatus, EpisodeRole, TakeDecision } from './enums.ts';

export type ApprovalRule =
  | { kind: 'any' }
  | { kind: 'count'; count: number }
  | { kind: 'all'; approvers: readonly string[] }
  | { kind: 'required'; users: readonly string[]; roles: readonly EpisodeRole[]; others: number };

export const DEFAULT_APPROVAL_RULE: ApprovalRule = { kind: 'any' };

/** One reviewer's standing decision on a take, with the role they hold on the episode now. */
export interface DecisionFact {
  /** A user id, `guest:<link>:<name>`, or `system:<name>` for an automatic approval. */
  reviewer: string;
  /** The account, when the reviewer has one (guests and automatic approvals have none). */
  userId: string | null;
  role: EpisodeRole | null;
  decision: TakeDecision;
}

export interface RuleOutcome {
  status: ApprovalStatus;
  /** Approvals that count towards the rule. */
  approvals: number;
  /** Approvals the rule needs in all. */
  needed: number;
  /** What is still missing, in words ("Ana", "an editor", "1 more approval"); empty once approved. */
  awaiting: string[];
}

/** Names people by their user id; a rule names accounts, the words need their names. */
export type NameOf = (userId: string) => string;

const ARTICLE: Record<EpisodeRole, string> = { owner: 'an owner', editor: 'an editor', reviewer: 'a reviewer', viewer: 'a viewer' };

const more = (n: number) => (n === 1 ? '1 more approval' : `${n} more approvals`);

function unapproved(decisions: readonly DecisionFact[]): ApprovalStatus {
  if (decisions.some((fact) => fact.decision === 'reject')) return 'rejected';
  if (decisions.some((fact) => fact.decision === 'changes_requested')) return 'needs_revision';
  return 'pending';
}

/** Evaluates `rule` over the standing decisions on one take. */
export function evaluateRule(rule: ApprovalRule, decisions: readonly DecisionFact[], nameOf: NameOf = (id) => id): RuleOutcome {
  const approvers = decisions.filter((fact) => fact.decision === 'approve');
  const blocked = approvers.length < decisions.length;
  const approvedBy = new Set(approvers.map((fact) => fact.userId).filter((id): id is string => id !== null));
  let approvals: number;
  let needed: number;
  let awaiting: string[];
  switch (rule.kind) {
    case 'any':
      // One approval is enough, whatever else was said.
      if (approvers.length > 0) return { status: 'approved', approvals: approvers.length, needed: 1, awaiting: [] };
      return { status: unapproved(decisions), approvals: 0, needed: 1, awaiting: [more(1)] };
    case 'count':
      approvals = approvers.length;
      needed = rule.count;
      awaiting = approvals < needed ? [more(needed - approvals)] : [];
      break;
    case 'all':
      approvals = rule.approvers.filter((id) => approvedBy.has(id)).length;
      needed = rule.approvers.length;
      awaiting = rule.approvers.filter((id) => !approvedBy.has(id)).map(nameOf);
      break;
    case 'required': {
      const used = new Set<string>();
      awaiting = [];
      let missing = 0;
      for (const id of rule.users) {
        if (approvedBy.has(id)) {
          used.add(id);
        } else {
          awaiting.push(nameOf(id));
          missing++;
        }
      }
      for (const role of rule.roles) {
        // Prefer someone not already counted for a named person, so that one approval fills one place.
        const holder = approvers.find((fact) => fact.role === role && !used.has(fact.reviewer)) ?? approvers.find((fact) => fact.role === role);
        if (holder) {
          used.add(holder.reviewer);
        } else {
          awaiting.push(ARTICLE[role]);
          missing++;
        }
      }
      const others = approvers.filter((fact) => !used.has(fact.reviewer)).length;
      if (others < rule.others) {
        awaiting.push(more(rule.others - others));
        missing += rule.others - others;
      }
      needed = rule.users.length + rule.roles.length + rule.others;
      approvals = needed - missing;
      break;
    }
  }
  if (awaiting.length === 0 && !blocked) return { status: 'approved', approvals, needed, awaiting };
  return { status: unapproved(decisions), approvals, needed, awaiting };
}

/** The rule in a short sentence, for the episode page ("2 approvals, nobody against"). */
export function describeRule(rule: ApprovalRule, nameOf: NameOf = (id) => id): string {
  switch (rule.kind) {
    case 'any':
      return 'One approval approves a take';
    case 'count':
      return `${rule.count} approvals, and nobody asking for changes`;
    case 'all':
      return `Every one of ${rule.approvers.map(nameOf).join(', ')} approves`;
    case 'required': {
      const parts = [...rule.users.map(nameOf), ...rule.roles.map((role) => ARTICLE[role])];
      if (rule.others > 0) parts.push(rule.others === 1 ? '1 other' : `${rule.others} others`);
      return `Approval by ${parts.join(', ')}`;
    }
  }
}

/** Roles whose holders may decide on a take. */
const DECIDING_ROLES: readonly EpisodeRole[] = ['owner', 'editor', 'reviewer'];

/**
 * The accounts a new take waits for under `rule`, among the episode's members: the people it
 * names, holders of the roles it names, and, when any approval counts (`any`, `count`, or
 * `required` with others), everyone who may decide. Viewers never decide.
 */
export function awaitedDeciders(rule: ApprovalRule, members: readonly { userId: string; role: EpisodeRole }[]): string[] {
  const deciders = members.filter((member) => DECIDING_ROLES.includes(member.role));
  let wanted: (member: { userId: string; role: EpisodeRole }) => boolean;
  switch (rule.kind) {
    case 'any':
    case 'count':
      wanted = () => true;
      break;
    case 'all':
      wanted = (member) => rule.approvers.includes(member.userId);
      break;
    case 'required':
      wanted = (member) => rule.others > 0 || rule.users.includes(member.userId) || rule.roles.includes(member.role);
      break;
  }
  return deciders.filter(wanted).map((member) => member.userId);
}
