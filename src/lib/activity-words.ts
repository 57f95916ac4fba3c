/**
 * The sentences and links of activity and inbox items, for the pages, the API and the digest
 * email alike. Pure: rows in, words out.
 */
import type { InboxKindName } from './api/activity.schema.ts';
import { formatClock } from './format.ts';

export interface ActivityFacts {
  kind: string;
  actorName: string;
  episodeId: string;
  segmentId: string | null;
  noteId: string | null;
  details: Record<string, unknown>;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** "shot 3 v2", or "a shot" when the row no longer says. */
function takeName(details: Record<string, unknown>): string {
  const shot = int(details.shot_number);
  const version = int(details.version);
  if (shot === null) return 'a shot';
  return version === null ? `shot ${shot}` : `shot ${shot} v${version}`;
}

function quoted(text: unknown, max = 100): string {
  const value = str(text);
  if (!value) return '';
  const flat = value.replace(/\s+/g, ' ').trim();
  return `: “${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

const DECIDED: Record<string, string> = { approve: 'approved', changes_requested: 'asked for changes on', reject: 'rejected', withdrawn: 'took back their decision on' };

/** The frame a row points at (a note's first frame), if any. */
export function frameOf(details: Record<string, unknown>): number | null {
  return int(details.frame_in);
}

/** One sentence saying what happened. */
export function activitySentence(facts: ActivityFacts): string {
  const { details, actorName } = facts;
  const take = takeName(details);
  const frame = frameOf(details);
  switch (facts.kind) {
    case 'take.ready':
      if (details.vote === true) return `${int(details.takes) ?? 'Several'} takes of shot ${int(details.shot_number) ?? '?'} are ready to compare and vote on`;
      return details.chosen === true ? `${capitalise(take)} was chosen among its takes and is ready for review` : `${capitalise(take)} is ready for review`;
    case 'take.decided': {
      const rating = int(details.rating);
      return `${actorName} ${DECIDED[String(details.decision)] ?? 'decided on'} ${take}${rating === null ? '' : ` (${rating}/5)`}${quoted(details.note)}`;
    }
    case 'take.approved':
      return `${capitalise(take)} is approved`;
    case 'take.reopened':
      return `${actorName} reopened ${take}${quoted(details.reason)}`;
    case 'take.regenerated':
      return `${actorName} asked for a new take of ${take}`;
    case 'note.created':
      return `${actorName} noted on ${take}${frame === null ? '' : ` at frame ${frame}`}${quoted(details.text)}`;
    case 'note.replied':
      return `${actorName} replied on ${take}${quoted(details.text)}`;
    case 'compile.completed': {
      const duration = typeof details.duration === 'number' ? ` (${formatClock(details.duration)})` : '';
      return `The final video is compiled${duration}`;
    }
    case 'compile.failed':
      return `The compile failed${quoted(details.error, 160)}`;
    case 'member.joined':
      return `${str(details.name) ?? 'Someone'} joined as ${str(details.role) ?? 'a member'}${details.via === 'invitation' ? ' through an invitation' : ''}`;
    case 'member.role_changed':
      return `${actorName} made ${str(details.name) ?? 'someone'} ${str(details.role) ?? 'a member'}${str(details.from) ? ` (was ${str(details.from)})` : ''}`;
    case 'member.removed':
      return `${actorName} removed ${str(details.name) ?? 'someone'} from the episode`;
    default:
      return `${actorName}: ${facts.kind}`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where an item leads: the take (at the note, or its frame), the final video, the members, or the episode. */
export function activityLink(facts: Pick<ActivityFacts, 'kind' | 'episodeId' | 'segmentId' | 'noteId' | 'details'>): string {
  const episode = `/episodes/${facts.episodeId}`;
  if (facts.details.vote === true && typeof facts.details.choice_id === 'string') return `${episode}/choices/${facts.details.choice_id}`;
  if (facts.segmentId) {
    const take = `${episode}/segments/${facts.segmentId}`;
    if (facts.noteId) return `${take}?note=${facts.noteId}`;
    return take;
  }
  if (facts.kind.startsWith('compile.')) return `${episode}#final-video`;
  if (facts.kind.startsWith('member.')) return `${episode}#members`;
  return episode;
}

/** The sentence of an inbox item: what asks for the person, in their words. */
export function inboxSentence(kind: InboxKindName, facts: ActivityFacts | null, extra: { inviterName?: string | null; role?: string | null; episodeTitle: string }): string {
  switch (kind) {
    case 'mention':
      return `${facts?.actorName ?? 'Someone'} mentioned you on ${takeName(facts?.details ?? {})}${quoted(facts?.details.text)}`;
    case 'reply':
      return `${facts?.actorName ?? 'Someone'} replied in a thread you are in, on ${takeName(facts?.details ?? {})}${quoted(facts?.details.text)}`;
    case 'decision':
      if (facts?.details.vote === true) return `${int(facts.details.takes) ?? 'Several'} takes of shot ${int(facts.details.shot_number) ?? '?'} wait for your vote`;
      return `${capitalise(takeName(facts?.details ?? {}))} waits for your decision`;
    case 'invitation':
      return `${extra.inviterName ?? 'Someone'} invited you to “${extra.episodeTitle}” as ${extra.role ?? 'a member'}`;
    case 'compile':
      return facts ? activitySentence(facts) : 'A compile finished';
  }
}

/** What an inbox item's words are made from: the fields of its row (and of its activity, invitation and take). */
export interface InboxItemFacts {
  kind: InboxKindName;
  episode_id: string;
  episode_title: string;
  segment_id: string | null;
  segment_number: number | null;
  version: number | null;
  note_id: string | null;
  activity_kind: string | null;
  actor_name: string | null;
  details: unknown;
  inviter_name: string | null;
  invitation_role: string | null;
}

/** An inbox item's sentence and the place it leads to. */
export function inboxItemWords(item: InboxItemFacts): { text: string; link: string } {
  // A take waiting for a decision is named as it is now (an item asked again has no activity row).
  const take = item.kind === 'decision' && item.segment_number !== null ? { shot_number: item.segment_number, version: item.version } : {};
  const details = { ...((item.details ?? {}) as Record<string, unknown>), ...take };
  const facts: ActivityFacts | null =
    item.activity_kind || item.kind === 'decision'
      ? { kind: item.activity_kind ?? 'take.ready', actorName: item.actor_name ?? 'Someone', episodeId: item.episode_id, segmentId: item.segment_id, noteId: item.note_id, details }
      : null;
  const link =
    item.kind === 'invitation'
      ? '/inbox'
      : facts
        ? activityLink(facts)
        : item.segment_id
          ? `/episodes/${item.episode_id}/segments/${item.segment_id}`
          : `/episodes/${item.episode_id}`;
  return { text: inboxSentence(item.kind, facts, { inviterName: item.inviter_name, role: item.invitation_role, episodeTitle: item.episode_title }), link };
}
