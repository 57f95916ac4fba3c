/**
 * The next take's parameters proposed from reviewers' notes on the current one, as changes the
 * editor can edit before regenerating (the same change set POST /segments/:id/regenerate takes).
 * The rules (src/lib/domain/note-rules.ts) always give an answer; when the episode's planner writes
 * with a language model, the model is asked first and its answer used if it is valid. A model
 * that fails or answers out of shape never fails the proposal: the rules' answer comes back with
 * `model_error` saying why.
 */
import { generationChanges, type GenerationChanges } from '../../src/lib/api/segments.schema.ts';
import { cleanNoteText, nextSeed, noteTimeText, proposeByRules, type NoteReason, type ProposalNote } from '../../src/lib/domain/note-rules.ts';
import type { NoteProposalBody, NoteProposalDto } from '../../src/lib/api/notes.schema.ts';
import { mergeChanges, takeParams, type TakeParams } from '../../src/lib/take-changes.ts';
import { findEpisode } from '../db/queries/episode.queries.ts';
import { findNotes } from '../db/queries/note.queries.ts';
import { findSegment } from '../db/queries/segment.queries.ts';
import { findShot } from '../db/queries/shot.queries.ts';
import { notFound } from '../errors.ts';
import { answerableNotes } from './take-notes.ts';
import { askForProposal, type ProposalAnswer } from '../providers/llm/language-model.proposer.ts';
import type { PlannerModel } from '../providers/planner.types.ts';
import type { Services } from './services.ts';

export type { ProposalNote } from '../../src/lib/domain/note-rules.ts';

/** The longest wait for the model; the editor is waiting for the answer. */
const DEFAULT_TIMEOUT_MS = 30_000;

export interface NoteProposalInput {
  /** What the current take was made with. */
  current: TakeParams;
  /** The notes to answer (open notes on the current take, as the editor picked them). */
  notes: readonly ProposalNote[];
  /** The language model to ask (proposalModel); without one the rules answer. */
  model?: PlannerModel;
  /** Aborts the model call; an aborted proposal rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Longest wait for the model before the rules answer. Default 30 s. */
  timeoutMs?: number;
}

export interface NoteProposal {
  /** Who wrote `changes`: the fixed rules, or the language model. */
  source: 'rules' | 'model';
  /** Valid against `generationChanges`; only what changes. */
  changes: Partial<GenerationChanges>;
  /** `current` with `changes` merged in (mergeChanges), as the next take would be made. */
  proposed: TakeParams;
  /** One entry per note: what was taken from it. */
  reasons: NoteReason[];
  /** Why the model's answer was not used, when a model was asked and the rules answered instead. */
  model_error?: string;
}

/**
 * The language model of the planner `plannerId` (an episode's `planner`), to pass as `model`;
 * undefined for a planner without one (the built-in planner) or one not configured here.
 */
export function proposalModel(services: Pick<Services, 'providers'>, plannerId: string): PlannerModel | undefined {
  if (!services.providers.plannerIds().includes(plannerId)) return undefined;
  return services.providers.planner(plannerId).languageModel;
}

/** Proposes the next take's changes from `notes` on a take made with `current`. */
export async function proposeFromNotes(input: NoteProposalInput): Promise<NoteProposal> {
  const rules = proposeByRules(input.current, input.notes);
  const byRules = (modelError?: string): NoteProposal => ({
    ...proposal('rules', input.current, rules.changes, rules.reasons),
    ...(modelError ? { model_error: modelError } : {}),
  });
  const lines = input.notes
    .map((note) => ({ id: note.id, text: cleanNoteText(note.text), time: noteTimeText(note) }))
    .filter((note) => note.text !== '')
    .map((note) => ({ id: note.id, line: note.time ? `${note.time}: ${note.text}` : note.text }));
  if (!input.model || lines.length === 0) return byRules();
  try {
    const answer = await askForProposal(
      input.model,
      { current: modelView(input.current), notes: lines, nextSeed: nextSeed(input.current) },
      { timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: input.signal },
    );
    const changes = changesFromAnswer(answer, input.current);
    const said = new Map(answer.reasons.map((reason) => [reason.note_id, reason.applied]));
    return proposal('model', input.current, changes, rules.reasons.map((reason) => ({ note_id: reason.note_id, applied: said.get(reason.note_id) ?? [] })));
  } catch (error) {
    // A request that was given up on ends here; anything else the rules answer.
    input.signal?.throwIfAborted();
    return byRules(error instanceof Error ? error.message : String(error));
  }
}

/** What a proposal from free text says (the reject form's suggested changes): the text read as one note on the whole take. */
export interface TextProposal extends Omit<NoteProposal, 'reasons'> {
  /** What was taken from the text. */
  applied: string[];
}

/** The changes free text such as a reject form's "suggested changes" asks of a take made with `current`. */
export async function proposeFromText(
  current: TakeParams,
  text: string,
  options: Pick<NoteProposalInput, 'model' | 'signal' | 'timeoutMs'> = {},
): Promise<TextProposal> {
  const note: ProposalNote = { id: 'suggested_changes', text, frameIn: null, frameOut: null, fps: 1, version: 0 };
  const { reasons, ...rest } = await proposeFromNotes({ ...options, current, notes: [note] });
  return { ...rest, applied: reasons[0]?.applied ?? [] };
}

function proposal(source: NoteProposal['source'], current: TakeParams, changes: Partial<GenerationChanges>, reasons: NoteReason[]): NoteProposal {
  // mergeChanges keeps every key of `current` and sets only TakeParams' own keys.
  return { source, changes, proposed: mergeChanges(current, changes) as TakeParams, reasons };
}

/** The parameters the model is shown; bookkeeping notes are not its business. */
const modelView = (current: TakeParams) => ({
  prompt: current.prompt,
  style: current.style,
  camera: current.camera,
  duration: current.duration,
  seed: current.seed,
  character_prompt: current.character_prompt,
});

/** The model's answer as a change set: nulls, blanks and values equal to the current ones left out, then checked whole. */
function changesFromAnswer(answer: ProposalAnswer, current: TakeParams): Partial<GenerationChanges> {
  const changes: Partial<GenerationChanges> = {};
  for (const key of ['prompt_modifications', 'style_adjustments', 'character_prompt'] as const) {
    const value = answer.changes[key]?.trim();
    if (value) changes[key] = value;
  }
  const { duration, seed, camera } = answer.changes;
  if (duration !== null && duration !== current.duration) changes.duration = duration;
  if (seed !== null && seed !== current.seed) changes.seed = seed;
  if (camera !== null && camera !== current.camera) changes.camera = camera;
  const checked = generationChanges.safeParse(changes);
  if (!checked.success) {
    throw new Error(`The model's changes are not a valid change set (${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}).`, {
      cause: checked.error,
    });
  }
  return changes;
}

/**
 * The proposal for the next take of a segment's shot: from chosen open threads of the shot (any
 * take of it), or from free text. Reads only; nothing is stored until the editor regenerates.
 */
export async function proposeForTake(services: Services, segmentId: string, body: NoteProposalBody, signal?: AbortSignal): Promise<NoteProposalDto> {
  const segment = await findSegment(services.db, segmentId);
  if (!segment) throw notFound('Segment', segmentId);
  const [shot, episode] = await Promise.all([findShot(services.db, segment.shot_id), findEpisode(services.db, segment.episode_id)]);
  const current = takeParams(segment, shot!, episode!.style);
  const model = proposalModel(services, episode!.planner);
  if ('text' in body) {
    const answer = await proposeFromText(current, body.text, { model, signal });
    return { source: answer.source, current, proposed: answer.proposed, changes: answer.changes, reasons: [{ note_id: 'text', applied: answer.applied }], note_ids: [], model_error: answer.model_error ?? null };
  }
  const noteIds = await services.db.transaction().execute((trx) => answerableNotes(trx, segment, body.note_ids));
  const fps = Number(episode!.fps);
  const notes = await findNotes(services.db, noteIds);
  const answer = await proposeFromNotes({
    current,
    notes: notes.map((note) => ({ id: note.id, text: note.body, frameIn: note.frame_in, frameOut: note.frame_out, fps, version: note.version })),
    model,
    signal,
  });
  return { source: answer.source, current, proposed: answer.proposed, changes: answer.changes, reasons: answer.reasons, note_ids: noteIds, model_error: answer.model_error ?? null };
}
