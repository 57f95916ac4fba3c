/**
 * The activity feed of an episode and each person's inbox: rows written beside the change they
 * describe, read newest first in pages keyed by id.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import type { ActivityKind, EpisodeRole, InboxKind } from '../schema.ts';

export interface NewActivity {
  episode_id: string;
  kind: ActivityKind;
  actor_user_id: string | null;
  actor_name: string;
  shot_id?: string | null;
  segment_id?: string | null;
  note_id?: string | null;
  mentioned_user_ids?: string[];
  details?: Record<string, unknown>;
}

export async function insertActivity(db: Database, row: NewActivity): Promise<number> {
  const { id } = await db
    .insertInto('activity')
    .values({ ...row, mentioned_user_ids: row.mentioned_user_ids ?? [], details: JSON.stringify(row.details ?? {}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export interface ActivityFilter {
  /** Only these kinds; `mentions` keeps notes that name someone. */
  kinds?: readonly ActivityKind[] | undefined;
  mentions?: boolean | undefined;
  /** Only what this account did. */
  actorUserId?: string | undefined;
  /** Only rows older than this id (the next page). */
  before?: number | undefined;
  /** Only rows newer than this id (what arrived since). */
  after?: number | undefined;
  limit: number;
}

/** One page of an episode's activity, newest first, with the take's shot and version where there is one. */
export async function listActivity(db: Database, episodeId: string, filter: ActivityFilter) {
  let query = db
    .selectFrom('activity as a')
    .leftJoin('video_segments as v', 'v.id', 'a.segment_id')
    .leftJoin('shots as sh', 'sh.id', 'a.shot_id')
    .select([
      'a.id', 'a.occurred_at', 'a.kind', 'a.actor_user_id', 'a.actor_name', 'a.shot_id', 'a.segment_id', 'a.note_id',
      'a.mentioned_user_ids', 'a.details', 'v.version', 'sh.shot_number',
    ])
    .where('a.episode_id', '=', episodeId);
  if (filter.kinds && filter.kinds.length > 0) query = query.where('a.kind', 'in', filter.kinds);
  if (filter.mentions) query = query.where(sql<boolean>`cardinality(a.mentioned_user_ids) > 0`);
  if (filter.actorUserId) query = query.where('a.actor_user_id', '=', filter.actorUserId);
  if (filter.before !== undefined) query = query.where('a.id', '<', filter.before);
  if (filter.after !== undefined) query = query.where('a.id', '>', filter.after);
  return query.orderBy('a.id', 'desc').limit(filter.limit).execute();
}

export type ActivityRow = Awaited<ReturnType<typeof listActivity>>[number];

/** The newest activity id of an episode, of the given kinds (0 when there is none): revisions for the live document. */
export async function latestActivityId(db: Database, episodeId: string, kinds?: readonly ActivityKind[]): Promise<number> {
  let query = db.selectFrom('activity').select((eb) => eb.fn.max('id').as('id')).where('episode_id', '=', episodeId);
  if (kinds) query = query.where('kind', 'in', kinds);
  const row = await query.executeTakeFirst();
  return Number(row?.id ?? 0);
}

export interface NewInboxItem {
  user_id: string;
  kind: InboxKind;
  episode_id: string;
  activity_id?: number | null;
  invitation_id?: string | null;
  segment_id?: string | null;
  /** Set when the person was told another way (the invitation's own email). */
  emailed_at?: Date;
}

/** Adds items; a take already waiting for someone's decision is not added twice. Returns the people given something new. */
export async function insertInboxItems(db: Database, items: readonly NewInboxItem[]): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await db
    .insertInto('inbox_items')
    .values(items.map((item) => ({ ...item })))
    .onConflict((oc) => oc.columns(['user_id', 'segment_id']).where(sql<boolean>`kind = 'decision'`).doNothing())
    .returning('user_id')
    .execute();
  return [...new Set(rows.map((row) => row.user_id))];
}

/** Accounts holding one of `roles` on the episode now. */
export async function membersWithRoles(db: Database, episodeId: string, roles: readonly EpisodeRole[]): Promise<{ user_id: string; role: EpisodeRole }[]> {
  if (roles.length === 0) return [];
  return db.selectFrom('episode_members').select(['user_id', 'role']).where('episode_id', '=', episodeId).where('role', 'in', roles).execute();
}

/** Asks again: the decision items of these people on a take become new and unread (a reopened take). */
export async function reaskDecision(db: Database, items: readonly NewInboxItem[]): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await db
    .insertInto('inbox_items')
    .values(items.map((item) => ({ ...item })))
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'segment_id'])
        .where(sql<boolean>`kind = 'decision'`)
        .doUpdateSet((eb) => ({ read_at: null, emailed_at: null, created_at: sql<Date>`now()`, activity_id: eb.ref('excluded.activity_id') })),
    )
    .returning('user_id')
    .execute();
  return [...new Set(rows.map((row) => row.user_id))];
}

/** Marks read the decision items of these takes (for `userId` only, when given): the decision was made or is no longer wanted. */
export async function settleDecisionItems(db: Database, segmentIds: readonly string[], userId?: string): Promise<void> {
  if (segmentIds.length === 0) return;
  let query = db
    .updateTable('inbox_items')
    .set({ read_at: sql`now()` })
    .where('kind', '=', 'decision')
    .where('segment_id', 'in', segmentIds)
    .where('read_at', 'is', null);
  if (userId) query = query.where('user_id', '=', userId);
  await query.execute();
}

/** Who has been asked to decide on these takes (read or not). */
export async function listDecisionItems(db: Database, segmentIds: readonly string[]): Promise<{ user_id: string; segment_id: string }[]> {
  if (segmentIds.length === 0) return [];
  const rows = await db.selectFrom('inbox_items').select(['user_id', 'segment_id']).where('kind', '=', 'decision').where('segment_id', 'in', segmentIds).execute();
  return rows.map((row) => ({ user_id: row.user_id, segment_id: row.segment_id! }));
}

/** Where a person may still look: the inbox shows only items of episodes they are a member of. */
function visibleItems(db: Database, userId: string) {
  return db
    .selectFrom('inbox_items as i')
    .where('i.user_id', '=', userId)
    .where((eb) =>
      eb.or([
        // An invitation is shown while it is open, member or not.
        eb('i.kind', '=', 'invitation'),
        eb.exists(eb.selectFrom('episode_members as m').select('m.user_id').whereRef('m.episode_id', '=', 'i.episode_id').where('m.user_id', '=', userId)),
      ]),
    )
    .where((eb) =>
      eb.or([
        eb('i.invitation_id', 'is', null),
        eb.exists(
          eb
            .selectFrom('invitations as inv')
            .select('inv.id')
            .whereRef('inv.id', '=', 'i.invitation_id')
            .where('inv.accepted_at', 'is', null)
            .where('inv.revoked_at', 'is', null)
            .where('inv.expires_at', '>', sql<Date>`now()`),
        ),
      ]),
    );
}

/** How many items a person has not read. */
export async function countUnread(db: Database, userId: string): Promise<number> {
  const row = await visibleItems(db, userId)
    .where('i.read_at', 'is', null)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page of a person's inbox, newest first, with what each item points at. */
export async function listInbox(
  db: Database,
  userId: string,
  options: { unreadOnly?: boolean; before?: number; limit: number; notEmailed?: boolean; exceptKinds?: readonly string[] },
) {
  let query = visibleItems(db, userId)
    .innerJoin('episodes as e', 'e.id', 'i.episode_id')
    .leftJoin('activity as a', 'a.id', 'i.activity_id')
    .leftJoin('video_segments as v', (join) => join.on(sql<boolean>`v.id = coalesce(i.segment_id, a.segment_id)`))
    .leftJoin('invitations as inv', 'inv.id', 'i.invitation_id')
    .select([
      'i.id', 'i.kind', 'i.episode_id', 'i.created_at', 'i.read_at', 'i.invitation_id',
      'e.title as episode_title',
      'a.kind as activity_kind', 'a.actor_name', 'a.note_id', 'a.details',
      'v.id as segment_id', 'v.version', 'v.segment_number',
      'inv.role as invitation_role', 'inv.inviter_name',
    ]);
  if (options.unreadOnly) query = query.where('i.read_at', 'is', null);
  if (options.notEmailed) query = query.where('i.emailed_at', 'is', null);
  if (options.exceptKinds && options.exceptKinds.length > 0) query = query.where('i.kind', 'not in', options.exceptKinds as InboxKind[]);
  if (options.before !== undefined) query = query.where('i.id', '<', options.before);
  return query.orderBy('i.id', 'desc').limit(options.limit).execute();
}

export type InboxRow = Awaited<ReturnType<typeof listInbox>>[number];

/** Marks some or all of a person's items read; returns how many changed. */
export async function markInboxRead(db: Database, userId: string, ids: readonly number[] | 'all'): Promise<number> {
  let query = db.updateTable('inbox_items').set({ read_at: sql`now()` }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    query = query.where('id', 'in', ids);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The ids among `ids` that are this person's items. */
export async function ownInboxItemIds(db: Database, userId: string, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('inbox_items').select('id').where('user_id', '=', userId).where('id', 'in', ids).execute();
  return new Set(rows.map((row) => Number(row.id)));
}

/** Records that a digest told the person about these items. */
export async function markInboxEmailed(db: Database, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('inbox_items').set({ emailed_at: sql`now()` }).where('id', 'in', ids).execute();
}

/** A person's email preferences, created (with a fresh link secret) on first need. */
export async function mailPreferences(db: Database, userId: string, newSecret: string) {
  await db.insertInto('mail_preferences').values({ user_id: userId, link_secret: newSecret }).onConflict((oc) => oc.column('user_id').doNothing()).execute();
  return db.selectFrom('mail_preferences').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
}

export async function findMailPreferences(db: Database, userId: string) {
  return db.selectFrom('mail_preferences').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function setUnsubscribed(db: Database, userId: string, kinds: readonly string[]): Promise<void> {
  await db.updateTable('mail_preferences').set({ unsubscribed: [...kinds] }).where('user_id', '=', userId).execute();
}

export async function stampDigestSent(db: Database, userId: string): Promise<void> {
  await db.updateTable('mail_preferences').set({ last_digest_at: sql`now()` }).where('user_id', '=', userId).execute();
}

/** The newest item id of a person's inbox (0 when empty). */
export async function latestInboxId(db: Database, userId: string): Promise<number> {
  const row = await db.selectFrom('inbox_items').select((eb) => eb.fn.max('id').as('id')).where('user_id', '=', userId).executeTakeFirst();
  return Number(row?.id ?? 0);
}
