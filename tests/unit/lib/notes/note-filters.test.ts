import { describe, expect, it } from 'vitest';
import type { NoteDto } from '../../../../src/lib/api/notes.schema.ts';
import { threadPasses } from '../../../../src/lib/notes/note-filters.ts';

const ME = '00000000-0000-4000-8000-000000000001';

/** A note by Ana (or by the caller with `mine`), open, on frame 12. */
function note(change: Partial<NoteDto> & { mine?: boolean } = {}): NoteDto {
  const { mine = false, ...rest } = change;
  return {
    id: 'n',
    episode_id: 'e',
    segment_id: 's',
    shot_id: 'sh',
    version: 1,
    parent_id: null,
    author: { key: mine ? ME : 'ana', name: mine ? 'Me' : 'Ana', color: '#e11d48', is_me: mine },
    text: 'darker sky',
    frame_in: 12,
    frame_out: 12,
    drawing: null,
    mentions: [],
    resolved: false,
    resolved_at: null,
    resolved_by: null,
    deleted: false,
    edited_at: null,
    created_at: '2026-12-04T07:00:00.000Z',
    addressed_in_version: null,
    can: { edit: mine, delete: mine, resolve: true, reply: true },
    replies: [],
    ...rest,
  };
}

describe('threadPasses', () => {
  it('open and resolved by the thread’s first note; a deleted thread is neither', () => {
    expect(threadPasses(note(), 'open', ME)).toBe(true);
    expect(threadPasses(note(), 'resolved', ME)).toBe(false);
    expect(threadPasses(note({ resolved: true }), 'resolved', ME)).toBe(true);
    expect(threadPasses(note({ resolved: true }), 'open', ME)).toBe(false);
    expect(threadPasses(note({ deleted: true }), 'open', ME)).toBe(false);
    expect(threadPasses(note({ deleted: true }), 'resolved', ME)).toBe(false);
    // A deleted thread stays under All while a reply is left in it, and is gone when nothing is.
    expect(threadPasses(note({ deleted: true, replies: [note({ id: 'r' })] }), 'all', ME)).toBe(true);
    expect(threadPasses(note({ deleted: true }), 'all', ME)).toBe(false);
    expect(threadPasses(note({ deleted: true, replies: [note({ id: 'r', deleted: true })] }), 'all', ME)).toBe(false);
  });

  it('mine when I wrote the note or a reply that is not deleted', () => {
    expect(threadPasses(note(), 'mine', ME)).toBe(false);
    expect(threadPasses(note({ mine: true }), 'mine', ME)).toBe(true);
    expect(threadPasses(note({ replies: [note({ mine: true })] }), 'mine', ME)).toBe(true);
    expect(threadPasses(note({ replies: [note({ mine: true, deleted: true })] }), 'mine', ME)).toBe(false);
  });

  it('mentions when a note or reply names me; never for someone without an account', () => {
    const named = { mentions: [{ id: ME, name: 'Me' }] };
    expect(threadPasses(note(named), 'mentions', ME)).toBe(true);
    expect(threadPasses(note({ replies: [note(named)] }), 'mentions', ME)).toBe(true);
    expect(threadPasses(note(), 'mentions', ME)).toBe(false);
    expect(threadPasses(note(named), 'mentions', null)).toBe(false);
  });
});
