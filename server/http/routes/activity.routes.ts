/**
 * The activity feed (/episodes/{id}/activity), each person's inbox and email settings
 * (/me/inbox, /me/mail-preferences), and unsubscribe links (/unsubscribe/{token}).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { activityQuery, type ActivityPageDto, inboxQuery, type InboxPageDto, mailPreferencesBody, markReadBody } from '../../../src/lib/api/activity.schema.ts';
import { presentActivity, presentInboxItem } from '../presenters/activity.presenter.ts';
import { describeUnsubscribe, readMailPreferences, unsubscribeByToken, writeMailPreferences } from '../../commands/inbox-digest.ts';
import { acceptFromInbox, markRead, readActivity, readInbox, waitForInbox } from '../../commands/inbox.ts';
import type { Notifications } from '../../db/notifications.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

/** The longest a caller may wait for its inbox to change. */
const MAX_WAIT_SECONDS = 30;

const unreadQuery = z.strictObject({
  since: z.string().regex(/^\d+\.\d+$/, 'must be the revision of an earlier answer').optional(),
  wait: z.coerce.number().int().min(0).max(MAX_WAIT_SECONDS, `must be at most ${MAX_WAIT_SECONDS} seconds`).default(0),
});
const itemParam = z.object({ id: z.coerce.number().int().min(1, 'must be an inbox item id').max(Number.MAX_SAFE_INTEGER) });
const tokenParam = z.object({ token: z.string().min(1).max(300) });

function userIdOf(c: { get(key: 'principal'): import('../../auth/principal.ts').Principal }): string {
  const principal = c.get('principal');
  if (principal.kind !== 'user') throw new Error('unreachable: the rule admits accounts only');
  return principal.userId;
}

export function episodeActivityRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>().get(
    '/:id/activity',
    endpoint(db, { rule: { kind: 'episode', permission: 'episode.read', id: 'episode' }, summary: 'What happened on the episode, newest first (filter by kind and person; page with before, or ask what is new with after)' }),
    async (c) => {
      const query = parseWith(activityQuery, c.req.query());
      const episodeId = c.get('episodeId');
      const { rows, nextBefore } = await readActivity(services, episodeId, query);
      const addresses = c.get('role') === 'owner';
      const page: ActivityPageDto = { items: rows.map((row) => presentActivity(row, episodeId, { addresses })), next_before: nextBefore };
      return c.json(page);
    },
  );
}

export function inboxRoutes({ services }: RouteDeps, notifications: Notifications | undefined) {
  const { db } = services;
  const account = { kind: 'account', minScope: 'viewer' } as const;
  return new Hono<AppEnv>()
    .get('/inbox', endpoint(db, { rule: account, summary: 'Your inbox: mentions, replies, takes waiting for your decision, invitations, compiles; newest first' }), async (c) => {
      const query = parseWith(inboxQuery, c.req.query());
      const { rows, unread, revision, nextBefore } = await readInbox(services, userIdOf(c), query);
      const page: InboxPageDto & { revision: string } = { items: rows.map(presentInboxItem), unread, revision, next_before: nextBefore };
      return c.json(page);
    })
    .get('/inbox/unread', endpoint(db, { rule: account, summary: 'Your unread count; with since and wait, answered when it changes (or after wait seconds)' }), async (c) => {
      const { since, wait } = parseWith(unreadQuery, c.req.query());
      return c.json(await waitForInbox(services, notifications, userIdOf(c), since, wait * 1000, c.req.raw.signal));
    })
    .post('/inbox/read', endpoint(db, { rule: account, summary: 'Mark items read ({ids}) or everything ({all: true})', body: markReadBody }), async (c) =>
      c.json(await markRead(services, userIdOf(c), bodyOf(c, markReadBody))),
    )
    .post('/inbox/:id/accept', endpoint(db, { rule: { kind: 'account', minScope: 'owner' }, summary: 'Accept the invitation an inbox item holds' }), async (c) => {
      const { id } = parseWith(itemParam, c.req.param());
      const joined = await acceptFromInbox(services, id, { ...c.get('actor'), userId: userIdOf(c) });
      return c.json({ episode_id: joined.episodeId, role: joined.role });
    })
    .get('/mail-preferences', endpoint(db, { rule: account, summary: 'Which inbox kinds you receive in email digests' }), async (c) => c.json(await readMailPreferences(services, userIdOf(c))))
    .put('/mail-preferences', endpoint(db, { rule: { kind: 'account', minScope: 'owner' }, summary: 'Choose the inbox kinds left out of your email digests', body: mailPreferencesBody }), async (c) =>
      c.json(await writeMailPreferences(services, userIdOf(c), bodyOf(c, mailPreferencesBody).unsubscribed)),
    );
}

export function unsubscribeRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .get('/:token', endpoint(db, { rule: { kind: 'public' }, summary: 'What an unsubscribe link stops (nothing changes until it is posted)' }), async (c) => {
      const { token } = parseWith(tokenParam, c.req.param());
      return c.json(await describeUnsubscribe(services, token));
    })
    .post('/:token', endpoint(db, { rule: { kind: 'public' }, summary: 'Stop the digests of one kind (the link in each digest)' }), async (c) => {
      const { token } = parseWith(tokenParam, c.req.param());
      const { kind } = await unsubscribeByToken(services, token);
      return c.json({ kind, unsubscribed: true });
    });
}
