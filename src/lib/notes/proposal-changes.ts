/**
 * The change set a "Regenerate from notes" form sends: the proposal's own changes where a field
 * still holds the proposed value, the edited value where someone changed it, nothing where it is
 * back at the current take's value.
 */
import type { GenerationChanges } from '../api/segments.schema.ts';
import type { NoteProposalDto } from '../api/notes.schema.ts';

/** The editable fields of a proposal, pre-filled with the proposed values. */
export interface ProposalFields {
  prompt: string;
  style: string;
  camera: string;
  duration: number | null;
  seed: number | null;
}

/** The form's starting values: what the proposal would make. */
export function proposalFields(proposal: Pick<NoteProposalDto, 'proposed'>): ProposalFields {
  const { prompt, style, camera, duration, seed } = proposal.proposed;
  return { prompt, style, camera, duration, seed };
}

const same = (a: string, b: string) => a.trim() === b.trim();

/**
 * The changes to regenerate with from the edited fields. Prompt and style: the proposal's change
 * (an addition or a replacement) while the field is as proposed; a replacement with the edited text
 * when it was edited freely; none when it is back at the current value. Camera, duration and seed:
 * the edited value when it differs from the current one. Any other change the proposal made
 * (characters, notes) is kept.
 */
export function changesFromFields(proposal: Pick<NoteProposalDto, 'current' | 'proposed' | 'changes'>, fields: ProposalFields): GenerationChanges {
  const { current, proposed } = proposal;
  const { prompt, prompt_modifications, style, style_adjustments, ...rest } = proposal.changes;
  // Camera, duration and seed come from the fields below, whatever the proposal said.
  const changes = Object.fromEntries(Object.entries(rest).filter(([key, value]) => value !== undefined && !['camera', 'duration', 'seed'].includes(key))) as GenerationChanges;

  if (same(fields.prompt, proposed.prompt)) Object.assign(changes, prompt !== undefined && { prompt }, prompt_modifications !== undefined && { prompt_modifications });
  else if (!same(fields.prompt, current.prompt) && fields.prompt.trim()) changes.prompt = fields.prompt.trim();

  if (same(fields.style, proposed.style)) Object.assign(changes, style !== undefined && { style }, style_adjustments !== undefined && { style_adjustments });
  else if (!same(fields.style, current.style) && fields.style.trim()) changes.style = fields.style.trim();

  if (fields.camera && fields.camera !== current.camera) changes.camera = fields.camera as GenerationChanges['camera'];
  if (typeof fields.duration === 'number' && fields.duration !== current.duration) changes.duration = fields.duration;
  if (typeof fields.seed === 'number' && fields.seed !== current.seed) changes.seed = fields.seed;
  return changes;
}
