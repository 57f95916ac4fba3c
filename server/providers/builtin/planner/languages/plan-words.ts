/**
 * The sentences and words of an idea-based plan in each language the planner writes. The genre
 * kits hold the story's own text (kits/*.kit.json); this holds what joins it: how a character is
 * introduced and described, the camera notes and prompts of shots, the logline and the story's
 * opening, and the small words around names. One file per language, all of the same shape, so a
 * language is added by writing one file and listing it here.
 */
import type { CameraMove } from '../../../planner.types.ts';
import type { Culture, PersonGender } from '../idea-rules.ts';
import { capitalize } from '../text-utils.ts';
import type { Language } from '../kits/kit.types.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ja } from './ja.ts';
import { zh } from './zh.ts';

export type FramingFamily = 'solo' | 'pair' | 'group' | 'establishing';
/** What a supporting character is: a fixed kind (the ship's AI), an animal, or a person. */
export type SupportKind = 'fixed' | 'animal' | 'person';

export interface PromptWords {
  framing: string;
  action: string;
  /** Each character in frame, with its fixed traits. */
  who: Array<{ name: string; traits: string[] }>;
  setting: string;
  style: string | undefined;
  note: string;
}

/** The names of the idea's location a plan writes with (see location-rules.ts). */
export interface PlaceNames {
  name: string;
  inSentence: string;
  proper: boolean;
}

export interface PlanWords {
  /** What goes between two sentences of prose: nothing in Chinese and Japanese, a space elsewhere. */
  gap: string;
  /** An action as a sentence of prose. */
  sentence(action: string): string;
  /** The hero doing one of the idea's events: "{P} buys an old bicycle", "{P}は古い船を直す". */
  heroDoes(hero: string, event: string): string;
  /** A title before (or after) a name: "Detective Miko", "侦探美子". */
  titled(title: string, name: string): string;
  /** Names invented for characters the idea does not name, by the culture of the idea's world, women's and men's. */
  names: Record<Culture, Readonly<Record<PersonGender, readonly string[]>>>;
  /** Names of a fixed machine character (a ship's AI). */
  aiNames: readonly string[];
  /** Eight accessories, in the same order in every language: a seeded index picks one. */
  accessories: readonly string[];
  /** "vermilion scarf", "朱红色围巾". */
  accessory(colour: string, item: string): string;
  /** A visible mark, by what kind of creature wears it. */
  marks: Readonly<Record<'animal' | 'human' | 'machine', readonly string[]>>;
  /** Hair of a person, in the form `withHair` joins. */
  hair: readonly string[];
  /** A person described by hair: "night cashier with a silver bob", "银色短发的夜班收银员". */
  withHair(kind: string, hair: string): string;
  /** A machine glowing in a colour: "ship's AI glowing teal". */
  glowing(kind: string, colour: string): string;
  /** The hero with an article or measure word: "a young detective", "一位年轻侦探". */
  intro(phrase: string, animal: boolean, idea: string): string;
  protagonist(name: string, intro: string, note: string): string;
  support(name: string, label: string, kind: SupportKind, kindText: string, adjective: string, detail: string): string;
  /** A character the idea names who has no role in the story. */
  named(name: string): string;
  framings: Readonly<Record<FramingFamily, readonly string[]>>;
  cameraNote(move: CameraMove, framing: string, focus: string | undefined, place: string): string;
  prompt(words: PromptWords): string;
  /** How prose names the place ("the Tokyo alley", "東京小巷", "Sevilla"). */
  placeReference(place: PlaceNames): string;
  /** The place in a title ("the Tokyo Alley"). */
  placeTitle(place: PlaceNames): string;
  /** The key object in a title. */
  objectTitle(object: string): string;
  logline(hero: string, intro: string, predicate: string, place: string, proper: boolean, hook: string): string;
  /** The story's first paragraph: who the hero is, where the story grew from, who else is in it. */
  opening(
    hero: string,
    intro: string,
    predicate: string,
    place: string,
    quotedIdea: string | undefined,
    company: Array<{ name: string; label: string }>,
  ): string;
  /** The place of a scene, its time, its corner and what it looks like. */
  locationDescription(place: string, proper: boolean, time: string, corner: string | undefined, details: string[]): string;
}

export const PLAN_WORDS: Readonly<Record<Language, PlanWords>> = { en, zh, ja, es, fr, de };

/** Ends a Latin-script sentence with a full stop unless it has its own mark. */
export function stop(text: string): string {
  return /[.!?…]$/u.test(text) ? text : `${text}.`;
}

/** "Characters: …. Setting: …." in a Latin-script language, from the labels of that language. */
export function latinPrompt(words: PromptWords, labels: { characters: string; setting: string; style: string; camera: string }): string {
  const { framing, action, who, setting, style, note } = words;
  const people = who.map((c) => `${c.name} (${c.traits.join(', ')})`).join('; ');
  const lowerNote = /^\p{Lu}\p{Ll}/u.test(note) ? note.charAt(0).toLocaleLowerCase() + note.slice(1) : note;
  return [
    `${framing}: ${capitalize(action.replace(/\.$/, ''))}.`,
    people && `${labels.characters}: ${people}.`,
    `${labels.setting}: ${setting.replace(/\.$/, '')}.`,
    style && `${labels.style}: ${style}.`,
    `${labels.camera}: ${lowerNote}`.replace(/[.!?…]*$/, '.'),
  ]
    .filter(Boolean)
    .join(' ');
}

/** The same prompt in Chinese or Japanese punctuation, from that language's labels. */
export function cjkPrompt(words: PromptWords, labels: { characters: string; setting: string; style: string; camera: string; comma: string }): string {
  const { framing, action, who, setting, style, note } = words;
  const people = who.map((c) => `${c.name}（${c.traits.join(labels.comma)}）`).join('；');
  return [
    `${framing}：${action.replace(/[。.]$/, '')}。`,
    people && `${labels.characters}：${people}。`,
    `${labels.setting}：${setting.replace(/[。.]$/, '')}。`,
    style && `${labels.style}：${style}。`,
    `${labels.camera}：${note.replace(/[。.!！]*$/, '')}。`,
  ]
    .filter(Boolean)
    .join('');
}
