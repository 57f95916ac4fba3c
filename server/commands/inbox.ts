/**
 * Reading the activity feed and one's inbox: pages of rows, marking read, accepting an invitation
 * from the inbox, and waiting for the inbox to change (the header's live unread count asks with
 * the revision it has and is answered when it differs, or after a while with the same one).
 */
import type { ActivityFilterName } from '../../src/lib/api/activity.schema.ts';
import { type ActivityRow, countUnread, type InboxRow, latestInboxId, listActivity, listInbox, markInboxRead, ownInboxItemIds } from '../db/queries/activity.queries.ts';
import type { Notifications } from '../db/notifications.ts';
import type { ActivityKind } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { acceptInvitationFromInbox } from './invitations.ts';
import type { Actor, Services } from './services.ts';

const KINDS_OF: Record<Exclude<ActivityFilterName, 'mentions'>, ActivityKind[]> = {
  takes: ['take.ready', 'take.approved', 'take.reopened'],
  decisions: ['take.decided'],
  notes: ['note.created', 'note.replied'],
  regenerations: ['take.regenerated'],
  compiles: ['compile.completed', 'compile.failed'],
  members: ['member.joined', 'member.role_changed', 'member.removed'],
};

export interface ActivityQuery {
  kind: ActivityFilterName[];
  person?: string | undefined;
  before?: number | undefined;
  after?: number | undefined;
  limit: number;
}

/** One page of an episode's activity. `mentions` alone keeps notes naming someone; with other kinds, it adds them. */
export async function readActivity(services: Services, episodeId: string, query: ActivityQuery): Promise<{ rows: ActivityRow[]; nextBefore: number | null }> {
  const groups = query.kind.filter((name): name is Exclude<ActivityFilterName, 'mentions'> => name !== 'mentions');
  const mentionsOnly = query.kind.includes('mentions') && groups.length === 0;
  const kinds = groups.flatMap((name) => KINDS_OF[name]);
  if (query.kind.includes('mentions') && groups.length > 0 && !groups.includes('notes')) kinds.push('note.created', 'note.replied');
  const rows = await listActivity(services.db, episodeId, {
    kinds: mentionsOnly ? ['note.created', 'note.replied'] : kinds,
    mentions: mentionsOnly,
    actorUserId: query.person,
    before: query.before,
    after: query.after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { rows: page, nextBefore: rows.length > query.limit ? Number(page.at(-1)!.id) : null };
}

/** The inbox's revision: changes whenever an item arrives, is read, or stops being visible. */
async function revisionOf(services: Services, userId: string): Promise<{ unread: number; revision: string }> {
  const [unread, latest] = await Promise.all([countUnread(services.db, userId), latestInboxId(services.db, userId)]);
  return { unread, revision: `${latest}.${unread}` };
}

export async function readInbox(
  services: Services,
  userId: string,
  query: { unread: boolean; before?: number | undefined; limit: number },
): Promise<{ rows: InboxRow[]; unread: number; revision: string; nextBefore: number | null }> {
  const rows = await listInbox(services.db, userId, { unreadOnly: query.unread, ...(query.before !== undefined && { before: query.before }), limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const { unread, revision } = await revisionOf(services, userId);
  return { rows: page, unread, revision, nextBefore: rows.length > query.limit ? Number(page.at(-1)!.id) : null };
}

/** Marks items read (all of them, or the ones named, which must all be the caller's). */
export async function markRead(services: Services, userId: string, body: { ids: number[] } | { all: true }): Promise<{ unread: number; marked: number }> {
  let marked: number;
  if ('all' in body) {
    marked = await markInboxRead(services.db, userId, 'all');
  } else {
    const own = await ownInboxItemIds(services.db, userId, body.ids);
    const strangers = body.ids.filter((id) => !own.has(id));
    if (strangers.length > 0) {
      throw new AppError('not_found', `${strangers.length === 1 ? 'Item' : 'Items'} ${strangers.join(', ')} ${strangers.length === 1 ? 'is' : 'are'} not in your inbox; nothing was marked.`, {
        status: 404,
        details: strangers.map((id) => ({ path: 'ids', message: `${id} is not in your inbox` })),
      });
    }
    marked = await markInboxRead(services.db, userId, body.ids);
  }
  return { unread: await countUnread(services.db, userId), marked };
}

/** Accepts the invitation an inbox item holds, and marks the item read. */
export async function acceptFromInbox(services: Services, itemId: number, actor: Actor & { userId: string }) {
  const page = await listInbox(services.db, actor.userId, { limit: 1, before: itemId + 1 });
  const item = page[0];
  if (!item || Number(item.id) !== itemId || item.kind !== 'invitation' || !item.invitation_id) {
    throw new AppError('not_found', `Item ${itemId} is not an open invitation in your inbox.`, { status: 404 });
  }
  const joined = await acceptInvitationFromInbox(services, item.invitation_id, actor);
  await markInboxRead(services.db, actor.userId, [itemId]);
  return joined;
}

/**
 * The unread count once the inbox's revision differs from `since`, or after `waitMs` with the same
 * one. Listens for `inbox_changed` naming the person (subscribed before the revision is read, so
 * that nothing falls in between); stops early when `signal` aborts.
 */
export async function waitForInbox(
  services: Services,
  notifications: Notifications | undefined,
  userId: string,
  since: string | undefined,
  waitMs: number,
  signal?: AbortSignal,
): Promise<{ unread: number; revision: string }> {
  if (waitMs <= 0 || since === undefined || !notifications) return revisionOf(services, userId);
  let wake: () => void = () => {};
  const changed = new Promise<void>((resolve) => (wake = resolve));
  const unsubscribe = notifications.subscribe('inbox_changed', {
    onNotification: (payload) => {
      if (payload === userId) wake();
    },
    // Whatever happened while the connection was down is read again now.
    onResumed: () => wake(),
  });
  const timer = setTimeout(() => wake(), waitMs);
  const aborted = () => wake();
  signal?.addEventListener('abort', aborted);
  try {
    await notifications.listen();
    const now = await revisionOf(services, userId);
    if (now.revision !== since) return now;
    await changed;
    return await revisionOf(services, userId);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', aborted);
    await unsubscribe();
  }
}
