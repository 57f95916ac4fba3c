/**
 * The filters above a shot's threads, applied on the page to the threads it has (so every tab
 * can show its count) and by GET /segments/:id/notes?filter= on the server: one rule for both.
 */
import type { NoteDto, NoteFilter } from '../api/notes.schema.ts';

/** The tabs above the threads: everything, or one of the API's filters. */
export type ThreadFilter = 'all' | NoteFilter;
export const THREAD_FILTERS: readonly ThreadFilter[] = ['all', 'open', 'resolved', 'mine', 'mentions'];

/** Whether a thread passes `filter` for the person `meId` (as GET /segments/:id/notes?filter= does). */
export function threadPasses(thread: NoteDto, filter: ThreadFilter, meId: string | null): boolean {
  const notes = [thread, ...thread.replies].filter((note) => !note.deleted);
  // A deleted note with nothing left under it is gone from every tab (its history stays on the server).
  if (notes.length === 0) return false;
  switch (filter) {
    case 'all':
      return true;
    case 'open':
      return !thread.deleted && !thread.resolved;
    case 'resolved':
      return !thread.deleted && thread.resolved;
    case 'mine':
      return notes.some((note) => note.author.is_me);
    case 'mentions':
      return meId !== null && notes.some((note) => note.mentions.some((person) => person.id === meId));
  }
}

