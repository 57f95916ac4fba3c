/**
 * The thing a Spanish, French or German idea turns on ("roba una corona de oro", "cherche un
 * anneau volé", "sucht die gestohlene Geige"), read from the compromise editions' tags: the first
 * noun phrase a verb acts on, past a place the verb happens in ("busca en Sevilla al violinista").
 * Its gender comes from the article the idea gives it, so the kit's articles can agree with it.
 */
import type { ObjectGender } from '../languages/object-agreement.ts';
import type { KeyObject } from './key-object.ts';
import { PLACE_NOUNS } from './place-nouns.ts';
import type { TaggedTerm } from './taggers.ts';

type LatinLanguage = 'es' | 'fr' | 'de';

/** Verbs that link rather than act: what follows them describes, it is not acted on. */
const COPULAS: Record<LatinLanguage, ReadonlySet<string>> = {
  es: new Set(['es', 'son', 'era', 'está', 'están', 'estaba', 'ser', 'estar', 'parece', 'tiene', 'hay', 'vive', 'trabaja']),
  fr: new Set(['est', 'sont', 'était', 'être', 'semble', 'devient', 'a', 'ont', 'avait', 'vit', 'travaille']),
  de: new Set(['ist', 'sind', 'war', 'sein', 'wird', 'werden', 'scheint', 'hat', 'haben', 'hatte', 'lebt', 'arbeitet', 'gibt']),
};

/** Nouns no single shot can show; a story about them keeps the genre's own object. */
const ABSTRACT: Record<LatinLanguage, ReadonlySet<string>> = {
  es: new Set([
    'trabajo', 'vida', 'verdad', 'camino', 'tiempo', 'día', 'noche', 'oportunidad', 'misterio', 'historia', 'secreto', 'pasado', 'documental',
    'película', 'plan', 'golpe', 'caso', 'crimen', 'asesinato', 'carrera', 'partido', 'juego', 'temporada', 'sueño', 'amor', 'amistad', 'familia',
    'mundo', 'ayuda', 'equipo', 'amigo', 'amiga', 'nada', 'algo', 'todo', 'idea', 'respuesta', 'pregunta', 'miedo', 'valor', 'voz', 'nombre',
    'años', 'año', 'final', 'vez', 'manera', 'forma', 'culpable', 'pista', 'pistas', 'aventura', 'viaje', 'casa', 'competición', 'concurso',
  ]),
  fr: new Set([
    'travail', 'vie', 'vérité', 'chemin', 'temps', 'jour', 'nuit', 'chance', 'mystère', 'histoire', 'secret', 'passé', 'documentaire', 'film',
    'plan', 'coup', 'affaire', 'crime', 'meurtre', 'course', 'match', 'jeu', 'saison', 'rêve', 'amour', 'amitié', 'famille', 'maison', 'monde',
    'aide', 'équipe', 'ami', 'amie', 'rien', 'quelque', 'tout', 'idée', 'réponse', 'question', 'peur', 'courage', 'voix', 'nom', 'ans', 'an',
    'finale', 'fois', 'façon', 'coupable', 'piste', 'indice', 'indices', 'aventure', 'voyage', 'concours', 'compétition',
  ]),
  de: new Set([
    'arbeit', 'leben', 'wahrheit', 'weg', 'zeit', 'tag', 'nacht', 'chance', 'geheimnis', 'geschichte', 'vergangenheit', 'dokumentarfilm', 'film',
    'plan', 'coup', 'fall', 'verbrechen', 'mord', 'rennen', 'spiel', 'saison', 'traum', 'liebe', 'freundschaft', 'familie', 'zuhause', 'welt',
    'hilfe', 'team', 'freund', 'freundin', 'nichts', 'etwas', 'alles', 'idee', 'antwort', 'frage', 'angst', 'mut', 'stimme', 'name', 'jahre',
    'jahr', 'finale', 'mal', 'täter', 'täterin', 'spur', 'spuren', 'abenteuer', 'reise', 'haus', 'wettbewerb', 'wettkampf',
  ]),
};

/** An article (or possessive) and the gender it shows; undefined where it shows none. */
const ARTICLES: Record<LatinLanguage, Readonly<Record<string, ObjectGender | undefined>>> = {
  es: { el: 'm', un: 'm', al: 'm', del: 'm', la: 'f', una: 'f', su: undefined, mi: undefined, tu: undefined, este: 'm', esta: 'f', aquel: 'm', aquella: 'f' },
  fr: { le: 'm', un: 'm', du: 'm', au: 'm', la: 'f', une: 'f', son: undefined, sa: 'f', mon: undefined, ma: 'f', ce: 'm', cet: 'm', cette: 'f', "l'": undefined, 'l’': undefined },
  de: {
    das: 'n', ein: undefined, den: 'm', einen: 'm', der: 'm', die: 'f', eine: 'f', seine: 'f', ihre: 'f', meine: 'f', seinen: 'm', ihren: 'm',
    meinen: 'm', sein: undefined, ihr: undefined, mein: undefined, dieses: 'n', diesen: 'm', diese: 'f',
  },
};

const PREPOSITIONS: Record<LatinLanguage, ReadonlySet<string>> = {
  es: new Set(['en', 'por', 'desde', 'hacia', 'entre', 'con', 'sin', 'tras', 'sobre', 'de']),
  fr: new Set(['à', 'en', 'dans', 'par', 'depuis', 'vers', 'entre', 'avec', 'sans', 'sur', 'de']),
  de: new Set(['in', 'im', 'aus', 'nach', 'bei', 'von', 'vom', 'durch', 'mit', 'ohne', 'über', 'unter', 'auf']),
};

/**
 * Participles that say what befell the thing ("robada", "volé"): the kit's own sentence says it
 * again, so they are left out of the phrase. Any other adjective after the noun is part of its name
 * ("pièce montée", "pastel glaseado").
 */
const EVENT_PARTICIPLES: Record<'es' | 'fr', RegExp> = {
  es: /^(?:robad|perdid|desaparecid|escondid|secuestrad|olvidad|extraviad|hurtad|rot|maldit|robad|raptad)[oa]s?$/u,
  fr: /^(?:volé|perdu|disparu|caché|oublié|enlevé|kidnappé|cassé|brisé|dérobé|égaré|maudit|vendu)(?:e|s|es)?$/u,
};

const ADJECTIVE_GENDER = (tags: readonly string[]): ObjectGender | undefined =>
  tags.includes('FemaleNoun') ? 'f' : tags.includes('MaleNoun') ? 'm' : undefined;

const bare = (text: string) => text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
const isProper = (term: TaggedTerm) => ['ProperNoun', 'Person', 'Place', 'City', 'Country', 'FirstName'].some((tag) => term.tags.includes(tag));
const endsClause = (term: TaggedTerm) => /[,.;:!?]/u.test(term.post ?? '');

export function latinKeyObject(terms: readonly TaggedTerm[], language: LatinLanguage, people: readonly string[]): KeyObject | undefined {
  const words = terms.filter((term) => term.text !== '' || term.tags.includes('Determiner'));
  for (let index = 0; index < words.length; index++) {
    const verb = words[index]!;
    if (!verb.tags.includes('Verb') || COPULAS[language].has(bare(verb.text).toLocaleLowerCase()) || endsClause(verb)) continue;
    const found = objectAfter(words, index + 1, language, people);
    if (found) return found;
  }
  return undefined;
}

/** The noun phrase a verb acts on, starting at `start`, or undefined when the clause has none. */
function objectAfter(words: readonly TaggedTerm[], start: number, language: LatinLanguage, people: readonly string[]): KeyObject | undefined {
  let at = start;
  let gender: ObjectGender | undefined;
  let sawArticle = false;
  // Past an adverb or a named place the verb happens in ("busca en Sevilla …", "sucht in Hamburg …").
  for (let step = 0; step < 6 && at < words.length; step++) {
    const term = words[at]!;
    const word = bare(term.text).toLocaleLowerCase();
    if (term.tags.includes('Adverb')) {
      at++;
      continue;
    }
    if (PREPOSITIONS[language].has(word) && words[at + 1] && isProper(words[at + 1]!)) {
      at += 2;
      while (words[at] && isProper(words[at]!) && !endsClause(words[at - 1]!)) at++;
      continue;
    }
    // Spanish marks a person acted on with "a" ("busca al violinista"): "al" is a + el.
    if (language === 'es' && (word === 'a' || word === 'al')) {
      if (word === 'al') {
        gender = 'm';
        sawArticle = true;
      }
      at++;
      continue;
    }
    break;
  }
  // French glues the article to the noun ("l'anneau"): the tagger may hand over either piece.
  const first = words[at];
  if (!first) return undefined;
  const firstWord = bare(first.text).toLocaleLowerCase();
  const elided = /^[ld][’']/iu.test(first.text) ? first.text.slice(2) : undefined;
  if (elided !== undefined) {
    sawArticle = true;
  } else if (firstWord in ARTICLES[language] || first.tags.includes('Determiner')) {
    gender = ARTICLES[language][firstWord] ?? gender;
    sawArticle = true;
    at++;
  }
  if (!sawArticle) return undefined;
  const phrase: string[] = elided ? [elided] : [];
  let head: TaggedTerm | undefined = elided ? first : undefined;
  for (; at < words.length && phrase.length < 4; at++) {
    const term = words[at]!;
    const word = bare(term.text);
    if (!word || term.tags.includes('Determiner') || term.tags.includes('Preposition') || term.tags.includes('Conjunction')) break;
    if (isProper(term) || people.some((name) => name.split(/\s+/u).includes(word))) return undefined;
    const noun = term.tags.includes('Noun');
    if (language === 'de') {
      // German: the noun alone; the adjectives before it are declined again by the kit's sentence.
      if (/^\p{Lu}/u.test(word) && noun) {
        // A trade before a name is the person's title ("der Privatdetektiv Otto Brandt"), not what
        // is acted on: the object comes after the name, if anywhere.
        const next = words[at + 1];
        if (next && (isProper(next) || people.some((name) => name.split(/\s+/u).includes(bare(next.text))))) {
          let after = at + 1;
          while (words[after] && (isProper(words[after]!) || people.some((name) => name.split(/\s+/u).includes(bare(words[after]!.text))))) after++;
          return endsClause(words[after - 1]!) ? undefined : objectAfter(words, after, language, people);
        }
        phrase.splice(0, phrase.length, word);
        head = term;
        if (gender === undefined) gender = ADJECTIVE_GENDER(term.tags) ?? 'n';
        break;
      }
      if (term.tags.includes('Adjective') || /^\p{Ll}/u.test(word)) continue;
      break;
    }
    // Spanish and French: the noun, a "de" complement ("corona de oro"), and a plain adjective
    // after it; a participle ("desaparecido", "volé") is left to the kit's own sentence.
    if (head && EVENT_PARTICIPLES[language].test(word.toLocaleLowerCase())) break;
    if (head && !noun && !term.tags.includes('Adjective')) break;
    phrase.push(word);
    if (noun && !head) head = term;
    if (endsClause(term)) break;
    const next = words[at + 1];
    if (head && next && bare(next.text).toLocaleLowerCase() === 'de' && words[at + 2] && !isProper(words[at + 2]!) && !words[at + 2]!.tags.includes('Determiner')) {
      phrase.push('de', bare(words[at + 2]!.text));
      break;
    }
  }
  if (!head || phrase.length === 0) return undefined;
  const headWord = bare(head.text).replace(/^[ld][’']/iu, '').toLocaleLowerCase();
  if (ABSTRACT[language].has(headWord) || PLACE_NOUNS[language].has(headWord)) return undefined;
  const text = language === 'de' ? phrase.join(' ') : phrase.join(' ').toLocaleLowerCase();
  return { phrase: text, gender: gender ?? ADJECTIVE_GENDER(head.tags) ?? (language === 'de' ? 'n' : 'm') };
}
