/**
 * The thing an idea's story turns on ("steals a golden key", "busca una corona de oro", "盗まれた
 * 茶碗を探す"), so the plan's shots show that thing instead of the genre's stock one. English is read
 * here with compromise: the key object is the first noun phrase a verb acts on that is neither a
 * place, a person the idea names, nor an abstract word a camera cannot show ("one last job", "the
 * truth"). The other languages are read by key-object-latin.ts and key-object-cjk.ts.
 */
import { japaneseTokenizer } from '../../../../media/japanese-reading.ts';
import type { Language } from '../kits/kit.types.ts';
import type { ObjectGender } from '../languages/object-agreement.ts';
import { findLocation } from '../location-rules.ts';
import { chineseKeyObject, japaneseKeyObject } from './key-object-cjk.ts';
import { latinKeyObject } from './key-object-latin.ts';
import { chineseTagger, taggerFor } from './taggers.ts';

export interface KeyObject {
  /** As the plan writes it: lower case except German nouns, without the idea's article. */
  phrase: string;
  /** The head noun's gender, for the languages whose articles agree with it. */
  gender?: ObjectGender;
}

type Doc = {
  match(pattern: string): Doc;
  out(format: 'array'): string[];
  not(pattern: string): Doc;
  has(pattern: string): boolean;
};
type Nlp = (text: string) => Doc;
let nlp: Promise<Nlp> | undefined;

/** Nouns no single shot can show; a story about them keeps the genre's own object. */
const ABSTRACT = new Set([
  'job', 'life', 'way', 'time', 'day', 'night', 'journey', 'chance', 'truth', 'mystery', 'story', 'secret', 'past',
  'documentary', 'film', 'movie', 'plan', 'heist', 'case', 'crime', 'murder', 'race', 'match', 'game', 'season',
  'dream', 'love', 'friendship', 'family', 'home', 'world', 'help', 'team', 'friend', 'friends', 'someone', 'something',
  'everything', 'nothing', 'idea', 'answer', 'question', 'fear', 'courage', 'voice', 'name', 'years', 'year',
]);

/** The idea's key object, read in the idea's own language (`language` is how it is written). */
export async function findKeyObject(idea: string, language: Language, people: readonly string[]): Promise<KeyObject | undefined> {
  if (language === 'ja' || /[\u3040-\u30ff]/u.test(idea)) return japaneseKeyObject(idea, await japaneseTokenizer(), people);
  if (language === 'zh') return chineseKeyObject(idea, await chineseTagger(), people);
  if (language === 'en') {
    const phrase = await englishKeyObject(idea, people);
    return phrase ? { phrase } : undefined;
  }
  const terms = (await taggerFor(language))(idea).json().flatMap((sentence) => sentence.terms);
  return latinKeyObject(terms, language, people);
}

/** "searches the docks for a pocket watch": what a search is for comes after "for", not after the verb. */
const SOUGHT = /\b(?:search|searches|searched|searching|look|looks|looked|looking|hunt|hunts|hunted|hunting|scour|scours|scoured|scouring|comb|combs|combed|combing)\b[^.;!?]*?\bfor\s+([^.;!?]+)/iu;

async function englishKeyObject(idea: string, people: readonly string[]): Promise<string | undefined> {
  nlp ??= import('compromise').then((module) => module.default as unknown as Nlp);
  const sought = SOUGHT.exec(idea)?.[1];
  const soughtMatch = sought ? (await nlp)(`find ${sought}`).match('^find #Determiner? #Adjective{0,2} #Noun+') : undefined;
  const soughtPhrases = soughtMatch && !soughtMatch.has('(#Actor|#Pronoun)') ? soughtMatch.not('#Verb').out('array') : [];
  // Every noun of a compound ("cuckoo clock"); a phrase naming a person ("his late father") is no object.
  const parse = await nlp;
  const phrases = parse(idea).match('(#Verb && !#Copula) #Determiner? #Adjective{0,2} #Noun+').not('#Verb').out('array');
  const namesPerson = phrases.map((phrase) => parse(phrase).has('(#Actor|#Pronoun)'));
  const things = phrases.filter((_, index) => !namesPerson[index]);
  for (const raw of [...soughtPhrases, ...things]) {
    const phrase = raw.replace(/[,.;:!?]+$/u, '').replace(/^(?:a|an|the|his|her|their|its)\s+/iu, '').trim();
    const words = phrase.toLocaleLowerCase().split(/\s+/u);
    const head = words.at(-1) ?? '';
    // A lone "cursed" is an adjective the tagger took for a noun ("a cursed recipe book").
    if (!head || ABSTRACT.has(head) || words.some((word) => /^\d/u.test(word)) || (words.length === 1 && head.endsWith('ed'))) continue;
    if (/\p{Lu}/u.test(phrase) || people.some((name) => name && phrase.includes(name))) continue;
    if (findLocation(phrase, 'en')) continue;
    return phrase.toLocaleLowerCase();
  }
  return undefined;
}
