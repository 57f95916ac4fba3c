/**
 * Whitelists what note answers carry: threads with their replies, who wrote what, and what the
 * caller may do with each note.
 */
import type { NoteDrawing, NoteDto, NoteHistoryDto } from '../../../src/lib/api/notes.schema.ts';
import { allows } from '../../auth/policies.ts';
import type { NoteRow } from '../../db/queries/note.queries.ts';
import type { EpisodeRole, TakeNoteEdit } from '../../db/schema.ts';

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

export interface NoteViewer {
  /** The caller's reviewer key (a user id or guest:<link>:<name>). */
  key: string;
  role: EpisodeRole;
  /** Names of the people notes mention. */
  names: Map<string, string>;
}

function presentOne(row: NoteRow, viewer: NoteViewer, replies: NoteDto[]): NoteDto {
  const mine = row.author_key === viewer.key;
  const deleted = row.deleted_at !== null;
  const mayReview = allows(viewer.role, 'segment.review');
  return {
    id: row.id,
    episode_id: row.episode_id,
    segment_id: row.segment_id,
    shot_id: row.shot_id,
    version: row.version,
    parent_id: row.parent_id,
    author: { key: row.author_key, name: row.author_name, color: row.author_color, is_me: mine },
    text: deleted ? '' : row.body,
    frame_in: row.frame_in,
    frame_out: row.frame_out,
    drawing: deleted ? null : ((row.drawing as NoteDrawing | null) ?? null),
    mentions: deleted ? [] : row.mentions.map((id) => ({ id, name: viewer.names.get(id) ?? 'someone who left' })),
    resolved: row.resolved_at !== null,
    resolved_at: iso(row.resolved_at),
    resolved_by: row.resolved_by_name,
    deleted,
    edited_at: iso(row.edited_at),
    created_at: iso(row.created_at)!,
    addressed_in_version: row.addressed_in_version,
    can: {
      edit: mine && !deleted && mayReview,
      delete: mine && !deleted && mayReview,
      resolve: row.parent_id === null && !deleted && mayReview,
      reply: row.parent_id === null && !deleted && mayReview,
    },
    replies,
  };
}

/** Threads (first notes, oldest first) with their replies, from a shot's notes. */
export function presentThreads(rows: readonly NoteRow[], viewer: NoteViewer): NoteDto[] {
  const repliesOf = new Map<string, NoteDto[]>();
  for (const row of rows) {
    if (row.parent_id) repliesOf.set(row.parent_id, [...(repliesOf.get(row.parent_id) ?? []), presentOne(row, viewer, [])]);
  }
  return rows.filter((row) => row.parent_id === null).map((row) => presentOne(row, viewer, repliesOf.get(row.id) ?? []));
}

export function presentHistory(edits: readonly TakeNoteEdit[]): NoteHistoryDto {
  return {
    edits: edits.map((edit) => ({
      text: edit.body,
      drawing: (edit.drawing as NoteDrawing | null) ?? null,
      edited_at: iso(edit.edited_at)!,
      edited_by: edit.edited_by,
    })),
  };
}
