/**
 * The activity feed of an episode and each person's inbox: query and body schemas, and the shapes
 * the API answers with.
 */
import { z } from 'zod';

/** What the feed can be narrowed to; `mentions` keeps the notes that name someone. */
export const ACTIVITY_FILTERS = ['takes', 'decisions', 'notes', 'mentions', 'regenerations', 'compiles', 'members'] as const;
export type ActivityFilterName = (typeof ACTIVITY_FILTERS)[number];

const cursor = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const activityQuery = z.strictObject({
  kind: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return [] as ActivityFilterName[];
      const names = text.split(',').map((name) => name.trim()).filter(Boolean);
      const unknown = names.filter((name) => !(ACTIVITY_FILTERS as readonly string[]).includes(name));
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `unknown kind ${unknown.map((name) => `"${name}"`).join(', ')}; use ${ACTIVITY_FILTERS.join(', ')}` });
        return z.NEVER;
      }
      return [...new Set(names)] as ActivityFilterName[];
    }),
  person: z.uuid('must be the id of a person on the episode').optional(),
  before: cursor.optional(),
  after: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface ActivityItemDto {
  id: number;
  kind: string;
  occurred_at: string;
  actor: { name: string; user_id: string | null };
  /** One sentence for the feed ("Ana approved shot 3 v2"). */
  text: string;
  /** Where to look: the take (at the note's frame) or the episode. */
  link: string;
  shot_number: number | null;
  version: number | null;
  segment_id: string | null;
  note_id: string | null;
  frame: number | null;
  mentioned_user_ids: string[];
  details: Record<string, unknown>;
}

export interface ActivityPageDto {
  items: ActivityItemDto[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next_before: number | null;
}

export const INBOX_KINDS = ['mention', 'reply', 'decision', 'invitation', 'compile'] as const;
export type InboxKindName = (typeof INBOX_KINDS)[number];

export const INBOX_KIND_LABELS: Record<InboxKindName, string> = {
  mention: 'Mentions of you',
  reply: 'Replies to your notes',
  decision: 'Takes waiting for your decision',
  invitation: 'Invitations',
  compile: 'Compiles of your episodes',
};

export const inboxQuery = z.strictObject({
  unread: z.enum(['0', '1', 'true', 'false']).optional().transform((value) => value === '1' || value === 'true'),
  before: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const markReadBody = z.union([
  z.strictObject({ ids: z.array(z.number().int().min(1)).min(1, 'name at least one item').max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);

export interface InboxItemDto {
  id: number;
  kind: InboxKindName;
  created_at: string;
  read: boolean;
  episode: { id: string; title: string };
  text: string;
  link: string;
  /** For an invitation: accept it with POST /me/inbox/{id}/accept. */
  invitation: { id: string; role: string; inviter_name: string } | null;
}

export interface InboxPageDto {
  items: InboxItemDto[];
  unread: number;
  next_before: number | null;
}

export const mailPreferencesBody = z.strictObject({
  unsubscribed: z.array(z.enum(INBOX_KINDS)).max(INBOX_KINDS.length),
});

export interface MailPreferencesDto {
  /** Whether this server sends email at all (DAILIES_SMTP_URL). */
  email_enabled: boolean;
  unsubscribed: InboxKindName[];
  digest_minutes: number | null;
}
