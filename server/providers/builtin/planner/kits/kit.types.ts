/**
 * The shape of a genre kit: the words that point to the genre, the supporting roles it brings, and
 * the moments of its story, beat by beat, in every language the planner writes. Moments are whole
 * shots (who is in frame, what happens, who says what) so a shot's cast and its speakers always
 * agree in every language.
 */
import type { SettingKind, TimeOfDay } from '../lexicon.ts';

export const GENRES = [
  'mystery', 'romance', 'space', 'adventure', 'drama', 'heist', 'thriller', 'horror', 'comedy', 'documentary', 'sports', 'cooking', 'fable',
] as const;
export type Genre = (typeof GENRES)[number];
/** The languages a kit is written in; English first, the one every other falls back to. */
export const KIT_LANGUAGES = ['en', 'zh', 'ja', 'es', 'fr', 'de'] as const;
export type KitLanguage = (typeof KIT_LANGUAGES)[number];
/** The languages a plan is written in: every language of the kits. */
export type Language = KitLanguage;
/** The languages a screenplay's own words are read in (its text is kept as written). */
export type ScriptLanguage = Extract<Language, 'en' | 'zh'>;
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

/** Shot kinds a genre may ask for; the planner frames and describes each its own way. */
export const MOMENT_SHOTS = ['interview', 'archive', 'observational', 'insert'] as const;
export type MomentShot = (typeof MOMENT_SHOTS)[number];

/**
 * One shot's worth of story. Text may use {P} {A} {B} {C} (full names), {p} (the protagonist's
 * short name), {object} and {place}.
 */
export interface Moment {
  cast: RoleId[];
  /** What kind of shot the moment is, where the genre has its own (a documentary's interview). */
  shot?: MomentShot;
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

export type SupportRole = { id: Exclude<RoleId, 'P'> } & Record<KitLanguage, SupportRoleText>;

export interface KitText {
  /** Used when the idea names no protagonist. */
  defaultProtagonist: string;
  protagonistNote: string;
  /** The default hero and the note as they read for a woman, where the language's words agree with her. */
  feminine?: { defaultProtagonist: string; protagonistNote?: string };
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

export type GenreKit = {
  genre: Genre;
  defaultTime: TimeOfDay;
  defaultSetting: SettingKind;
  /**
   * Words that point to this genre, per language, lower case. Latin-script words match whole words
   * and a trailing `*` matches any ending ("investigat*"); Chinese and Japanese words match anywhere.
   */
  cues: Record<KitLanguage, string[]>;
  roles: SupportRole[];
  /** Which kit languages the file itself writes; the rest are English until written. */
  written: KitLanguage[];
} & Record<KitLanguage, KitText>;
