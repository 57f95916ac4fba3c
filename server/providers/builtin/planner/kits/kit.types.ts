/**
 * The shape of a genre kit: the supporting roles a genre brings, and the moments of its story,
 * beat by beat, in English and Chinese. Moments are whole shots (who is in frame, what happens,
 * who says what) so a shot's cast and its speakers always agree.
 */
import type { SettingKind, TimeOfDay } from '../lexicon.ts';

export const GENRES = ['mystery', 'romance', 'space', 'adventure', 'drama'] as const;
export type Genre = (typeof GENRES)[number];
export type Language = 'en' | 'zh';
/** The classic structure: setup, inciting incident, investigation, confrontation, resolution. */
export type Beat = 'setup' | 'inciting' | 'rising' | 'confrontation' | 'resolution';
/** P is the protagonist; A, B and C are the kit's supporting roles. */
export const ROLE_IDS = ['P', 'A', 'B', 'C'] as const;
export type RoleId = (typeof ROLE_IDS)[number];

export const BEATS: readonly Beat[] = ['setup', 'inciting', 'rising', 'confrontation', 'resolution'];

/** How many moments each beat of every kit offers; the planner never asks for more. */
export const MOMENTS_PER_BEAT: Readonly<Record<Beat, number>> = {
  setup: 3,
  inciting: 2,
  rising: 4,
  confrontation: 3,
  resolution: 2,
};

/**
 * One shot's worth of story. Text may use {P} {A} {B} {C} (full names), {p} (the protagonist's
 * short name), {object} and {place}.
 */
export interface Moment {
  cast: RoleId[];
  action: string;
  lines: Array<[RoleId, string]>;
}

export interface SupportRoleText {
  /** What the role is in the story ("the witness"). */
  label: string;
  /** Put before the name ("Captain"); empty for none. */
  title: string;
  /** Follows the character's kind in the description ("… who saw something"). */
  description: string;
  /** What a human in this role is ("noodle-stall owner"). */
  humanKinds: string[];
  /** How an animal in this role looks or behaves ("jittery"). */
  animalAdjectives: string[];
  attire: string[];
  /** When set, the role is always this, whatever the protagonist is (a ship's AI). */
  fixedKind?: string;
}

export interface SupportRole {
  id: Exclude<RoleId, 'P'>;
  en: SupportRoleText;
  zh: SupportRoleText;
}

export interface KitText {
  /** Used when the idea names no protagonist. */
  defaultProtagonist: string;
  protagonistNote: string;
  objects: string[];
  /** May use {P}, {Object} (title case), {Place} (title case), {object}, {place}. */
  titles: string[];
  /** Completes the logline after the idea itself. */
  hook: string;
  /** Used when the idea names no location. */
  defaultLocation: string;
  style: string;
  summaries: Record<Beat, string>;
  beats: Record<Beat, Moment[]>;
}

export interface GenreKit {
  genre: Genre;
  defaultTime: TimeOfDay;
  defaultSetting: SettingKind;
  roles: SupportRole[];
  en: KitText;
  zh: KitText;
}
