/**
 * Request schemas and answers of frame notes: notes anchored to a frame or a frame range of a take,
 * with an optional drawing in vector form, threads of replies, and the episode's timecode start.
 * Frames are integers at the take's fps; coordinates are relative to the picture (0..1 on both
 * axes), so a drawing fits any player size. Shared by the server and the pages.
 */
import { z } from 'zod';
import type { TakeParams } from '../take-changes.ts';
import type { GenerationChanges } from './segments.schema.ts';

/** Longest note text, in characters. */
export const MAX_NOTE_CHARS = 4000;
/** Largest drawing, serialized as JSON. */
export const MAX_DRAWING_BYTES = 256 * 1024;
/** Shapes may stick out of the picture a little (a stroke that overshoots an edge). */
const COORD_MIN = -0.25;
const COORD_MAX = 1.25;

const coord = z.number().finite().min(COORD_MIN).max(COORD_MAX);
const point = z.tuple([coord, coord]);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour such as #e11d48');
const strokeWidth = z.number().finite().positive().max(0.1);
const extent = z.number().finite().min(0).max(COORD_MAX - COORD_MIN);

export const drawingShape = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('freehand'), color, width: strokeWidth, points: z.array(point).min(2).max(5000) }),
  z.strictObject({ kind: z.literal('arrow'), color, width: strokeWidth, from: point, to: point }),
  z.strictObject({ kind: z.literal('rect'), color, width: strokeWidth, x: coord, y: coord, w: extent, h: extent }),
  z.strictObject({ kind: z.literal('ellipse'), color, width: strokeWidth, cx: coord, cy: coord, rx: extent, ry: extent }),
  z.strictObject({ kind: z.literal('text'), color, x: coord, y: coord, text: z.string().min(1).max(500), size: z.number().finite().positive().max(0.5) }),
]);

/** A drawing on one frame: 1..200 shapes. Its serialized size is checked apart (413 drawing_too_large). */
export const noteDrawing = z.strictObject({ shapes: z.array(drawingShape).min(1).max(200) });
export type NoteDrawing = z.infer<typeof noteDrawing>;

/** The drawing's size as stored, to refuse one over MAX_DRAWING_BYTES. */
export function drawingBytes(drawing: unknown): number {
  return new TextEncoder().encode(JSON.stringify(drawing)).length;
}

const frame = z.number().int().min(0);
const noteText = z.string().max(MAX_NOTE_CHARS);
const mentions = z.array(z.uuid()).max(50).default([]);

/** POST /segments/:id/notes. frame_out defaults to frame_in; neither means the whole take. */
export const createNoteBody = z
  .strictObject({ text: noteText.default(''), frame_in: frame.optional(), frame_out: frame.optional(), drawing: noteDrawing.optional(), mentions })
  .refine((body) => body.text.trim() !== '' || body.drawing !== undefined, { message: 'write a text or draw on the frame', path: ['text'] });
export type CreateNoteBody = z.infer<typeof createNoteBody>;

/** POST /notes/:id/replies */
export const replyNoteBody = z.strictObject({ text: noteText.refine((text) => text.trim() !== '', 'write a reply'), mentions });
export type ReplyNoteBody = z.infer<typeof replyNoteBody>;

/** PATCH /notes/:id */
export const editNoteBody = z
  .strictObject({ text: noteText.optional(), drawing: noteDrawing.nullable().optional() })
  .refine((body) => body.text !== undefined || body.drawing !== undefined, { message: 'change the text or the drawing', path: ['text'] });
export type EditNoteBody = z.infer<typeof editNoteBody>;

export const NOTE_FILTERS = ['open', 'resolved', 'mine', 'mentions'] as const;
export type NoteFilter = (typeof NOTE_FILTERS)[number];

/** PUT /episodes/:id/timecode: a start frame, or a timecode read at the episode's fps. */
export const timecodeBody = z.union([
  z.strictObject({ start_frame: z.number().int().min(0).max(24 * 3600 * 120) }),
  z.strictObject({ start: z.string().regex(/^\d{1,2}:\d{2}:\d{2}[:;]\d{2}$/, 'a timecode HH:MM:SS:FF') }),
]);
export type TimecodeBody = z.infer<typeof timecodeBody>;

/** POST /segments/:id/notes/proposal: open threads of the shot, or a free text (the reject form's suggested changes). */
export const noteProposalBody = z.union([
  z.strictObject({ note_ids: z.array(z.uuid()).min(1).max(50) }),
  z.strictObject({ text: z.string().trim().min(1, 'write what should change').max(MAX_NOTE_CHARS) }),
]);
export type NoteProposalBody = z.infer<typeof noteProposalBody>;

/** The next take's parameters proposed from notes: an editable diff against the current take's. */
export interface NoteProposalDto {
  source: 'rules' | 'model';
  current: TakeParams;
  proposed: TakeParams;
  /** The change set to send as `changes` to POST /segments/:id/regenerate (with `answers_notes`). */
  changes: Partial<GenerationChanges>;
  reasons: { note_id: string; applied: string[] }[];
  /** The threads the proposal answers. */
  note_ids: string[];
  /** Why the model's answer was not used, when the rules answered instead. */
  model_error: string | null;
}

/** One note or reply as the API shows it. A deleted note keeps its place with text "". */
export interface NoteDto {
  id: string;
  episode_id: string;
  segment_id: string;
  shot_id: string;
  /** The take version the note was made on. */
  version: number;
  parent_id: string | null;
  author: { key: string; name: string; color: string; is_me: boolean };
  text: string;
  frame_in: number | null;
  frame_out: number | null;
  drawing: NoteDrawing | null;
  mentions: { id: string; name: string }[];
  resolved: boolean;
  resolved_at: string | null;
  resolved_by: string | null;
  deleted: boolean;
  edited_at: string | null;
  created_at: string;
  addressed_in_version: number | null;
  can: { edit: boolean; delete: boolean; resolve: boolean; reply: boolean };
  /** Only on a thread's first note, oldest first. */
  replies: NoteDto[];
}

/** GET /segments/:id/notes */
export interface NoteListDto {
  notes: NoteDto[];
  timecode_start_frame: number;
  fps: number;
}

/** GET /notes/:id/history */
export interface NoteHistoryDto {
  edits: { text: string; drawing: NoteDrawing | null; edited_at: string; edited_by: string }[];
}

/** GET /episodes/:id/mentionable */
export interface MentionableDto {
  people: { id: string; name: string }[];
}
