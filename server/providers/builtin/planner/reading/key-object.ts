/**
 * The thing an English idea's story turns on ("steals a golden key", "finds a stolen violin"), so
 * the plan's shots show that thing instead of the genre's stock one. compromise tags the sentence;
 * the key object is the first noun phrase a verb acts on that is neither a place, a person the idea
 * names, nor an abstract word a camera cannot show ("one last job", "the truth").
 */
import { findLocation } from '../location-rules.ts';

type Doc = {
  match(pattern: string): Doc;
  out(format: 'array'): string[];
  not(pattern: string): Doc;
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

export async function findKeyObject(idea: string, people: readonly string[]): Promise<string | undefined> {
  nlp ??= import('compromise').then((module) => module.default as unknown as Nlp);
  const phrases = (await nlp)(idea)
    .match('(#Verb && !#Copula) #Determiner? #Adjective{0,2} (#Noun && !#Actor && !#Pronoun)+')
    .not('#Verb')
    .out('array');
  for (const raw of phrases) {
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
