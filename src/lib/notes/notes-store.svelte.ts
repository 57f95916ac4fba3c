/**
 * The note threads of the shot a review page shows (every take of it), kept fresh by the live
 * document: the shot's `notes.revision` changes whenever any of its notes changes, and the store
 * fetches the threads again then, never on a timer. A note written here shows at once and is
 * swapped for the server's answer when it comes (or taken back, if the server refuses it).
 */
import type { CreateNoteBody, NoteDto, NoteFilter } from '../api/notes.schema.ts';
import { apiClient } from '../services/api.ts';

/** The tabs above the threads: everything, or one of the API's filters. */
export type ThreadFilter = 'all' | NoteFilter;
export const THREAD_FILTERS: readonly ThreadFilter[] = ['all', 'open', 'resolved', 'mine', 'mentions'];

/** Whether a thread passes `filter` for the person `meId` (as GET /segments/:id/notes?filter= does). */
export function threadPasses(thread: NoteDto, filter: ThreadFilter, meId: string | null): boolean {
  const notes = [thread, ...thread.replies].filter((note) => !note.deleted);
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

/** What the page needs to know of itself to show a note it has just written. */
export interface NoteAuthor {
  name: string;
  key: string;
  version: number;
  episodeId: string;
  shotId: string;
}

export class NotesStore {
  /** Threads, oldest first; notes being sent carry an id starting with "pending:". */
  threads = $state<NoteDto[]>([]);
  fps = $state(24);
  timecodeStartFrame = $state(0);
  loaded = $state(false);
  /** Why the threads could not be fetched, in words ('' when they were). */
  error = $state('');
  filter = $state<ThreadFilter>('all');
  readonly #api = apiClient(fetch);
  readonly #segmentId: () => string;
  readonly #meId: () => string | null;
  // Answers of older fetches are dropped: only the newest request may set the threads.
  #request = 0;
  #pending = 0;

  /**
   * Construct during a component's initialisation: it fetches for `segmentId` and again whenever
   * `revision` (the live slot's notes.revision) changes.
   */
  constructor(segmentId: () => string, revision: () => string | undefined, meId: () => string | null) {
    this.#segmentId = segmentId;
    this.#meId = meId;
    // A primitive: the live slot is a new object at every change of the document (a rating, a
    // progress tick), and only a change of the notes' revision or of the take may fetch again.
    const key = $derived(`${segmentId()} ${revision() ?? ''}`);
    $effect(() => {
      void key;
      void this.refresh();
    });
  }

  /** The threads the chosen tab shows. */
  get shown(): NoteDto[] {
    return this.threads.filter((thread) => threadPasses(thread, this.filter, this.#meId()));
  }

  /** How many threads each tab would show. */
  get counts(): Record<ThreadFilter, number> {
    const me = this.#meId();
    return Object.fromEntries(THREAD_FILTERS.map((filter) => [filter, this.threads.filter((thread) => threadPasses(thread, filter, me)).length])) as Record<ThreadFilter, number>;
  }

  /** Fetches the threads again, keeping notes still being sent. */
  async refresh(): Promise<void> {
    const request = ++this.#request;
    try {
      const list = await this.#api.notes.list(this.#segmentId());
      if (request !== this.#request) return;
      const pending = this.threads.filter((thread) => thread.id.startsWith('pending:'));
      this.threads = [...list.notes, ...pending];
      this.fps = list.fps;
      this.timecodeStartFrame = list.timecode_start_frame;
      this.error = '';
      this.loaded = true;
    } catch (cause) {
      if (request === this.#request) this.error = (cause as Error).message;
    }
  }

  /** Puts the thread the API answered with in place of the one with its id (or adds it). */
  #settle(thread: NoteDto, replacing = thread.id): void {
    const index = this.threads.findIndex((candidate) => candidate.id === replacing || candidate.id === thread.id);
    if (index < 0) this.threads = [...this.threads, thread];
    else this.threads = [...this.threads.slice(0, index), thread, ...this.threads.slice(index + 1).filter((candidate) => candidate.id !== thread.id)];
  }

  /**
   * Writes a note on the page's take: shown at once as the author's, then as the server has it.
   * Throws the API's error (the note is taken back) for the form to show.
   */
  async add(body: CreateNoteBody, author: NoteAuthor, mentions: { id: string; name: string }[]): Promise<NoteDto> {
    const id = `pending:${++this.#pending}`;
    const shown: NoteDto = {
      id,
      episode_id: author.episodeId,
      segment_id: this.#segmentId(),
      shot_id: author.shotId,
      version: author.version,
      parent_id: null,
      author: { key: author.key, name: author.name, color: '#9aa3b5', is_me: true },
      text: body.text,
      frame_in: body.frame_in ?? null,
      frame_out: body.frame_out ?? body.frame_in ?? null,
      drawing: body.drawing ?? null,
      mentions,
      resolved: false,
      resolved_at: null,
      resolved_by: null,
      deleted: false,
      edited_at: null,
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, never changed
      created_at: new Date().toISOString(),
      addressed_in_version: null,
      can: { edit: false, delete: false, resolve: false, reply: false },
      replies: [],
    };
    this.threads = [...this.threads, shown];
    try {
      const saved = await this.#api.notes.create(this.#segmentId(), body);
      this.#settle(saved, id);
      return saved;
    } catch (cause) {
      this.threads = this.threads.filter((thread) => thread.id !== id);
      throw cause;
    }
  }

  /** Runs a call that answers with a thread, and shows that thread. */
  async #act(call: Promise<NoteDto>): Promise<void> {
    this.#settle(await call);
  }

  reply(threadId: string, text: string, mentions: string[]): Promise<void> {
    return this.#act(this.#api.notes.reply(threadId, { text, mentions }));
  }

  edit(noteId: string, text: string): Promise<void> {
    return this.#act(this.#api.notes.edit(noteId, { text }));
  }

  remove(noteId: string): Promise<void> {
    return this.#act(this.#api.notes.remove(noteId));
  }

  setResolved(threadId: string, resolved: boolean): Promise<void> {
    return this.#act(resolved ? this.#api.notes.resolve(threadId) : this.#api.notes.reopen(threadId));
  }
}
