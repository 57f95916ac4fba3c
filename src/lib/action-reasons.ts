/**
 * Why an action on a take cannot succeed in the state it is in, in words the page shows beside
 * the disabled control (the server refuses the same with a 409). Who may act is the caller's
 * role, and a control the role does not allow is not shown at all; this is about the take's state.
 */
import type { ApprovalStatus, SegmentStatus } from './domain/enums.ts';

/** The actions of the review form. */
export type ReviewAction = 'approve' | 'changes' | 'reject' | 'regenerate';

/** A take of a slot, as far as rollback is concerned. */
export interface VersionState {
  version: number;
  is_current: boolean;
  status: string;
  purged: boolean;
}

/** The take on the page and the other takes of its slot. */
export interface TakeState {
  status: SegmentStatus;
  approval_status: ApprovalStatus;
  is_current: boolean;
  /** Set on a candidate: the approved take it replaces once approved (until then, that one is current). */
  replaces_segment_id?: string | null;
  /** Where the take stands in a vote among several takes of its shot, if it was made for one. */
  choice_state?: 'contending' | 'chosen' | 'passed_over' | null;
  version: number;
  previous_versions: readonly VersionState[];
  /** Whether the caller may reopen an approved take (editors and owners). */
  can: { reopen: boolean };
}

/** What each action is called in a reason's line. */
export const ACTION_NAMES: Record<ReviewAction, string> = {
  approve: 'Approve',
  changes: 'Ask for changes',
  reject: 'Reject',
  regenerate: 'Regenerate',
};

function currentVersion(take: TakeState): number | undefined {
  return take.is_current ? take.version : take.previous_versions.find((version) => version.is_current)?.version;
}

/** Why a take in this state cannot be made (rendered) right now, or undefined when it is made. */
function making(status: SegmentStatus): string | undefined {
  if (status === 'generating') return 'still rendering';
  if (status === 'pending') return 'not made yet';
  return undefined;
}

/** A candidate nobody has decided on: it is reviewed beside the approved take it would replace. */
const openCandidate = (take: TakeState): boolean =>
  !take.is_current && !!take.replaces_segment_id && take.approval_status === 'pending' && (take.choice_state ?? 'chosen') === 'chosen';

const VOTING = 'one of several takes being voted on — compare them and vote; decisions come once the vote closes';

/** Why no one can decide on this take now (approve, ask for changes, reject), or null. */
function decisionReason(take: TakeState): string | null {
  if (take.choice_state === 'contending') return VOTING;
  if (!take.is_current && !openCandidate(take)) {
    const current = currentVersion(take);
    return `an earlier take — decisions are on the current take${current ? ` (take ${current})` : ''}`;
  }
  if (take.status === 'failed') return 'the take failed — regenerate it';
  return making(take.status) ?? null;
}

function regenerateReason(take: TakeState): string | null {
  if (take.choice_state === 'contending') return VOTING;
  if (openCandidate(take)) return 'a new take beside the approved one — decide on it; to try again, regenerate the stale takes once it is decided';
  if (!take.is_current) {
    const current = currentVersion(take);
    return `an earlier take — regenerate the current take${current ? ` (take ${current})` : ''}, or make this one current first`;
  }
  if (take.status === 'pending') return 'not made yet — start a generation run';
  if (take.status === 'generating') return 'still rendering';
  if (take.approval_status === 'approved') return take.can.reopen ? 'approved — reopen it first' : 'approved — an editor or owner reopens it first';
  return null;
}

/** Why each action of the review form cannot succeed on this take now; null where it can. */
export function actionReasons(take: TakeState): Record<ReviewAction, string | null> {
  const decision = decisionReason(take);
  return { approve: decision, changes: decision, reject: decision, regenerate: regenerateReason(take) };
}

/** Why `target` cannot be made the slot's current take now, or null. */
export function rollbackReason(take: TakeState, target: VersionState): string | null {
  if (target.is_current) return 'it is the current take';
  const current = take.is_current ? take : take.previous_versions.find((version) => version.is_current);
  const busy = current && making(current.status as SegmentStatus);
  if (busy) return `the current take is ${busy === 'still rendering' ? 'still rendering' : 'not made yet'}`;
  if (target.purged) return 'its files were removed';
  if (target.status !== 'completed') return `it has no video (${target.status})`;
  return null;
}

/** Why there is no take to roll back to: the slot has one take only (null when it has more). */
export function nothingToRollBackTo(take: TakeState): string | null {
  return take.previous_versions.length === 0 ? 'only one take so far — nothing to roll back to' : null;
}

/**
 * The reasons as lines to show, one per distinct reason with the actions it holds back
 * ("Approve, Ask for changes, Reject: still rendering"), in the form's order.
 */
export function reasonLines(reasons: Record<ReviewAction, string | null>, shown: readonly ReviewAction[]): { reason: string; actions: ReviewAction[]; text: string }[] {
  const lines: { reason: string; actions: ReviewAction[]; text: string }[] = [];
  for (const action of shown) {
    const reason = reasons[action];
    if (!reason) continue;
    const line = lines.find((candidate) => candidate.reason === reason);
    if (line) line.actions.push(action);
    else lines.push({ reason, actions: [action], text: '' });
  }
  for (const line of lines) line.text = `${line.actions.map((action) => ACTION_NAMES[action]).join(', ')}: ${line.reason}`;
  return lines;
}
