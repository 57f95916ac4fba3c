/**
 * The activity feed and the inbox, written in the transaction of the change they describe: one
 * activity row per thing that happened on an episode, and an inbox item for each person it asks
 * something of or answers:
 *
 * - a note that names someone: `mention` for each person named (not its author);
 * - a reply: `reply` for the thread's other participants with an account (not those it names);
 * - a take made ready: `decision` for each person the episode's approval rule waits for, settled
 *   when they decide, when the take is approved, or when a newer take replaces it;
 * - a compile done or failed: `compile` for the episode's owners;
 * - an invitation to an address that has an account: `invitation` for that account.
 */
import type { Transaction } from 'kysely';
import { awaitedDeciders, DEFAULT_APPROVAL_RULE } from '../../src/lib/domain/approval-rules.ts';
import { insertActivity, insertInboxItems, listDecisionItems, membersWithRoles, type NewActivity, type NewInboxItem, reaskDecision, settleDecisionItems } from '../db/queries/activity.queries.ts';
import { findApprovalRule, listDecidableTakes, listStandingDecisions } from '../db/queries/decision.queries.ts';
import { listThreadParticipants } from '../db/queries/note.queries.ts';
import { findUserByEmail } from '../db/queries/user.queries.ts';
import type { Database } from '../db/database.ts';
import type { ActivityKind, DB, Invitation, TakeNote, VideoSegment } from '../db/schema.ts';
import { scheduleDigests } from './inbox-digest.ts';
import type { Actor, Services } from './services.ts';

/** The name activity shows for what Dailies did itself (a take made ready, a compile). */
export const DAILIES_NAME = 'Dailies';

const by = (actor: Actor | null) => ({ actor_user_id: actor?.userId ?? null, actor_name: actor?.name ?? DAILIES_NAME });

/** Stores an activity row and the inbox items it makes; returns the row's id. */
async function record(services: Services, trx: Database, row: NewActivity, items: (activityId: number) => NewInboxItem[]): Promise<number> {
  const id = await insertActivity(trx, row);
  const told = await insertInboxItems(trx, items(id));
  await scheduleDigests(services, trx, told);
  return id;
}

const takeFields = (take: Pick<VideoSegment, 'id' | 'shot_id' | 'version' | 'segment_number'>) => ({
  shot_id: take.shot_id,
  segment_id: take.id,
});

/** The accounts the episode's approval rule waits for on a new or reopened take. */
async function decidersOf(trx: Database, episodeId: string): Promise<string[]> {
  const rule = (await findApprovalRule(trx, episodeId)) ?? DEFAULT_APPROVAL_RULE;
  const members = await membersWithRoles(trx, episodeId, ['owner', 'editor', 'reviewer']);
  return awaitedDeciders(rule, members.map((member) => ({ userId: member.user_id, role: member.role })));
}

/** A take finished and measured: the people the approval rule waits for are asked to decide. */
export async function takeReadyActivity(services: Services, trx: Database, take: VideoSegment): Promise<void> {
  const deciders = await decidersOf(trx, take.episode_id);
  // Earlier takes of the shot no longer wait for anyone.
  await settleOlderTakes(trx, take);
  // One of several takes to choose from is voted on first: nobody is asked to decide on it yet.
  const asked = take.choice_state === 'contending' ? [] : deciders;
  await record(services, trx, { episode_id: take.episode_id, kind: 'take.ready', ...by(null), ...takeFields(take), details: { version: take.version, shot_number: take.segment_number, duration: take.duration === null ? null : Number(take.duration), ...(take.choice_id && { choice_id: take.choice_id }) } }, (activityId) =>
    asked.map((userId) => ({ user_id: userId, kind: 'decision', episode_id: take.episode_id, activity_id: activityId, segment_id: take.id })),
  );
}

/**
 * Every take of a vote is made: the reviewers are asked to compare and vote (the item names the
 * shot's take, and leads to the vote).
 */
export async function voteReadyActivity(services: Services, trx: Database, take: VideoSegment, choiceId: string, takes: number): Promise<void> {
  const deciders = await decidersOf(trx, take.episode_id);
  await record(services, trx, { episode_id: take.episode_id, kind: 'take.ready', ...by(null), ...takeFields(take), details: { version: take.version, shot_number: take.segment_number, choice_id: choiceId, vote: true, takes } }, (activityId) =>
    deciders.map((userId) => ({ user_id: userId, kind: 'decision', episode_id: take.episode_id, activity_id: activityId, segment_id: take.id })),
  );
}

/**
 * A vote chose this take: the reviewers are asked to decide on it, again where the vote's own
 * question named it.
 */
export async function chosenTakeActivity(services: Services, trx: Database, take: VideoSegment): Promise<void> {
  const deciders = await decidersOf(trx, take.episode_id);
  await settleOlderTakes(trx, take);
  const id = await insertActivity(trx, { episode_id: take.episode_id, kind: 'take.ready', ...by(null), ...takeFields(take), details: { version: take.version, shot_number: take.segment_number, chosen: true } });
  const told = await reaskDecision(trx, deciders.map((userId) => ({ user_id: userId, kind: 'decision', episode_id: take.episode_id, activity_id: id, segment_id: take.id })));
  await scheduleDigests(services, trx, told);
}

async function settleOlderTakes(trx: Database, take: VideoSegment): Promise<void> {
  const older = await trx.selectFrom('video_segments').select('id').where('shot_id', '=', take.shot_id).where('id', '<>', take.id).execute();
  await settleDecisionItems(
    trx,
    older.map((row) => row.id),
  );
}

/** Someone decided on a take: their own question is answered. */
export async function decisionActivity(
  services: Services,
  trx: Database,
  take: VideoSegment,
  actor: Actor,
  decision: { decision: string; rating?: number | null | undefined; note?: string | null | undefined },
): Promise<void> {
  if (actor.userId) await settleDecisionItems(trx, [take.id], actor.userId);
  await record(
    services,
    trx,
    { episode_id: take.episode_id, kind: 'take.decided', ...by(actor), ...takeFields(take), details: { version: take.version, shot_number: take.segment_number, decision: decision.decision, rating: decision.rating ?? null, note: decision.note ?? null } },
    () => [],
  );
}

/** A take became approved under the rule: nobody is waited for any more. */
export async function approvedActivity(services: Services, trx: Database, take: VideoSegment, ruleText: string | null): Promise<void> {
  await settleDecisionItems(trx, [take.id]);
  await record(services, trx, { episode_id: take.episode_id, kind: 'take.approved', ...by(null), ...takeFields(take), details: { version: take.version, shot_number: take.segment_number, rule: ruleText } }, () => []);
}

/**
 * The rule changed: on each take still waiting, people it no longer waits for are no longer asked,
 * and people it now waits for who have neither decided nor been asked are asked.
 */
export async function reaskUnderRule(services: Services, trx: Database, takes: readonly VideoSegment[]): Promise<void> {
  const first = takes[0];
  if (!first) return;
  const deciders = new Set(await decidersOf(trx, first.episode_id));
  const decided = await listStandingDecisions(trx, takes.map((take) => take.id));
  const asked = await listDecisionItems(trx, takes.map((take) => take.id));
  const items: NewInboxItem[] = [];
  for (const take of takes) {
    const done = new Set(decided.filter((row) => row.segment_id === take.id && row.reviewer_id).map((row) => row.reviewer_id!));
    const already = asked.filter((row) => row.segment_id === take.id);
    const noLonger = already.filter((row) => !deciders.has(row.user_id)).map((row) => row.user_id);
    for (const userId of noLonger) await settleDecisionItems(trx, [take.id], userId);
    for (const userId of deciders) {
      if (done.has(userId) || already.some((row) => row.user_id === userId)) continue;
      items.push({ user_id: userId, kind: 'decision', episode_id: take.episode_id, segment_id: take.id });
    }
  }
  await scheduleDigests(services, trx, await insertInboxItems(trx, items));
}

/** Someone took back their decision. */
export async function withdrawalActivity(services: Services, trx: Database, take: VideoSegment, actor: Actor): Promise<void> {
  await record(services, trx, { episode_id: take.episode_id, kind: 'take.decided', ...by(actor), ...takeFields(take), details: { version: take.version, shot_number: take.segment_number, decision: 'withdrawn' } }, () => []);
}

/** An approved take was sent back to review: the people the rule waits for are asked again. */
export async function reopenedActivity(services: Services, trx: Database, take: VideoSegment, actor: Actor, reason: string): Promise<void> {
  const deciders = await decidersOf(trx, take.episode_id);
  const id = await insertActivity(trx, { episode_id: take.episode_id, kind: 'take.reopened', ...by(actor), ...takeFields(take), details: { version: take.version, shot_number: take.segment_number, reason } });
  const told = await reaskDecision(
    trx,
    deciders.filter((userId) => userId !== actor.userId).map((userId) => ({ user_id: userId, kind: 'decision', episode_id: take.episode_id, activity_id: id, segment_id: take.id })),
  );
  await scheduleDigests(services, trx, told);
}

/** Someone asked for a new take of a shot. */
export async function regenerationActivity(services: Services, trx: Database, take: VideoSegment, actor: Actor, details: Record<string, unknown>): Promise<void> {
  await record(services, trx, { episode_id: take.episode_id, kind: 'take.regenerated', ...by(actor), ...takeFields(take), details: { version: take.version, shot_number: take.segment_number, ...details } }, () => []);
}

/** A note or a reply: the people it names are told, and a reply tells the thread's other participants. */
export async function noteActivity(services: Services, trx: Database, note: TakeNote, actor: Actor, take: Pick<VideoSegment, 'version' | 'segment_number'>): Promise<void> {
  const named = note.mentions.filter((userId) => userId !== actor.userId);
  const participants = note.parent_id ? await listThreadParticipants(trx, note.parent_id) : [];
  const answered = participants.filter((userId) => userId !== actor.userId && !named.includes(userId));
  const kind: ActivityKind = note.parent_id ? 'note.replied' : 'note.created';
  await record(
    services,
    trx,
    {
      episode_id: note.episode_id,
      kind,
      ...by(actor),
      shot_id: note.shot_id,
      segment_id: note.segment_id,
      note_id: note.id,
      mentioned_user_ids: note.mentions,
      details: { version: take.version, shot_number: take.segment_number, text: note.body.slice(0, 280), frame_in: note.frame_in, frame_out: note.frame_out, thread_id: note.parent_id ?? note.id },
    },
    (activityId) => [
      ...named.map((userId): NewInboxItem => ({ user_id: userId, kind: 'mention', episode_id: note.episode_id, activity_id: activityId })),
      ...answered.map((userId): NewInboxItem => ({ user_id: userId, kind: 'reply', episode_id: note.episode_id, activity_id: activityId })),
    ],
  );
}

/** A compile finished or failed: the episode's owners are told. */
export async function compileActivity(services: Services, trx: Database, episodeId: string, compileId: string, outcome: { ok: true; duration: number | null } | { ok: false; error: string }): Promise<void> {
  const owners = await membersWithRoles(trx, episodeId, ['owner']);
  await record(
    services,
    trx,
    { episode_id: episodeId, kind: outcome.ok ? 'compile.completed' : 'compile.failed', ...by(null), details: { compilation_id: compileId, ...(outcome.ok ? { duration: outcome.duration } : { error: outcome.error }) } },
    (activityId) => owners.map((owner) => ({ user_id: owner.user_id, kind: 'compile', episode_id: episodeId, activity_id: activityId })),
  );
}

/** Someone joined, changed role or left. The address is kept for members; guests are shown the name only. */
export async function memberActivity(
  services: Services,
  trx: Database,
  episodeId: string,
  actor: Actor,
  kind: Extract<ActivityKind, `member.${string}`>,
  member: { userId: string; name: string; email: string; role: string | null; from?: string | null; via?: string },
): Promise<void> {
  await record(services, trx, { episode_id: episodeId, kind, ...by(actor), details: { user_id: member.userId, name: member.name, email: member.email, role: member.role, from: member.from ?? null, via: member.via ?? null } }, () => []);
  // A newcomer (or someone given the right to decide) is asked about the takes already waiting;
  // someone who lost it is no longer asked.
  const waiting = (await listDecidableTakes(trx as Transaction<DB>, episodeId)).filter((take) => take.approval_status !== 'approved');
  await reaskUnderRule(services, trx, waiting);
}

/** An invitation to an address that has an account lands in that account's inbox (nobody else learns whether it has one). */
export async function invitationInbox(services: Services, trx: Database, invitation: Invitation): Promise<void> {
  const user = await findUserByEmail(trx, invitation.email);
  if (!user) return;
  // With SMTP the invitation is emailed anyway: no digest repeats it.
  const emailed = services.mail !== undefined;
  const told = await insertInboxItems(trx, [{ user_id: user.id, kind: 'invitation', episode_id: invitation.episode_id, invitation_id: invitation.id, ...(emailed && { emailed_at: new Date() }) }]);
  if (!emailed) await scheduleDigests(services, trx, told);
}
