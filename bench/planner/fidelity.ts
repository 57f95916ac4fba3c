/**
 * How a plan is scored against a hand-written idea: which named things it kept, whether it is
 * written in the expected language, and whether its hero is a proper character. The language is
 * judged from the plan's own text by script and by common function words, a reading independent of
 * how the planner decides its language.
 */
import type { EpisodePlan } from '../../server/providers/planner.types.ts';
import type { CorpusIdea, CorpusLanguage } from './corpus.ts';

const KANA = /[\u3040-\u30ff]/gu;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const LATIN_WORD = /[\p{Script=Latin}]+/gu;

/** Words common in running text of each language and rare in the other three. */
const FUNCTION_WORDS: Record<'en' | 'es' | 'fr' | 'de', ReadonlySet<string>> = {
  en: new Set(['the', 'and', 'of', 'to', 'is', 'with', 'his', 'her', 'who', 'that', 'at', 'on', 'from', 'into', 'their', 'this', 'an']),
  es: new Set(['el', 'los', 'las', 'que', 'y', 'con', 'por', 'para', 'su', 'del', 'una', 'sus', 'pero', 'como', 'entre', 'hacia']),
  fr: new Set(['le', 'les', 'des', 'et', 'une', 'est', 'dans', 'avec', 'pour', 'qui', 'sur', 'du', 'au', 'aux', 'sa', 'ses', 'vers']),
  de: new Set(['der', 'die', 'das', 'und', 'ist', 'ein', 'eine', 'mit', 'im', 'den', 'dem', 'zu', 'von', 'auf', 'sich', 'nicht', 'einen', 'ihr']),
};

/** Everything a reader sees of the plan, except the names, which stay in the idea's language. */
export function planText(plan: EpisodePlan): string {
  const names = plan.characters.map((c) => c.name).filter((name) => name.length > 0);
  const parts = [
    plan.title,
    plan.logline,
    plan.story,
    ...plan.characters.map((c) => c.description),
    ...plan.scenes.flatMap((scene) => [
      scene.summary,
      scene.locationDescription,
      ...scene.shots.flatMap((shot) => [shot.prompt, shot.cameraNote, ...shot.dialogue.map((d) => d.line)]),
    ]),
  ];
  let text = parts.join('\n');
  for (const name of names.sort((a, b) => b.length - a.length)) text = text.split(name).join(' ');
  return text;
}

/** The language the text reads as, by script first and then by function words. */
export function languageOfText(text: string): CorpusLanguage {
  const kana = text.match(KANA)?.length ?? 0;
  const han = text.match(HAN)?.length ?? 0;
  const latinWords = (text.match(LATIN_WORD) ?? []).map((w) => w.toLowerCase());
  const latinLetters = latinWords.reduce((sum, w) => sum + w.length, 0);
  if (kana + han > latinLetters / 3) return kana > (kana + han) * 0.08 ? 'ja' : 'zh';
  let best: CorpusLanguage = 'en';
  let bestHits = -1;
  for (const [language, words] of Object.entries(FUNCTION_WORDS) as Array<[keyof typeof FUNCTION_WORDS, ReadonlySet<string>]>) {
    const hits = latinWords.filter((w) => words.has(w)).length;
    if (hits > bestHits) {
      best = language;
      bestHits = hits;
    }
  }
  return best;
}

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase();

/** Whether a character is called `name`: the whole name, or the name with a title or surname added. */
function hasCharacter(plan: EpisodePlan, name: string): boolean {
  const wanted = fold(name);
  return plan.characters.some((c) => {
    const got = fold(c.name);
    if (got === wanted) return true;
    // "Detective Miko", "Miko Tanaka", "佐藤さん": the name stands as its own word, or, in Chinese
    // and Japanese, at either end of the character's name.
    if (/[\u3040-\u30ff\u3400-\u9fff]/u.test(wanted)) return got.startsWith(wanted) || got.endsWith(wanted);
    return got.split(/[\s,.'’-]+/u).join(' ').includes(wanted) && new RegExp(`(^|\\s)${wanted.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'u').test(got);
  });
}

function hasPlace(plan: EpisodePlan, place: string): boolean {
  const wanted = fold(place);
  return plan.scenes.some((scene) =>
    [scene.heading, scene.location, scene.locationDescription, ...scene.shots.map((shot) => shot.prompt)].some((text) => fold(text).includes(wanted)),
  );
}

/** A proper name: one to three capitalised words in Latin script, or a short name in CJK script. */
export function isProperName(name: string): boolean {
  const trimmed = name.trim();
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー・]{1,8}$/u.test(trimmed)) return !/[的の是在]/u.test(trimmed);
  return /^(\p{Lu}[\p{Ll}\p{Lu}'’.-]*)(\s\p{Lu}[\p{Ll}\p{Lu}'’.-]*){0,2}$/u.test(trimmed);
}

/** Whether the plan's shots show a thing: in a shot's prompt or lines, or a scene's summary. */
function showsObject(plan: EpisodePlan, object: string): boolean {
  const wanted = fold(object);
  return plan.scenes.some((scene) =>
    [scene.summary, ...scene.shots.flatMap((shot) => [shot.prompt, ...shot.dialogue.map((d) => d.line)])].some((text) => fold(text).includes(wanted)),
  );
}

export interface IdeaScore {
  /** Key objects the idea names, and the ones the plan shows. */
  objects: number;
  objectsShown: number;
  entities: number;
  kept: number;
  missing: string[];
  language: CorpusLanguage;
  languageRight: boolean;
  heroName: string;
  heroRight: boolean;
}

export function scorePlan(entry: CorpusIdea, plan: EpisodePlan): IdeaScore {
  const missing = [
    ...entry.names.filter((name) => !hasCharacter(plan, name)),
    ...entry.places.filter((place) => !hasPlace(plan, place)),
  ];
  const entities = entry.names.length + entry.places.length;
  const language = languageOfText(planText(plan));
  const hero = plan.characters[0];
  const heroName = hero?.name ?? '';
  const heroRight =
    hero !== undefined &&
    isProperName(heroName) &&
    (entry.hero === undefined || fold(heroName) === fold(entry.hero) || hasCharacter({ ...plan, characters: [hero] }, entry.hero));
  const objects = entry.objects ?? [];
  const unseen = objects.filter((object) => !showsObject(plan, object));
  return {
    objects: objects.length,
    objectsShown: objects.length - unseen.length,
    entities,
    kept: entities - missing.length,
    missing: [...missing, ...unseen.map((object) => `object "${object}"`)],
    language,
    languageRight: language === entry.plannedIn,
    heroName,
    heroRight,
  };
}
