/**
 * Changes between one take and the next (GenerationChanges in api/segments.schema.ts) in words,
 * for the decisions list and the regenerate form.
 */
import { DOCUMENTED_CHANGES, type GenerationChanges } from './api/segments.schema.ts';

/** Keys a regeneration or rollback records beside its changes; they are bookkeeping, not changes. */
const BOOKKEEPING = new Set(['keep_original', 'new_version', 'new_segment_id', 'from_version', 'to_version']);

/**
 * The notes of a change set: its `notes`, then every key it does not document as "key: value"
 * (a client may suggest `lighting: "warmer"`; it is kept, shown and carried, never refused).
 */
export function changeNotes(changes: Record<string, unknown> | null | undefined): string[] {
  if (!changes) return [];
  const notes = typeof changes.notes === 'string' && changes.notes.trim() ? [changes.notes.trim()] : [];
  for (const [key, value] of Object.entries(changes)) {
    if (DOCUMENTED_CHANGES.has(key) || BOOKKEEPING.has(key) || value === null || value === undefined || typeof value === 'object') continue;
    notes.push(`${key}: ${String(value)}`);
  }
  return notes;
}

/** One readable phrase per change, notes included; bookkeeping keys of a regeneration are left out. */
export function describeChanges(changes: Record<string, unknown> | null | undefined): string[] {
  if (!changes) return [];
  const c = changes as Partial<GenerationChanges>;
  const phrases: string[] = [];
  if (c.prompt) phrases.push(`prompt “${c.prompt}”`);
  if (c.prompt_modifications) phrases.push(`prompt: ${c.prompt_modifications}`);
  if (c.style) phrases.push(`style “${c.style}”`);
  if (c.style_adjustments) phrases.push(`style: ${c.style_adjustments}`);
  if (c.character_prompt) phrases.push(`characters: ${c.character_prompt}`);
  if (typeof c.duration === 'number') phrases.push(`duration ${c.duration} s`);
  if (typeof c.seed === 'number') phrases.push(`seed ${c.seed}`);
  if (c.camera) phrases.push(`camera ${c.camera}`);
  for (const note of changeNotes(changes)) phrases.push(`note: ${note}`);
  return phrases;
}

/** The structured fields of a change form (null or empty: leave as it is). */
export interface ChangeFieldValues {
  duration: number | null;
  seed: number | null;
  camera: string;
}

/** The fields of `values` that say something new compared with `current`. */
export function structuredChanges(values: ChangeFieldValues, current: { duration: number | null; seed: number; camera: string | undefined }): Partial<GenerationChanges> {
  const changes: Partial<GenerationChanges> = {};
  if (typeof values.duration === 'number' && values.duration !== current.duration) changes.duration = values.duration;
  if (typeof values.seed === 'number' && values.seed !== current.seed) changes.seed = values.seed;
  if (values.camera && values.camera !== current.camera) changes.camera = values.camera as GenerationChanges['camera'];
  return changes;
}
