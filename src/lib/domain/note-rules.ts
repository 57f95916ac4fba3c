/**
 * Reviewers' frame notes as the next take's changes, by fixed rules: every note's words are added
 * to the prompt (a ranged note says when: "at 1.0–2.0 s: she should be smiling"), and what a note
 * asks for in so many words also becomes a parameter (note-directives.ts): duration, seed, camera
 * move, style. Pure and offline: the same notes give the same changes, whatever order they come in.
 */
import type { GenerationChanges } from '../api/segments.schema.ts';
import { directivesIn, isFiller, MAX_SEED, type Directive } from './note-directives.ts';

/** A frame note as the rules read it. Frames are whole frames of the take at `fps`; both null: the whole take. */
export interface ProposalNote {
  id: string;
  text: string;
  frameIn: number | null;
  frameOut: number | null;
  fps: number;
  /** The take version the note was made on. */
  version: number;
}

/** What one note brought to the proposal, in words ("camera push-in", "prompt: …"). */
export interface NoteReason {
  note_id: string;
  applied: string[];
}

export interface RulesProposal {
  changes: Partial<GenerationChanges>;
  reasons: NoteReason[];
}

/** The parameters the rules read; TakeParams has them all. */
export interface RulesParams {
  prompt: string;
  camera: string;
  duration: number;
  seed: number | null;
}

/** Longest texts GenerationChanges takes (src/lib/api/segments.schema.ts). */
const MAX_PROMPT_MODIFICATIONS = 2000;
const MAX_STYLE_ADJUSTMENTS = 500;

/** The note's words without @mentions and links, whitespace tidied; '' when nothing is left. */
export function cleanNoteText(text: string): string {
  return text
    .replace(/\bhttps?:\/\/\S+|\bwww\.\S+/giu, ' ')
    .replace(/(^|[\s(（])@[\p{L}\p{N}_.-]+/gu, '$1')
    .replace(/\(\s*\)|（\s*）/gu, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s,;:.\-–—]+|[\s,;:\-–—]+$/gu, '')
    .trim();
}

const seconds = (frame: number, fps: number) => (frame / fps).toFixed(1);

/** "at 1.0–2.0 s" (or "at 1.0 s" for one frame) for a ranged note; '' for the whole take. */
export function noteTimeText(note: Pick<ProposalNote, 'frameIn' | 'frameOut' | 'fps'>): string {
  const first = note.frameIn ?? note.frameOut;
  if (first === null || !(note.fps > 0)) return '';
  const last = note.frameOut ?? first;
  return first === last ? `at ${seconds(first, note.fps)} s` : `at ${seconds(Math.min(first, last), note.fps)}–${seconds(Math.max(first, last), note.fps)} s`;
}

/** Notes in a fixed order: whole-take notes first, then by where they start and end, then by id. */
function byPlace(a: ProposalNote, b: ProposalNote): number {
  const place = (note: ProposalNote) => [note.frameIn ?? note.frameOut ?? -1, note.frameOut ?? note.frameIn ?? -1, note.version];
  const [pa, pb] = [place(a), place(b)];
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The clauses of a note with the separator after each; a period inside "1.5s" does not split. */
function clausesOf(text: string): { clause: string; separator: string }[] {
  const pieces = text.split(/([,;，；、]\s*|[.!?。！？]+(?=\s|$)\s*)/u);
  const clauses: { clause: string; separator: string }[] = [];
  for (let i = 0; i < pieces.length; i += 2) clauses.push({ clause: pieces[i]!, separator: pieces[i + 1] ?? '' });
  return clauses.filter((c) => c.clause.trim() !== '');
}

/** A clause with what the directives used taken out. */
const rest = (clause: string, directives: Directive[]) =>
  directives.filter((d) => d.kind !== 'unsupported-camera').reduceRight((text, d) => text.slice(0, d.start) + ' ' + text.slice(d.end), clause);

/** The note's text for the prompt: the clauses that describe the picture, not those that only set parameters. */
function promptPart(text: string, clauses: { clause: string; separator: string; directives: Directive[] }[]): string {
  const asks = clauses.some((c) => c.directives.some((d) => d.kind !== 'unsupported-camera'));
  if (!asks) return text;
  const kept = clauses.filter((c) => !isFiller(rest(c.clause, c.directives)));
  return kept
    .map((c) => c.clause.trim() + c.separator.trim())
    .join(' ')
    .replace(/^(and|then|also)\s+/iu, '')
    .replace(/[,;，；、\s]+$/u, '');
}

/** Ends a sentence written in Latin letters with a period; other scripts are left as written. */
function sentence(text: string): string {
  if (/[.!?。！？…]$/u.test(text)) return text;
  return /[\p{Script=Latin}\p{N})"'”’]$/u.test(text) ? `${text}.` : text;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Cuts `text` to `max` characters at a word, with an ellipsis, so the change set stays valid. */
function fitted(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

/**
 * The seed "another seed" gives: the current one plus one (0 after the largest), or for a take
 * whose seed is not known yet one made from its prompt (FNV-1a), so it is the same every time.
 */
export function nextSeed(current: Pick<RulesParams, 'prompt' | 'seed'>): number {
  if (current.seed !== null) return (current.seed + 1) % (MAX_SEED + 1);
  let hash = 0x811c9dc5;
  for (const char of current.prompt) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash % (MAX_SEED + 1);
}

const key = (time: string, text: string) => `${time}|${text.toLowerCase().replace(/[\p{P}\p{S}\s]+/gu, ' ').trim()}`;

type Asked = { noteId: string; value: number | string; words: string };

/**
 * The changes `notes` ask of a take made with `current`: the notes' words appended to the prompt,
 * explicit durations, seeds, camera moves and looks as parameters. Where two notes ask for
 * different values of one parameter, the later note (by place in the take) wins. A note that says
 * what another already said is not added twice. `reasons` has one entry per note.
 */
export function proposeByRules(current: RulesParams, notes: readonly ProposalNote[]): RulesProposal {
  const reasons: NoteReason[] = [];
  const sentences: string[] = [];
  const styles: { phrase: string; noteId: string }[] = [];
  const asked: Record<'duration' | 'seed' | 'camera', Asked[]> = { duration: [], seed: [], camera: [] };
  const seen = new Map<string, string>();
  const seedForAnother = nextSeed(current);

  for (const note of [...notes].sort(byPlace)) {
    const applied: string[] = [];
    reasons.push({ note_id: note.id, applied });
    const text = cleanNoteText(note.text);
    if (!text) continue;
    const time = noteTimeText(note);
    const first = seen.get(key(time, text));
    if (first) {
      applied.push(`same as note ${first}`);
      continue;
    }
    seen.set(key(time, text), note.id);

    const clauses = clausesOf(text).map((c) => ({ ...c, directives: directivesIn(c.clause, current, seedForAnother) }));
    const directives = clauses.flatMap((c) => c.directives);
    const words = promptPart(text, clauses);
    if (words) {
      const added = time ? `${time}: ${sentence(words)}` : sentence(capitalised(words));
      sentences.push(added);
      applied.push(`prompt: ${added}`);
    }
    for (const d of directives) {
      if (d.kind === 'duration') asked.duration.push({ noteId: note.id, value: d.seconds, words: `duration ${d.seconds} s` });
      else if (d.kind === 'seed') asked.seed.push({ noteId: note.id, value: d.seed, words: `seed ${d.seed}` });
      else if (d.kind === 'camera') asked.camera.push({ noteId: note.id, value: d.camera, words: `camera ${d.camera}` });
      else if (d.kind === 'unsupported-camera') applied.push(`camera: “${d.words}” is not a move the camera setting offers; left in the prompt`);
      else if (!styles.some((s) => s.phrase === d.phrase)) {
        styles.push({ phrase: d.phrase, noteId: note.id });
        applied.push(`style: ${d.phrase}`);
      }
    }
  }

  const changes: Partial<GenerationChanges> = {};
  const reasonOf = (noteId: string) => reasons.find((r) => r.note_id === noteId)!.applied;
  const settle = (field: 'duration' | 'seed' | 'camera', currentValue: number | string | null) => {
    const wishes = asked[field];
    const last = wishes.at(-1);
    for (const wish of wishes) {
      if (wish !== last) reasonOf(wish.noteId).push(`${wish.words} (a later note asks for ${last!.words})`);
      else if (wish.value === currentValue) reasonOf(wish.noteId).push(`${wish.words} (already so)`);
      else reasonOf(wish.noteId).push(wish.words);
    }
    if (last && last.value !== currentValue) Object.assign(changes, { [field]: last.value });
  };
  settle('duration', current.duration);
  settle('seed', current.seed);
  settle('camera', current.camera);
  if (sentences.length) changes.prompt_modifications = fitted(sentences.join(' '), MAX_PROMPT_MODIFICATIONS);
  if (styles.length) changes.style_adjustments = fitted(styles.map((s) => s.phrase).join(', '), MAX_STYLE_ADJUSTMENTS);
  return { changes: ordered(changes), reasons };
}

/** The keys in the order describeChanges reads them, so equal proposals print alike. */
function ordered(changes: Partial<GenerationChanges>): Partial<GenerationChanges> {
  const order = ['prompt_modifications', 'style_adjustments', 'duration', 'seed', 'camera'] as const;
  return Object.fromEntries(order.filter((k) => changes[k] !== undefined).map((k) => [k, changes[k]]));
}
