/**
 * A take's parameters and the changes between one take and the next (GenerationChanges in
 * api/segments.schema.ts): how changes merge (the server makes the next take with it, the
 * regenerate form previews it), what a take was made with, and changes in words.
 */
import { DOCUMENTED_CHANGES, type GenerationChanges } from './api/segments.schema.ts';

/** Keys a regeneration or rollback records beside its changes; they are bookkeeping, not changes. */
const BOOKKEEPING = new Set(['keep_original', 'new_version', 'new_versions', 'new_segment_id', 'from_version', 'to_version', 'answers_notes', 'candidate', 'takes', 'blind']);

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
  if (typeof changes.takes === 'number' && changes.takes > 1) phrases.push(`${changes.takes} takes to choose from${changes.blind === true ? ', blind vote' : ''}`);
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
export function structuredChanges(values: ChangeFieldValues, current: { duration: number | null; seed: number | null; camera: string | undefined }): Partial<GenerationChanges> {
  const changes: Partial<GenerationChanges> = {};
  if (typeof values.duration === 'number' && values.duration !== current.duration) changes.duration = values.duration;
  if (typeof values.seed === 'number' && values.seed !== current.seed) changes.seed = values.seed;
  if (values.camera && values.camera !== current.camera) changes.camera = values.camera as GenerationChanges['camera'];
  return changes;
}

/** Adds `addition` to a text parameter after what is there, with `separator` between. */
const appended = (current: unknown, addition: string, separator: string) =>
  [String(current ?? '').trim(), addition].filter(Boolean).join(separator);

/** Applies changes to a take's parameters: replacements first, then additions to prompt, style and characters. */
export function mergeChanges(params: Record<string, unknown>, changes: Partial<GenerationChanges>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...params };
  if (changes.prompt) merged.prompt = changes.prompt;
  if (changes.prompt_modifications) merged.prompt = appended(merged.prompt, changes.prompt_modifications, ' ');
  if (changes.style) merged.style = changes.style;
  if (changes.style_adjustments) merged.style = appended(merged.style, changes.style_adjustments, ', ');
  if (changes.character_prompt) merged.character_prompt = appended(merged.character_prompt, changes.character_prompt, '; ');
  if (changes.duration !== undefined) merged.duration = changes.duration;
  if (changes.camera) merged.camera = changes.camera;
  if (changes.seed !== undefined) merged.seed = changes.seed;
  return merged;
}

/** What a take is (or will be) made with. */
export type TakeParams = {
  prompt: string;
  style: string;
  camera: string;
  duration: number;
  /** Null for a take whose seed is not known yet. */
  seed: number | null;
  /** What the takes since the shot added about the characters ('' for none). */
  character_prompt: string;
  /** Notes of this take's round of changes ('' for none). */
  notes: string;
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);
const number = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * The parameters of a take: what its own parameters say (a later take carries its parent's with
 * every change merged in; a take that was made carries what it was made with), else the shot's,
 * else the episode's style. Not the shot's: a take 2 whose prompt had something added says so.
 */
export function takeParams(
  take: { generation_params: Record<string, unknown>; seed?: number | null },
  shot: { prompt: string; style?: string | null; camera: string; duration: number },
  episodeStyle: string,
): TakeParams {
  const own = take.generation_params;
  return {
    prompt: text(own.prompt) ?? shot.prompt,
    style: text(own.style) ?? text(shot.style) ?? episodeStyle,
    camera: text(own.camera) ?? shot.camera,
    duration: number(own.duration) ?? shot.duration,
    seed: number(own.seed) ?? take.seed ?? null,
    character_prompt: text(own.character_prompt) ?? '',
    notes: text(own.notes) ?? '',
  };
}
