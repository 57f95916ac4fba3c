/**
 * The note and drawing schemas shared by the server and the pages: what they accept and refuse,
 * with every expected verdict written out by hand from the notes contract.
 */
import { describe, expect, it } from 'vitest';
import {
  createNoteBody,
  drawingBytes,
  editNoteBody,
  MAX_DRAWING_BYTES,
  MAX_NOTE_CHARS,
  NOTE_FILTERS,
  noteDrawing,
  noteProposalBody,
  replyNoteBody,
  timecodeBody,
  type CreateNoteBody,
  type EditNoteBody,
  type MentionableDto,
  type NoteDrawing,
  type NoteDto,
  type NoteFilter,
  type NoteHistoryDto,
  type NoteListDto,
  type NoteProposalBody,
  type ReplyNoteBody,
  type TimecodeBody,
} from '../../../src/lib/api/notes.schema.ts';

const ARROW: NoteDrawing = { shapes: [{ kind: 'arrow', color: '#e11d48', width: 0.004, from: [0.1, 0.2], to: [0.5, 0.6] }] };

describe('note schemas', () => {
  it('accepts every shape kind with relative coordinates, a little outside the picture too', () => {
    const drawing = {
      shapes: [
        { kind: 'freehand', color: '#e11d48', width: 0.004, points: [[0, 0], [1.2, -0.2]] },
        ARROW.shapes[0],
        { kind: 'rect', color: '#00ff00', width: 0.01, x: 0.1, y: 0.1, w: 0.3, h: 0.2 },
        { kind: 'ellipse', color: '#0000ff', width: 0.01, cx: 0.5, cy: 0.5, rx: 0.1, ry: 0.2 },
        { kind: 'text', color: '#ffffff', x: 0.2, y: 0.8, text: 'softer', size: 0.04 },
      ],
    };
    expect(noteDrawing.safeParse(drawing).success).toBe(true);
  });

  it('refuses non-finite or far-out coordinates, unknown kinds and empty drawings', () => {
    const arrow = (to: [number, number]) => ({ shapes: [{ kind: 'arrow', color: '#e11d48', width: 0.004, from: [0.1, 0.2], to }] });
    expect(noteDrawing.safeParse(arrow([Number.NaN, 0.5])).success).toBe(false);
    expect(noteDrawing.safeParse(arrow([Number.POSITIVE_INFINITY, 0.5])).success).toBe(false);
    expect(noteDrawing.safeParse(arrow([1.3, 0.5])).success).toBe(false);
    expect(noteDrawing.safeParse(arrow([-0.26, 0.5])).success).toBe(false);
    expect(noteDrawing.safeParse({ shapes: [{ kind: 'star', color: '#e11d48' }] }).success).toBe(false);
    expect(noteDrawing.safeParse({ shapes: [] }).success).toBe(false);
    expect(noteDrawing.safeParse({ shapes: [{ kind: 'freehand', color: '#e11d48', width: 0.004, points: [[0, 0]] }] }).success).toBe(false);
  });

  it('measures a drawing as its JSON bytes against the 256 KiB limit', () => {
    expect(MAX_DRAWING_BYTES).toBe(262144);
    expect(drawingBytes({ shapes: [] })).toBe('{"shapes":[]}'.length);
  });

  it('needs a text or a drawing on a note; whole-take notes have no frames', () => {
    const textOnly: CreateNoteBody = createNoteBody.parse({ text: 'too dark' });
    expect(textOnly).toEqual({ text: 'too dark', mentions: [] });
    expect(createNoteBody.parse({ drawing: ARROW, frame_in: 37 })).toEqual({ text: '', drawing: ARROW, frame_in: 37, mentions: [] });
    expect(createNoteBody.safeParse({ text: '   ' }).success).toBe(false);
    expect(createNoteBody.safeParse({ text: 'x', frame_in: 1.5 }).success).toBe(false);
    expect(createNoteBody.safeParse({ text: 'x', frame_in: -1 }).success).toBe(false);
    expect(createNoteBody.safeParse({ text: 'x'.repeat(MAX_NOTE_CHARS + 1) }).success).toBe(false);
    expect(createNoteBody.safeParse({ text: 'x', mentions: ['not-a-uuid'] }).success).toBe(false);
  });

  it('reads replies, edits, timecode starts and proposal bodies', () => {
    const reply: ReplyNoteBody = replyNoteBody.parse({ text: 'agreed' });
    expect(reply).toEqual({ text: 'agreed', mentions: [] });
    expect(replyNoteBody.safeParse({ text: '' }).success).toBe(false);
    const edit: EditNoteBody = editNoteBody.parse({ drawing: null });
    expect(edit).toEqual({ drawing: null });
    expect(editNoteBody.safeParse({}).success).toBe(false);
    const start: TimecodeBody = timecodeBody.parse({ start: '01:00:00:00' });
    expect(start).toEqual({ start: '01:00:00:00' });
    expect(timecodeBody.parse({ start_frame: 1001 })).toEqual({ start_frame: 1001 });
    expect(timecodeBody.safeParse({ start_frame: -1 }).success).toBe(false);
    expect(timecodeBody.safeParse({ start: '1:00' }).success).toBe(false);
    const proposal: NoteProposalBody = noteProposalBody.parse({ note_ids: ['00000000-0000-4000-8000-000000000001'] });
    expect(proposal).toEqual({ note_ids: ['00000000-0000-4000-8000-000000000001'] });
    expect(noteProposalBody.safeParse({ note_ids: [] }).success).toBe(false);
    expect(noteProposalBody.parse({ text: ' warmer light ' })).toEqual({ text: 'warmer light' });
    expect(noteProposalBody.safeParse({ text: '  ' }).success).toBe(false);
    expect(noteProposalBody.safeParse({ note_ids: ['00000000-0000-4000-8000-000000000001'], text: 'both' }).success).toBe(false);
    const filters: readonly NoteFilter[] = NOTE_FILTERS;
    expect(filters).toEqual(['open', 'resolved', 'mine', 'mentions']);
  });

  it('describes the answers the pages read', () => {
    const note: NoteDto = {
      id: 'n', episode_id: 'e', segment_id: 's', shot_id: 'h', version: 1, parent_id: null,
      author: { key: 'u', name: 'Ana', color: '#e11d48', is_me: true }, text: 'x', frame_in: 37, frame_out: 37, drawing: ARROW,
      mentions: [], resolved: false, resolved_at: null, resolved_by: null, deleted: false, edited_at: null, created_at: '2026-12-04T00:00:00Z',
      addressed_in_version: null, can: { edit: true, delete: true, resolve: true, reply: true }, replies: [],
    };
    const list: NoteListDto = { notes: [note], timecode_start_frame: 0, fps: 24 };
    const history: NoteHistoryDto = { edits: [] };
    const people: MentionableDto = { people: [] };
    expect([list.notes.length, history.edits.length, people.people.length]).toEqual([1, 0, 0]);
  });
});
