/**
 * Frame notes: /api/v1/segments/{id}/notes (the threads of every take of the shot, and a new
 * note on this take), /api/v1/notes/{id} (replies, edits, deletion, resolving, history), and the
 * episode's people to mention and timecode start.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { createNoteBody, editNoteBody, NOTE_FILTERS, noteProposalBody, type NoteFilter, type NoteListDto, replyNoteBody, timecodeBody } from '../../../src/lib/api/notes.schema.ts';
import { proposeForTake } from '../../commands/note-proposal.ts';
import { reviewerKey } from '../../commands/review-records.ts';
import { createNote, deleteOwnNote, editOwnNote, replyToNote, setThreadResolved, setTimecodeStart } from '../../commands/take-notes.ts';
import { findEpisode } from '../../db/queries/episode.queries.ts';
import { findNote, listMentionable, listNoteEdits, listShotNotes, namesOfUsers, type NoteRow } from '../../db/queries/note.queries.ts';
import { findSegment } from '../../db/queries/segment.queries.ts';
import { notFound } from '../../errors.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { type NoteViewer, presentHistory, presentThreads } from '../presenters/note.presenter.ts';
import { threadPasses } from '../../../src/lib/notes/note-filters.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

const listQuery = z.strictObject({ filter: z.enum(NOTE_FILTERS).optional() });

export function notesRoutes({ services }: RouteDeps) {
  const { db } = services;

  const viewerOf = async (c: Context<AppEnv>, rows: readonly NoteRow[]): Promise<NoteViewer> => ({
    key: reviewerKey(c.get('actor')),
    role: c.get('role'),
    names: await namesOfUsers(db, [...new Set(rows.flatMap((row) => row.mentions))]),
  });

  /** The threads of a shot as the caller sees them, filtered by the pages' own rules. */
  const shotThreads = async (c: Context<AppEnv>, shotId: string, episodeId: string, filter?: NoteFilter): Promise<NoteListDto> => {
    const [rows, episode] = await Promise.all([listShotNotes(db, shotId), findEpisode(db, episodeId)]);
    const threads = presentThreads(rows, await viewerOf(c, rows));
    return {
      notes: filter ? threads.filter((thread) => threadPasses(thread, filter, c.get('actor').userId)) : threads,
      timecode_start_frame: episode!.timecode_start_frame,
      fps: Number(episode!.fps),
    };
  };

  /** The thread a note belongs to, as the caller sees it. */
  const threadOf = async (c: Context<AppEnv>, noteId: string) => {
    const note = await findNote(db, noteId);
    if (!note) throw notFound('Note', noteId);
    const rootId = note.parent_id ?? note.id;
    const rows = (await listShotNotes(db, note.shot_id)).filter((row) => row.id === rootId || row.parent_id === rootId);
    return presentThreads(rows, await viewerOf(c, rows))[0]!;
  };

  const onSegment = (permission: 'episode.read' | 'segment.review') => ({ kind: 'episode', permission, id: 'segment' }) as const;
  const onNote = (permission: 'episode.read' | 'segment.review') => ({ kind: 'episode', permission, id: 'note' }) as const;
  const onEpisode = (permission: 'members.read' | 'episode.plan') => ({ kind: 'episode', permission, id: 'episode' }) as const;

  const segments = new Hono<AppEnv>()
    .get('/:id/notes', endpoint(db, { rule: onSegment('episode.read'), summary: 'The note threads of every take of this shot (filter: open, resolved, mine, mentions)' }), async (c) => {
      const { filter } = parseWith(listQuery, c.req.query());
      const segment = (await findSegment(db, c.req.param('id')))!;
      return c.json(await shotThreads(c, segment.shot_id, segment.episode_id, filter));
    })
    .post('/:id/notes', endpoint(db, { rule: onSegment('segment.review'), summary: 'A note on this take at a frame, a frame range or the whole take, with an optional drawing', body: createNoteBody, success: 201 }), async (c) => {
      const note = await createNote(services, c.req.param('id'), c.get('actor'), bodyOf(c, createNoteBody));
      return c.json(await threadOf(c, note.id), 201);
    })
    .post('/:id/notes/proposal', endpoint(db, { rule: onSegment('segment.review'), summary: 'Propose the next take’s parameters from open notes of this shot (or a suggested change in words): a diff to edit, nothing stored', body: noteProposalBody }), async (c) =>
      c.json(await proposeForTake(services, c.req.param('id'), bodyOf(c, noteProposalBody), c.req.raw.signal)),
    );

  const notes = new Hono<AppEnv>()
    .post('/:id/replies', endpoint(db, { rule: onNote('segment.review'), summary: 'Reply in a note’s thread', body: replyNoteBody, success: 201 }), async (c) => {
      const reply = await replyToNote(services, c.req.param('id'), c.get('actor'), bodyOf(c, replyNoteBody));
      return c.json(await threadOf(c, reply.id), 201);
    })
    .patch('/:id', endpoint(db, { rule: onNote('segment.review'), summary: 'Edit your own note’s text or drawing (the earlier one is kept)', body: editNoteBody }), async (c) => {
      await editOwnNote(services, c.req.param('id'), c.get('actor'), bodyOf(c, editNoteBody));
      return c.json(await threadOf(c, c.req.param('id')));
    })
    .delete('/:id', endpoint(db, { rule: onNote('segment.review'), summary: 'Delete your own note (its history is kept)' }), async (c) => {
      await deleteOwnNote(services, c.req.param('id'), c.get('actor'));
      return c.json(await threadOf(c, c.req.param('id')));
    })
    .post('/:id/resolve', endpoint(db, { rule: onNote('segment.review'), summary: 'Resolve a thread' }), async (c) => {
      await setThreadResolved(services, c.req.param('id'), c.get('actor'), true);
      return c.json(await threadOf(c, c.req.param('id')));
    })
    .post('/:id/reopen', endpoint(db, { rule: onNote('segment.review'), summary: 'Reopen a resolved thread' }), async (c) => {
      await setThreadResolved(services, c.req.param('id'), c.get('actor'), false);
      return c.json(await threadOf(c, c.req.param('id')));
    })
    .get('/:id/history', endpoint(db, { rule: onNote('episode.read'), summary: 'Earlier texts and drawings of a note' }), async (c) =>
      c.json(presentHistory(await listNoteEdits(db, c.req.param('id')))),
    );

  const episodes = new Hono<AppEnv>()
    .get('/:id/mentionable', endpoint(db, { rule: onEpisode('members.read'), summary: 'People who can be mentioned in notes (the episode’s members)' }), async (c) =>
      c.json({ people: await listMentionable(db, c.get('episodeId')) }),
    )
    .put('/:id/timecode', endpoint(db, { rule: onEpisode('episode.plan'), summary: 'Set the frame (or timecode) the episode’s timecode starts at', body: timecodeBody }), async (c) => {
      const startFrame = await setTimecodeStart(services, c.get('episodeId'), c.get('actor'), bodyOf(c, timecodeBody));
      return c.json({ timecode_start_frame: startFrame });
    });

  return { segments, notes, episodes };
}
