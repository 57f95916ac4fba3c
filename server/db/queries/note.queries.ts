/**
 * Frame notes on takes, their earlier texts, and what the live document shows of them: the only
 * place their SQL lives. A thread is a root note (parent_id null) and its replies; threads are
 * listed per shot, across every take of it, so notes made on v1 are read on v2.
 */
import { type Insertable, sql, type Transaction } from 'kysely';
import type { Database } from '../database.ts';
import type { DB, TakeNote, TakeNoteEdit, TakeNotesTable } from '../schema.ts';

/** A note with the version of the take it was made on and of the take that answers it. */
export type NoteRow = TakeNote & { version: number; addressed_in_version: number | null };

/** A note to store: its row's own columns, with the drawing as an object. */
export type NewNote = Omit<Insertable<TakeNotesTable>, 'id' | 'drawing' | 'mentions' | 'resolved_at' | 'resolved_by_name' | 'deleted_at' | 'edited_at' | 'addressed_by_segment_id' | 'created_at' | 'updated_at'> & {
  drawing: Record<string, unknown> | null;
  mentions: string[];
};

const withVersions = (db: Database) =>
  db
    .selectFrom('take_notes as n')
    .innerJoin('video_segments as s', 's.id', 'n.segment_id')
    .leftJoin('video_segments as a', 'a.id', 'n.addressed_by_segment_id')
    .selectAll('n')
    .select(['s.version', 'a.version as addressed_in_version']);

export async function insertNote(trx: Transaction<DB>, values: NewNote): Promise<TakeNote> {
  return trx
    .insertInto('take_notes')
    .values({ ...values, drawing: values.drawing === null ? null : JSON.stringify(values.drawing), mentions: values.mentions })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findNote(db: Database, id: string): Promise<NoteRow | undefined> {
  return withVersions(db).where('n.id', '=', id).executeTakeFirst();
}

/** Every note of a shot's takes (roots and replies), oldest first. */
export async function listShotNotes(db: Database, shotId: string): Promise<NoteRow[]> {
  return withVersions(db).where('n.shot_id', '=', shotId).orderBy('n.created_at').orderBy('n.id').execute();
}

/** The given notes, for a proposal or a regeneration that answers them. */
export async function findNotes(db: Database, ids: readonly string[]): Promise<NoteRow[]> {
  if (ids.length === 0) return [];
  return withVersions(db).where('n.id', 'in', ids).orderBy('n.created_at').execute();
}

/** Keeps the note's text and drawing as they were, then changes them. */
export async function editNote(trx: Transaction<DB>, note: TakeNote, editedBy: string, change: { body?: string; drawing?: Record<string, unknown> | null; deleted?: boolean }) {
  await trx
    .insertInto('take_note_edits')
    .values({ note_id: note.id, body: note.body, drawing: note.drawing === null ? null : JSON.stringify(note.drawing), edited_by: editedBy })
    .execute();
  return trx
    .updateTable('take_notes')
    .set({
      ...(change.body !== undefined && { body: change.body }),
      ...(change.drawing !== undefined && { drawing: change.drawing === null ? null : JSON.stringify(change.drawing) }),
      ...(change.deleted ? { deleted_at: sql`now()` } : { edited_at: sql`now()` }),
      updated_at: sql`now()`,
    })
    .where('id', '=', note.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listNoteEdits(db: Database, noteId: string): Promise<TakeNoteEdit[]> {
  return db.selectFrom('take_note_edits').selectAll().where('note_id', '=', noteId).orderBy('edited_at').orderBy('id').execute();
}

/** Resolves (with who) or reopens (null) a thread. */
export async function setNoteResolved(trx: Transaction<DB>, noteId: string, by: string | null): Promise<void> {
  await trx
    .updateTable('take_notes')
    .set({ resolved_at: by === null ? null : sql`now()`, resolved_by_name: by, updated_at: sql`now()` })
    .where('id', '=', noteId)
    .execute();
}

/** Records the take made to answer these threads. */
export async function markNotesAddressed(trx: Transaction<DB>, noteIds: readonly string[], segmentId: string): Promise<void> {
  if (noteIds.length === 0) return;
  await trx.updateTable('take_notes').set({ addressed_by_segment_id: segmentId, updated_at: sql`now()` }).where('id', 'in', noteIds).execute();
}

/** Resolves the open threads a take answers, once it is approved; returns how many. */
export async function resolveNotesAnsweredBy(trx: Transaction<DB>, segmentId: string, by: string): Promise<number> {
  const result = await trx
    .updateTable('take_notes')
    .set({ resolved_at: sql`now()`, resolved_by_name: by, updated_at: sql`now()` })
    .where('addressed_by_segment_id', '=', segmentId)
    .where('resolved_at', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ShotNoteSummary {
  shot_id: string;
  open: number;
  total: number;
  /** Changes whenever any note of the shot changes. */
  revision: string;
  latest: { id: string; author: string; color: string; text: string; frame_in: number | null; version: number; created_at: Date } | null;
}

/** Per shot of an episode (or of the shots given): open and all threads, a revision, and the latest note or reply. */
export async function summarizeEpisodeNotes(db: Database, episodeId: string, shotIds?: readonly string[]): Promise<Map<string, ShotNoteSummary>> {
  if (shotIds?.length === 0) return new Map();
  const counts = await db
    .selectFrom('take_notes')
    .select([
      'shot_id',
      sql<number>`count(*) FILTER (WHERE parent_id IS NULL AND deleted_at IS NULL AND resolved_at IS NULL)::int`.as('open'),
      sql<number>`count(*) FILTER (WHERE parent_id IS NULL AND deleted_at IS NULL)::int`.as('total'),
      sql<string>`count(*)::text || '@' || (extract(epoch FROM max(updated_at)) * 1000000)::bigint::text`.as('revision'),
    ])
    .where('episode_id', '=', episodeId)
    .$if(shotIds !== undefined, (query) => query.where('shot_id', 'in', shotIds!))
    .groupBy('shot_id')
    .execute();
  const latest = await db
    .selectFrom('take_notes as n')
    .innerJoin('video_segments as s', 's.id', 'n.segment_id')
    .distinctOn('n.shot_id')
    .select(['n.shot_id', 'n.id', 'n.author_name', 'n.author_color', 'n.body', 'n.frame_in', 'n.created_at', 's.version'])
    .where('n.episode_id', '=', episodeId)
    .$if(shotIds !== undefined, (query) => query.where('n.shot_id', 'in', shotIds!))
    .where('n.deleted_at', 'is', null)
    .orderBy('n.shot_id')
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
  const latestOf = new Map(latest.map((row) => [row.shot_id, row]));
  return new Map(
    counts.map((row) => {
      const last = latestOf.get(row.shot_id);
      return [
        row.shot_id,
        {
          shot_id: row.shot_id,
          open: Number(row.open),
          total: Number(row.total),
          revision: row.revision,
          latest: last
            ? { id: last.id, author: last.author_name, color: last.author_color, text: last.body, frame_in: last.frame_in, version: last.version, created_at: last.created_at }
            : null,
        },
      ];
    }),
  );
}

/** Members of an episode who can be mentioned, by name. */
export async function listMentionable(db: Database, episodeId: string): Promise<{ id: string; name: string }[]> {
  const rows = await db
    .selectFrom('episode_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.email'])
    .where('m.episode_id', '=', episodeId)
    .orderBy('u.display_name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.display_name || row.email }));
}

/** Names of the given accounts, for the mentions of notes. */
export async function namesOfUsers(db: Database, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name', 'email']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.display_name || row.email]));
}

export async function storeTimecodeStart(trx: Database, episodeId: string, startFrame: number): Promise<void> {
  await trx.updateTable('episodes').set({ timecode_start_frame: startFrame }).where('id', '=', episodeId).execute();
}

/** The accounts that wrote in a thread (its first note and its replies), deleted notes left out. */
export async function listThreadParticipants(db: Database, threadId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('take_notes')
    .select('author_user_id')
    .distinct()
    .where((eb) => eb.or([eb('id', '=', threadId), eb('parent_id', '=', threadId)]))
    .where('deleted_at', 'is', null)
    .where('author_user_id', 'is not', null)
    .execute();
  return rows.map((row) => row.author_user_id!);
}
