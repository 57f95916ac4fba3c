/**
 * The inbox digest: with SMTP configured, a person given something new in their inbox gets one
 * email listing what is new and unread, at most one every `digestMinutes` (30 by default). The
 * digest is a job keyed by the person, so a burst of changes makes one job, whose time is kept
 * (never pushed back by later changes). An item is in one digest at most; items already read, and
 * kinds the person unsubscribed from, are left out. Each digest carries one unsubscribe link per
 * kind, signed with a secret kept per person.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { inboxItemWords } from '../../src/lib/activity-words.ts';
import { INBOX_KINDS, type InboxKindName, type MailPreferencesDto } from '../../src/lib/api/activity.schema.ts';
import {
  findMailPreferences,
  listInbox,
  mailPreferences,
  markInboxEmailed,
  setUnsubscribed,
  stampDigestSent,
} from '../db/queries/activity.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { findUser } from '../db/queries/user.queries.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { digestMail } from '../mail/digest.mail.ts';
import { sendMail } from '../mail/mailer.ts';
import type { Services } from './services.ts';

/** The default interval between two digests to one person, in minutes. */
export const DEFAULT_DIGEST_MINUTES = 30;
/** A short wait before the first digest, so that a burst of changes lands in one email. */
const GATHER_MS = 15_000;
/** The most items one digest lists (the rest are counted). */
const DIGEST_ITEMS = 50;
/** Attempts of a digest; graphile-worker waits longer after each. */
const DIGEST_ATTEMPTS = 10;

const newSecret = () => randomBytes(32).toString('base64url');

function digestMinutes(services: Services): number {
  return services.mail?.digestMinutes ?? DEFAULT_DIGEST_MINUTES;
}

/**
 * Queues a digest for each person (in `trx`): now plus a short gather, or the end of the interval
 * after their last digest, whichever is later. Nothing without SMTP.
 */
export async function scheduleDigests(services: Services, trx: Database, userIds: readonly string[]): Promise<void> {
  if (!services.mail || userIds.length === 0) return;
  const minutes = digestMinutes(services);
  for (const userId of userIds) {
    const preferences = await findMailPreferences(trx, userId);
    const last = preferences?.last_digest_at ? new Date(preferences.last_digest_at).getTime() : 0;
    const gather = minutes === 0 ? 0 : GATHER_MS;
    const runAt = new Date(Math.max(Date.now() + gather, last + minutes * 60_000));
    await addJob(trx, 'send_inbox_digest', { userId }, { jobKey: `inbox_digest:${userId}`, jobKeyMode: 'preserve_run_at', runAt, maxAttempts: DIGEST_ATTEMPTS });
  }
}

function signature(secret: string, userId: string, kind: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${userId}:${kind}`).digest('base64url');
}

/** The unsubscribe token for one kind: `<user id>.<kind>.<signature>`. */
export function unsubscribeToken(secret: string, userId: string, kind: InboxKindName): string {
  return `${userId}.${kind}.${signature(secret, userId, kind)}`;
}

/**
 * Sends a person's digest (the `send_inbox_digest` job): what is new and unread in their inbox and
 * not yet emailed, in the kinds they still want. A mail server that is down throws, and the job is
 * tried again; the items are marked only once the mail is sent.
 */
export async function sendInboxDigest(services: Services, userId: string): Promise<'sent' | 'nothing'> {
  if (!services.mail) return 'nothing';
  const user = await findUser(services.db, userId);
  if (!user) return 'nothing';
  const preferences = await mailPreferences(services.db, userId, newSecret());
  const rows = await listInbox(services.db, userId, { unreadOnly: true, notEmailed: true, exceptKinds: preferences.unsubscribed, limit: DIGEST_ITEMS + 1 });
  if (rows.length === 0) return 'nothing';
  const shown = rows.slice(0, DIGEST_ITEMS);
  const base = services.mail.publicUrl;
  const kinds = [...new Set(shown.map((row) => row.kind))];
  const message = digestMail({
    to: user.email,
    name: user.display_name,
    items: shown.map((row) => {
      const { text, link } = inboxItemWords(row);
      return { kind: row.kind, episodeTitle: row.episode_title, text, url: new URL(link, base).href };
    }),
    more: rows.length > DIGEST_ITEMS,
    inboxUrl: new URL('/inbox', base).href,
    unsubscribe: kinds.map((kind) => ({ kind, url: new URL(`/unsubscribe/${unsubscribeToken(preferences.link_secret, userId, kind)}`, base).href })),
  });
  await sendMail(services.mail, message);
  await services.db.transaction().execute(async (trx) => {
    await markInboxEmailed(
      trx,
      shown.map((row) => Number(row.id)),
    );
    await stampDigestSent(trx, userId);
  });
  return 'sent';
}

const badLink = () =>
  new AppError('unsubscribe_link_invalid', 'This unsubscribe link is not valid. Check that you copied all of it, or change your email settings from your inbox.', { status: 404 });

/** Reads an unsubscribe token: whose it is and which kind, or a 404 when it does not check out. */
async function readToken(services: Services, token: string): Promise<{ userId: string; kind: InboxKindName; unsubscribed: string[] }> {
  const [userId, kind, given] = token.split('.');
  if (!userId || !kind || !given || !(INBOX_KINDS as readonly string[]).includes(kind) || !/^[0-9a-f-]{36}$/.test(userId)) throw badLink();
  const preferences = await findMailPreferences(services.db, userId);
  if (!preferences) throw badLink();
  const expected = Buffer.from(signature(preferences.link_secret, userId, kind));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw badLink();
  return { userId, kind: kind as InboxKindName, unsubscribed: preferences.unsubscribed };
}

/** What an unsubscribe link would do (shown before the person confirms). */
export async function describeUnsubscribe(services: Services, token: string): Promise<{ kind: InboxKindName; unsubscribed: boolean }> {
  const { kind, unsubscribed } = await readToken(services, token);
  return { kind, unsubscribed: unsubscribed.includes(kind) };
}

/** Stops digests of one kind for the link's owner; doing it twice changes nothing. */
export async function unsubscribeByToken(services: Services, token: string): Promise<{ kind: InboxKindName }> {
  const { userId, kind, unsubscribed } = await readToken(services, token);
  if (!unsubscribed.includes(kind)) await setUnsubscribed(services.db, userId, [...unsubscribed, kind]);
  return { kind };
}

/** A person's email settings. */
export async function readMailPreferences(services: Services, userId: string): Promise<MailPreferencesDto> {
  const preferences = await findMailPreferences(services.db, userId);
  return {
    email_enabled: services.mail !== undefined,
    unsubscribed: (preferences?.unsubscribed ?? []).filter((kind): kind is InboxKindName => (INBOX_KINDS as readonly string[]).includes(kind)),
    digest_minutes: services.mail ? digestMinutes(services) : null,
  };
}

export async function writeMailPreferences(services: Services, userId: string, unsubscribed: readonly InboxKindName[]): Promise<MailPreferencesDto> {
  await mailPreferences(services.db, userId, newSecret());
  await setUnsubscribed(services.db, userId, [...new Set(unsubscribed)]);
  return readMailPreferences(services, userId);
}
