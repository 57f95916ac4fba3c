/**
 * Activity rows and inbox items as the API answers them. People are shown by name; the addresses
 * in membership rows only to owners (as in the members list).
 */
import type { ActivityItemDto, InboxItemDto } from '../../../src/lib/api/activity.schema.ts';
import { activityLink, activitySentence, type ActivityFacts, frameOf, inboxItemWords } from '../../../src/lib/activity-words.ts';
import type { ActivityRow, InboxRow } from '../../db/queries/activity.queries.ts';

export function presentActivity(row: ActivityRow, episodeId: string, options: { addresses: boolean }): ActivityItemDto {
  const details = { ...row.details };
  if (!options.addresses) delete details.email;
  const facts: ActivityFacts = { kind: row.kind, actorName: row.actor_name, episodeId, segmentId: row.segment_id, noteId: row.note_id, details };
  return {
    id: Number(row.id),
    kind: row.kind,
    occurred_at: new Date(row.occurred_at).toISOString(),
    actor: { name: row.actor_name, user_id: row.actor_user_id },
    text: activitySentence(facts),
    link: activityLink(facts),
    shot_number: typeof details.shot_number === 'number' ? details.shot_number : (row.shot_number ?? null),
    version: typeof details.version === 'number' ? details.version : (row.version ?? null),
    segment_id: row.segment_id,
    note_id: row.note_id,
    frame: frameOf(details),
    mentioned_user_ids: row.mentioned_user_ids,
    details,
  };
}

export function presentInboxItem(row: InboxRow): InboxItemDto {
  const { text, link } = inboxItemWords(row);
  return {
    id: Number(row.id),
    kind: row.kind,
    created_at: new Date(row.created_at).toISOString(),
    read: row.read_at !== null,
    episode: { id: row.episode_id, title: row.episode_title },
    text,
    link,
    invitation: row.invitation_id && row.invitation_role ? { id: row.invitation_id, role: row.invitation_role, inviter_name: row.inviter_name ?? '' } : null,
  };
}
