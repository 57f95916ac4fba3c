/**
 * Frame notes on takes: writing one (anchored to a frame, a frame range or the whole take, with an
 * optional drawing), replying, editing and deleting one's own (every earlier text kept), resolving
 * and reopening threads, and the episode's timecode start. Every change runs under the episode's
 * lock, is audited, and reaches the live document through the table's notify trigger.
 */
import { noteActivity } from './activity.ts';
import type { Transaction } from 'kysely';
import { drawingBytes, MAX_DRAWING_BYTES, type CreateNoteBody, type EditNoteBody, type ReplyNoteBody, type TimecodeBody } from '../../src/lib/api/notes.schema.ts';
import { parseTimecode } from '../../src/lib/domain/timecode.ts';
import { presenceColour } from '../../src/lib/live/presence.ts';
import { insertAuditEvent } from '../db/queries/audit.queries.ts';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { listMentionable, editNote, findNote, findNotes, insertNote, type NoteRow, setNoteResolved, storeTimecodeStart } from '../db/queries/note.queries.ts';
import { findSegment } from '../db/queries/segment.queries.ts';
import type { DB, TakeNote, VideoSegment } from '../db/schema.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { reviewerKey } from './review-records.ts';
import type { Actor, Services } from './services.ts';
import { noteData, recordWebhookEvent } from './webhook-events.ts';

/** How many whole frames a take has at the episode's frame rate (frames are numbered from 0). */
export function frameCountOf(duration: number, fps: number): number {
  return Math.max(1, Math.round(duration * fps));
}

const unprocessable = (code: string, message: string, details?: unknown) => new AppError(code, message, { status: 422, details });

/** The anchor of a new note, checked against the take: both frames null for the whole take. */
function checkedRange(body: Pick<CreateNoteBody, 'frame_in' | 'frame_out'>, segment: VideoSegment, fps: number): { frameIn: number | null; frameOut: number | null } {
  if (body.frame_in === undefined) {
    if (body.frame_out !== undefined) throw unprocessable('invalid_frame_range', 'A range needs its first frame (frame_in) as well as its last.', { frame_out: body.frame_out });
    return { frameIn: null, frameOut: null };
  }
  const frameIn = body.frame_in;
  const frameOut = body.frame_out ?? frameIn;
  if (frameOut < frameIn) {
    throw unprocessable('invalid_frame_range', `The range ends (frame ${frameOut}) before it starts (frame ${frameIn}).`, { frame_in: frameIn, frame_out: frameOut });
  }
  const frames = frameCountOf(Number(segment.duration ?? 0), fps);
  if (frameOut >= frames) {
    throw unprocessable('frame_out_of_range', `Version ${segment.version} of shot ${segment.segment_number} has frames 0 to ${frames - 1} at ${fps} fps; frame ${frameOut} is outside it.`, {
      frame_in: frameIn,
      frame_out: frameOut,
      last_frame: frames - 1,
      fps,
    });
  }
  return { frameIn, frameOut };
}

function checkedDrawing(drawing: CreateNoteBody['drawing'] | null): Record<string, unknown> | null {
  if (!drawing) return null;
  const bytes = drawingBytes(drawing);
  if (bytes > MAX_DRAWING_BYTES) {
    throw new AppError('drawing_too_large', `The drawing is ${Math.ceil(bytes / 1024)} KiB; a drawing may be at most ${MAX_DRAWING_BYTES / 1024} KiB. Draw fewer or simpler strokes.`, {
      status: 413,
      details: { bytes, max_bytes: MAX_DRAWING_BYTES },
    });
  }
  return drawing as Record<string, unknown>;
}

/** Mentions must name members of the episode; the same person once. */
async function checkedMentions(trx: Transaction<DB>, episodeId: string, mentions: readonly string[]): Promise<string[]> {
  const unique = [...new Set(mentions)];
  if (unique.length === 0) return [];
  const members = new Set((await listMentionable(trx, episodeId)).map((person) => person.id));
  const strangers = unique.filter((id) => !members.has(id));
  if (strangers.length > 0) {
    throw unprocessable('mention_not_member', `${strangers.length === 1 ? 'One person mentioned is' : `${strangers.length} people mentioned are`} not on this episode; only its members can be mentioned.`, {
      not_members: strangers,
    });
  }
  return unique;
}

async function audit(trx: Transaction<DB>, actor: Actor, action: string, note: Pick<TakeNote, 'id' | 'episode_id' | 'segment_id'>, details: Record<string, unknown> = {}) {
  await insertAuditEvent(trx, {
    action,
    episode_id: note.episode_id,
    actor_user_id: actor.userId,
    actor_name: actor.name,
    share_link_id: actor.shareLinkId ?? null,
    ip: actor.ip ?? null,
    details: { note_id: note.id, segment_id: note.segment_id, ...details },
  });
}

const authorOf = (actor: Actor) => {
  const key = reviewerKey(actor);
  return { author_key: key, author_user_id: actor.userId, author_name: actor.name, author_color: presenceColour(key) };
};

/** A note on a finished take (current or earlier), at a frame, a range, or on the whole take. */
export async function createNote(services: Services, segmentId: string, actor: Actor, body: CreateNoteBody): Promise<TakeNote> {
  const found = await findSegment(services.db, segmentId);
  if (!found) throw notFound('Segment', segmentId);
  return withEpisodeLock(services.db, found.episode_id, async (trx) => {
    const segment = await findSegment(trx, segmentId);
    if (!segment) throw notFound('Segment', segmentId);
    if (segment.status !== 'completed' || segment.duration === null) {
      throw conflict(`Version ${segment.version} of shot ${segment.segment_number} is not made yet (${segment.status}); notes are written on a finished take.`, {
        segment_id: segment.id,
        status: segment.status,
      });
    }
    const episode = (await findEpisode(trx, segment.episode_id))!;
    const { frameIn, frameOut } = checkedRange(body, segment, Number(episode.fps));
    const drawing = checkedDrawing(body.drawing ?? null);
    const mentions = await checkedMentions(trx, segment.episode_id, body.mentions);
    const note = await insertNote(trx, {
      episode_id: segment.episode_id,
      segment_id: segment.id,
      shot_id: segment.shot_id,
      parent_id: null,
      ...authorOf(actor),
      body: body.text.trim(),
      frame_in: frameIn,
      frame_out: frameOut,
      drawing,
      mentions,
    });
    await audit(trx, actor, 'note.create', note, { version: segment.version, frame_in: frameIn, frame_out: frameOut, drawing: drawing !== null, mentions });
    await recordWebhookEvent(services, trx, { episodeId: note.episode_id, kind: 'note.created', data: noteData(services, note) });
    await noteActivity(services, trx, note, actor, segment);
    return note;
  });
}

/**
 * The open threads of the take's shot that a new take of it may answer; 422 naming those that
 * cannot be (not found on this shot, a reply, deleted or resolved). Call inside the episode's lock.
 */
export async function answerableNotes(trx: Transaction<DB>, take: VideoSegment, noteIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(noteIds)];
  if (unique.length === 0) return [];
  const found = new Map((await findNotes(trx, unique)).map((note) => [note.id, note]));
  const refused = unique.flatMap((id) => {
    const note = found.get(id);
    const why =
      !note || note.shot_id !== take.shot_id
        ? `not a note on shot ${take.segment_number}`
        : note.parent_id
          ? 'a reply (choose its thread)'
          : note.deleted_at
            ? 'deleted'
            : note.resolved_at
              ? 'already resolved'
              : null;
    return why ? [{ note_id: id, reason: why }] : [];
  });
  if (refused.length > 0) {
    throw unprocessable('notes_not_answerable', `${refused.length === 1 ? 'One chosen note' : `${refused.length} chosen notes`} cannot be answered by a new take of shot ${take.segment_number}: ${refused.map((r) => r.reason).join('; ')}.`, { refused });
  }
  return unique;
}

/** Runs `work` on a note inside its episode's transaction; 404 when it does not exist. */
async function onNote<T>(services: Services, noteId: string, work: (trx: Transaction<DB>, note: NoteRow) => Promise<T>): Promise<T> {
  const found = await findNote(services.db, noteId);
  if (!found) throw notFound('Note', noteId);
  return withEpisodeLock(services.db, found.episode_id, async (trx) => {
    const note = await findNote(trx, noteId);
    if (!note) throw notFound('Note', noteId);
    return work(trx, note);
  });
}

const goneNote = (note: TakeNote) => conflict('This note was deleted; it can no longer be changed or answered.', { note_id: note.id, deleted_at: note.deleted_at });

/** A reply in a thread (a reply to a reply joins the same thread). */
export async function replyToNote(services: Services, noteId: string, actor: Actor, body: ReplyNoteBody): Promise<TakeNote> {
  return onNote(services, noteId, async (trx, target) => {
    const root = target.parent_id ? await findNote(trx, target.parent_id) : target;
    if (!root) throw notFound('Note', target.parent_id!);
    if (root.deleted_at) throw goneNote(root);
    const mentions = await checkedMentions(trx, root.episode_id, body.mentions);
    const reply = await insertNote(trx, {
      episode_id: root.episode_id,
      segment_id: root.segment_id,
      shot_id: root.shot_id,
      parent_id: root.id,
      ...authorOf(actor),
      body: body.text.trim(),
      frame_in: null,
      frame_out: null,
      drawing: null,
      mentions,
    });
    await audit(trx, actor, 'note.reply', reply, { thread_id: root.id, mentions });
    await recordWebhookEvent(services, trx, { episodeId: reply.episode_id, kind: 'note.created', data: noteData(services, reply) });
    const take = await findSegment(trx, root.segment_id);
    await noteActivity(services, trx, reply, actor, take ?? { version: 0, segment_number: 0 });
    return reply;
  });
}

function assertAuthor(note: TakeNote, actor: Actor, what: string) {
  if (note.author_key !== reviewerKey(actor)) {
    throw new AppError('not_author', `Only ${note.author_name}, who wrote this note, can ${what} it.`, { status: 403, details: { note_id: note.id } });
  }
}

/** Changes the text or drawing of one's own note; the earlier text and drawing stay in its history. */
export async function editOwnNote(services: Services, noteId: string, actor: Actor, body: EditNoteBody): Promise<void> {
  await onNote(services, noteId, async (trx, note) => {
    assertAuthor(note, actor, 'edit');
    if (note.deleted_at) throw goneNote(note);
    const text = body.text?.trim();
    if (note.parent_id && body.drawing) throw unprocessable('reply_drawing', 'A reply has no frame of its own to draw on; draw on the thread’s first note.');
    const drawing = body.drawing === undefined ? undefined : checkedDrawing(body.drawing);
    const nextText = text ?? note.body;
    const nextDrawing = drawing === undefined ? note.drawing : drawing;
    if (nextText === '' && nextDrawing === null) throw unprocessable('empty_note', 'A note needs a text or a drawing; to remove it, delete it.');
    await editNote(trx, note, actor.name, { ...(text !== undefined && { body: text }), ...(drawing !== undefined && { drawing }) });
    await audit(trx, actor, 'note.edit', note, { text_changed: text !== undefined && text !== note.body, drawing_changed: drawing !== undefined });
  });
}

/** Deletes one's own note: it keeps its place in the thread, empty; what it said stays in its history. */
export async function deleteOwnNote(services: Services, noteId: string, actor: Actor): Promise<void> {
  await onNote(services, noteId, async (trx, note) => {
    assertAuthor(note, actor, 'delete');
    if (note.deleted_at) return;
    await editNote(trx, note, actor.name, { body: '', drawing: null, deleted: true });
    await audit(trx, actor, 'note.delete', note);
  });
}

/** Resolves (or reopens) a thread; replies are resolved with their thread. */
export async function setThreadResolved(services: Services, noteId: string, actor: Actor, resolved: boolean): Promise<void> {
  await onNote(services, noteId, async (trx, note) => {
    if (note.parent_id) throw unprocessable('not_a_thread', `A reply is ${resolved ? 'resolved' : 'reopened'} with its thread: ${resolved ? 'resolve' : 'reopen'} the thread's first note.`, { thread_id: note.parent_id });
    if (note.deleted_at) throw goneNote(note);
    if ((note.resolved_at !== null) === resolved) return;
    await setNoteResolved(trx, note.id, resolved ? actor.name : null);
    await audit(trx, actor, resolved ? 'note.resolve' : 'note.reopen', note);
  });
}

/** Sets the frame the episode's timecode starts at, as a frame or as a timecode at the episode's fps. */
export async function setTimecodeStart(services: Services, episodeId: string, actor: Actor, body: TimecodeBody): Promise<number> {
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    const episode = (await findEpisode(trx, episodeId))!;
    const fps = Number(episode.fps);
    let startFrame: number;
    if ('start_frame' in body) startFrame = body.start_frame;
    else {
      try {
        startFrame = parseTimecode(body.start, fps);
      } catch (error) {
        throw unprocessable('invalid_timecode', `${(error as Error).message} (at ${fps} fps)`, { start: body.start, fps });
      }
    }
    await storeTimecodeStart(trx, episodeId, startFrame);
    await insertAuditEvent(trx, {
      action: 'episode.timecode',
      episode_id: episodeId,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      share_link_id: actor.shareLinkId ?? null,
      ip: actor.ip ?? null,
      details: { start_frame: startFrame },
    });
    return startFrame;
  });
}
