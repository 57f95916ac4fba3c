/**
 * Finds who and where an idea names, so that the plan keeps them under their own names. Tagging
 * comes from language libraries: compromise (English) and its French, Spanish and German editions
 * for people and places, jieba's part-of-speech tags for Chinese, and kuromoji's (IPADIC) for
 * Japanese. A few rules sit on top of
 * the tags where short ideas defeat them: a capitalised word in the middle of a Latin sentence is
 * a name, and in Chinese an unknown two- or three-character word right after a role ("记者陈静",
 * "建筑师顾言"), a familiar name with 老/小/阿 after one ("徒弟阿杰"), or a quoted one (“织女”).
 *
 * The libraries load on first use, once per process.
 */
import { japaneseTokenizer } from '../../../../media/japanese-reading.ts';
import type { Language } from '../kits/kit.types.ts';
import { PLACE_NOUNS } from './place-nouns.ts';
import { namedInChinese, namedInJapanese } from './named-things-cjk.ts';
import { chineseTagger, latinEdition, taggerFor, type Edition, type Tagger } from './taggers.ts';

export interface NamedThings {
  /** Named people and creatures, in the order the idea names them. */
  people: string[];
  /** Named places, in order. */
  places: string[];
}

/** Reads the named people and places of an idea. `language` is how the idea is written. */
export async function findNamedThings(idea: string, language: Language): Promise<NamedThings> {
  if (/[\u3040-\u30ff]/u.test(idea)) return namedInJapanese(idea, await japaneseTokenizer());
  if (language === 'zh') return namedInChinese(idea, await chineseTagger());
  const edition = latinEdition(idea);
  return namedInLatin(idea, edition, await taggerFor(edition));
}

// ---------------------------------------------------------------------------------------------
// Latin script

/** Words written with a capital that are not names: articles, titles, and the like, in our languages. */
const NOT_NAMES = new Set([
  // articles and pronouns that open sentences
  'a', 'an', 'the', 'one', 'two', 'three', 'in', 'on', 'at', 'it', 'its', 'he', 'she', 'they', 'his', 'her', 'their', 'when', 'after',
  'el', 'la', 'los', 'las', 'un', 'una', 'en', 'le', 'les', 'l', 'une', 'des', 'dans', 'à', 'der', 'die', 'das', 'ein', 'eine', 'auf', 'im',
  // ages and sizes people are introduced with
  'old', 'young', 'little', 'big', 'tiny', 'retired', 'alte', 'alter', 'junge', 'junger', 'viejo', 'vieja', 'joven', 'vieux', 'vieille', 'jeune',
  // titles: the name follows them
  'detective', 'professor', 'doctor', 'dr', 'captain', 'chef', 'inspector', 'officer', 'agent', 'sergeant', 'mister', 'mr', 'mrs', 'ms', 'miss',
  'sir', 'lady', 'lord', 'king', 'queen', 'prince', 'princess', 'uncle', 'aunt', 'grandma', 'grandpa', 'engineer', 'pilot', 'nurse',
  'kommissar', 'kommissarin', 'inspektor', 'inspektorin', 'doktor', 'herr', 'frau', 'señor', 'señora', 'don', 'doña', 'detective', 'inspectrice',
  'inspecteur', 'monsieur', 'madame', 'docteur', 'capitaine', 'commissaire',
  // genre and form words that open ideas
  'documentary', 'documental', 'documentaire', 'dokumentarfilm', 'once', 'it’s', 'it\'s',
]);

/**
 * After these a capitalised word is a place ("in Geneva", "aus Köln", "à Paris"). After "de",
 * "of" or "von" it is one only when the tagger says so ("de Madrid", but "amoureux de Léa").
 */
const PLACE_PREPOSITIONS = new Set([
  'in', 'at', 'from', 'to', 'near', 'across', 'through', 'outside', 'inside', 'around', 'orbiting', 'en', 'desde', 'hacia', 'à', 'vers', 'près',
  'aus', 'nach', 'bei', 'im', 'von', 'zwischen', 'entre', 'par', 'a',
]);
/** Articles before a noun that describes the name after it ("la pescadora Rosario"). */
const ARTICLE_WORDS = new Set(['el', 'la', 'un', 'una', 'le', 'une', 'the', 'a', 'an']);
/** A name after one of these is the same kind of thing as the name before it ("Hamburg und Cuxhaven"). */
const CONJUNCTIONS = new Set(['and', 'y', 'e', 'et', 'und', 'or', 'o', 'ou', 'oder']);
/** Capitalised words that make a run an institution or an event, neither a person nor a place to film. */
const INSTITUTIONS = /^(?:Bank|Banco|Banque|Hotel|Hôtel|Museum|Museo|Musée|United|Club|City|FC|Feria|Festival|Marathon|Company|Inc|Ltd|Corp|Show)$/u;

/** Nouns for what a person does, by their endings ("pescadora", "ingénieur", "Fischerin"). */
const AGENT_NOUN = /^\p{Ll}+(?:ora|ero|era|ista|ante|ente|ier|ière|eur|euse|rice|erin|ador|edor)$/u;
/** Worlds a story can be set on, written with a capital in every language. */
const CELESTIAL = new Set(['Tierra', 'Luna', 'Marte', 'Venus', 'Júpiter', 'Saturno', 'Terre', 'Lune', 'Mars', 'Vénus', 'Jupiter', 'Saturne', 'Erde', 'Mond']);

const bare = (token: string) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
const isCapitalised = (word: string) => /^\p{Lu}[\p{Ll}\p{Lu}'’.-]*$/u.test(word) && /\p{Ll}/u.test(word);

/** Tokens of a tagger's matches, without punctuation, as a set of words. */
function matchedWords(doc: ReturnType<Tagger>, pattern: string): Set<string> {
  return new Set(doc.match(pattern).out('array').flatMap((text) => text.split(/\s+/u).map(bare)).filter(Boolean));
}

function namedInLatin(idea: string, edition: Edition, tagger: Tagger): NamedThings {
  const doc = tagger(idea);
  const people = matchedWords(doc, '#Person');
  const places = matchedWords(doc, '#Place');
  const tagged = (word: string) => people.has(word) || places.has(word);

  const found: NamedThings = { people: [], places: [] };
  let lastKind: 'people' | 'places' | undefined;
  const add = (kind: 'people' | 'places', name: string) => {
    lastKind = kind;
    if (!found.people.includes(name) && !found.places.includes(name)) found[kind].push(name);
  };

  for (const sentence of idea.split(/(?<=[.!?;:])\s+/u)) {
    const tokens = sentence.split(/\s+/u).filter(Boolean);
    const wordAt = (index: number) => bare(tokens[index] ?? '').replace(/^(?:l|d|qu)[’']/iu, '').replace(/[’']s$/u, '');
    let index = 0;
    while (index < tokens.length) {
      const word = wordAt(index);
      const before = bare(tokens[index - 1] ?? '').toLocaleLowerCase();
      if (!isCapitalised(word) || NOT_NAMES.has(word.toLocaleLowerCase())) {
        index++;
        continue;
      }
      // In German every noun has a capital: a word there is a name only when the tagger says so,
      // when it follows a noun it names ("Enkelin Lena", "Igel Stachel") or a place preposition,
      // or when it opens the idea followed by a comma ("Klaus, ein Beamter …").
      if (edition === 'de') {
        const afterNoun = index > 0 && isCapitalised(bare(tokens[index - 1] ?? '')) && !NOT_NAMES.has(before) && !/[,.;:]$/.test(tokens[index - 1] ?? '');
        const opens = index === 0 && /,$/.test(tokens[0] ?? '');
        // "im" fuses an article: after it stand common nouns ("im Nebel", "im Museum") and the
        // names of regions, which are compounds of a landscape word ("im Schwarzwald", "im Ahrtal").
        const region = /^\p{L}{4,}(?:wald|gebirge|tal|land|gau|see|viertel|kiez)$/u.test(word);
        const placed = PLACE_PREPOSITIONS.has(before) && (before !== 'im' || region);
        // "kehrt Heinrich in sein Dorf zurück": a capitalised word right after a verb, with no
        // article, is a name unless it reads as a plural or abstract noun ("sammelt Briefmarken").
        const afterVerb = index > 0 && /^\p{Ll}+t$/u.test(before) && !/(?:en|ern|eln|ung|heit|keit|schaft|ion|s)$/u.test(word);
        if (!tagged(word) && !afterNoun && !opens && !placed && !afterVerb && !CONJUNCTIONS.has(before)) {
          index++;
          continue;
        }
      } else if (index === 0 && !tagged(word) && !/,$/.test(tokens[0] ?? '') && !isNameLike(tokens, 0)) {
        // A sentence that opens with a capitalised common word ("Three home cooks…") names nobody.
        index++;
        continue;
      }
      // A run of capitalised words is one name ("Sam Okafor", "Cape Wrath", "Buenos Aires").
      const start = index;
      const words = [word];
      let end = index + 1;
      while (end < tokens.length && !/[,.;:!?]$/.test(tokens[end - 1] ?? '')) {
        const next = wordAt(end);
        if (!isCapitalised(next) || NOT_NAMES.has(next.toLocaleLowerCase())) break;
        // A German noun right after a name is its surname ("Greta Vogel"); after that, only tagged words.
        if (edition === 'de' && !tagged(next) && words.length > 1) break;
        words.push(next);
        end++;
      }
      index = end;
      const institution = words.findIndex((w) => INSTITUTIONS.test(w) || w.split('-').some((part) => INSTITUTIONS.test(part)));
      if (institution >= 0) {
        // "Accra United", "Hotel Adlon": the club or the hotel is not filmed, but a city in its name is a place.
        const town = words.slice(0, institution).join(' ');
        if (town && words.slice(0, institution).every((w) => places.has(w))) add('places', town);
        continue;
      }
      const name = words.join(' ');
      const preposition = bare(tokens[start - 1] ?? '').toLocaleLowerCase();
      const placeTagged = words.some((w) => places.has(w) && !people.has(w));
      // "la pescadora Rosario", "le commissaire Roux": a name right after an article and a noun is the
      // person that noun describes, whatever else the name may be (Rosario is also a city).
      const article = bare(tokens[start - 2] ?? '').toLocaleLowerCase();
      const describedPerson =
        edition !== 'de' && start >= 2 && ARTICLE_WORDS.has(article) && /^\p{Ll}+$/u.test(bare(tokens[start - 1] ?? '')) && !/[,.;:]$/u.test(tokens[start - 1] ?? '');
      // "Rosario, la última pescadora de perlas": an apposition that names a trade describes a person.
      // ("la Tierra, la ingeniera Carmen": a trade followed by a name describes that name instead.)
      const appositionWords = tokens.slice(end + 1, end + 4).map(bare);
      const apposition = /,$/u.test(tokens[end - 1] ?? '') && ARTICLE_WORDS.has(bare(tokens[end] ?? '').toLocaleLowerCase())
        && appositionWords.some((token) => AGENT_NOUN.test(token)) && !appositionWords.some(isCapitalised);
      // "la isla Margarita", "l'île Maurice": a name right after a place noun is that place.
      const placeNoun = edition !== 'en' && PLACE_NOUNS[edition].has(bare(tokens[start - 1] ?? '').replace(/^(?:l|d)[’']/iu, '').toLocaleLowerCase());
      let kind: 'people' | 'places' = 'people';
      if (CELESTIAL.has(name)) kind = 'places';
      else if (describedPerson || apposition) kind = 'people';
      else if (placeNoun) kind = 'places';
      else if (placeTagged) kind = 'places';
      else if (words.some((w) => people.has(w))) kind = 'people';
      else if (CONJUNCTIONS.has(preposition) && lastKind) kind = lastKind;
      else if (PLACE_PREPOSITIONS.has(preposition)) kind = 'places';
      else if (edition !== 'en' && /^(?:de|du|von)$/u.test(preposition) && PLACE_NOUNS[edition].has(bare(tokens[start - 2] ?? '').toLocaleLowerCase())) kind = 'places';
      add(kind, name);
    }
  }
  return found;
}

/** A sentence's first word is a name when a verb or a comma follows it ("Nora films…", "Gary accidentally…"). */
function isNameLike(tokens: string[], index: number): boolean {
  const next = bare(tokens[index + 1] ?? '').toLocaleLowerCase();
  if (!next) return false;
  if (['and', 'y', 'et', 'und', 'e', 'en'].includes(next)) return true;
  return /^(?:\p{Ll}+(?:s|ed|t|e|a|ent|en)|is|was|has|est|es|ist|hat)$/u.test(next) && !NOT_NAMES.has(next);
}
