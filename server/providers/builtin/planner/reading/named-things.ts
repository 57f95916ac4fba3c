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
import type { Tokenizer } from 'kuromoji';
import { japaneseTokenizer } from '../../../../media/japanese-reading.ts';
import type { Language } from '../kits/kit.types.ts';
import { ROLES } from '../lexicon.ts';
import { PLACE_NOUNS } from './place-nouns.ts';
import { chineseTagger, latinEdition, taggerFor, type Edition, type TagZh, type Tagger } from './taggers.ts';

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
        if (!tagged(word) && !afterNoun && !opens && !placed && !CONJUNCTIONS.has(before)) {
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
      if (words.some((w) => INSTITUTIONS.test(w) || w.split('-').some((part) => INSTITUTIONS.test(part)))) continue;
      const name = words.join(' ');
      const preposition = bare(tokens[start - 1] ?? '').toLocaleLowerCase();
      const placeTagged = words.some((w) => places.has(w) && !people.has(w));
      // "la pescadora Rosario", "le commissaire Roux": a name right after an article and a noun is the
      // person that noun describes, whatever else the name may be (Rosario is also a city).
      const article = bare(tokens[start - 2] ?? '').toLocaleLowerCase();
      const describedPerson =
        edition !== 'de' && start >= 2 && ARTICLE_WORDS.has(article) && /^\p{Ll}+$/u.test(bare(tokens[start - 1] ?? '')) && !/[,.;:]$/u.test(tokens[start - 1] ?? '');
      let kind: 'people' | 'places' = 'people';
      if (describedPerson) kind = 'people';
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

// ---------------------------------------------------------------------------------------------
// Chinese

const ROLE_WORDS_ZH = new Set(ROLES.flatMap((role) => role.zh));
const HAN_NAME = /^[\u4e00-\u9fff]{2,3}$/u;
const NUMERAL_START = /^[一二两三四五六七八九十几每某这那]/u;
const PLACE_LEADS = new Set(['在', '从', '去', '到', '来到', '前往', '回到', '离开', '穿越', '飞往', '住在', '搬进', '拉回']);

function namedInChinese(idea: string, tagZh: TagZh): NamedThings {
  const tokens = tagZh(idea);
  const found: NamedThings = { people: [], places: [] };
  const add = (list: string[], name: string) => {
    if (!found.people.includes(name) && !found.places.includes(name)) list.push(name);
  };
  const roleLike = (index: number) => {
    const token = tokens[index];
    if (!token) return false;
    if (ROLE_WORDS_ZH.has(token.word)) return true;
    if (token.tag === 'm') return !NUMERAL_START.test(token.word);
    return /^(?:n|nr|nrt|vn|nz)$/u.test(token.tag) && token.word.length >= 2;
  };
  // A name ends where a verb, a preposition, a conjunction or punctuation follows; never 的, and
  // never 里 or 上 (a thing has an inside, a person does not: 真人秀里).
  const endsPhrase = (index: number) => {
    const token = tokens[index];
    return !token || /^(?:v|vn|p|c|d|x|r|ul)$/u.test(token.tag);
  };

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const { word, tag } = token;
    // Quoted names: “织女”.
    if (/^[“「『"]$/u.test(word) && tokens[index + 2] && /^[”」』"]$/u.test(tokens[index + 2]!.word) && HAN_NAME.test(tokens[index + 1]!.word)) {
      add(found.people, tokens[index + 1]!.word);
      index += 2;
      continue;
    }
    if (tag === 'ns' || (/^nr/u.test(tag) && PLACE_LEADS.has(tokens[index - 1]?.word ?? ''))) {
      if (word.length >= 2) add(found.places, word);
      continue;
    }
    // A familiar name right after a role: 徒弟阿杰, 评委老刘, 高手老周 (the tagger may split it).
    const joined = word + (tokens[index + 1]?.word ?? '');
    const familiar = /^(?:老|小|阿)[\u4e00-\u9fff]/u.exec(word.length === 1 ? joined : word);
    // 老板 or 小说 are words (the tagger says n); 老周, 小雨 and 阿杰 are not.
    if (familiar && roleLike(index - 1) && !ROLE_WORDS_ZH.has(word) && !/^(?:n|v|vn|nz|ns)$/u.test(tag)) {
      const name = (word.length === 1 ? joined : word).slice(0, word.length >= 2 && word.length <= 3 ? word.length : 2);
      add(found.people, name);
      if (word.length === 1) index++;
      continue;
    }
    const atStart = index === 0;
    const unknownAfterRole = (tag === 'x' || /^nr/u.test(tag)) && HAN_NAME.test(word) && (roleLike(index - 1) || atStart) && endsPhrase(index + 1);
    // A doubled syllable after a creature is a pet name: 小兔子豆豆.
    const doubled = word.length === 2 && word[0] === word[1] && roleLike(index - 1);
    if ((unknownAfterRole || doubled) && !ROLE_WORDS_ZH.has(word) && !word.endsWith('子')) add(found.people, word);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Japanese

/** Loanwords that sit where names do ("エースになる"). */
const JA_NOT_NAMES = new Set(['エース', 'チーム', 'ヒーロー', 'スター', 'ボス', 'リーダー']);

function namedInJapanese(idea: string, tokenizer: Tokenizer): NamedThings {
  const tokens = tokenizer.tokenize(idea);
  const found: NamedThings = { people: [], places: [] };
  const add = (list: string[], name: string) => {
    if (!found.people.includes(name) && !found.places.includes(name)) list.push(name);
  };
  const personal = (index: number) => tokens[index]?.pos_detail_1 === '固有名詞' && tokens[index]?.pos_detail_2 === '人名';
  const katakanaName = (word: string | undefined) => word !== undefined && /^[\u30a0-\u30ff]{2,6}$/u.test(word) && !JA_NOT_NAMES.has(word);
  tokens.forEach((token, index) => {
    const word = token.surface_form;
    if (token.pos !== '名詞') return;
    // A name with an honorific is a person as the idea calls them: 源さん, ミオちゃん.
    const honorific = tokens[index + 1];
    if (honorific && ['さん', 'くん', 'ちゃん', '様', 'さま'].includes(honorific.surface_form) && (token.pos_detail_1 === '固有名詞' || katakanaName(word) || /^[\u4e00-\u9fff]$/u.test(word))) {
      return add(found.people, word + honorific.surface_form);
    }
    // The given name after a family name is part of it: 佐藤ハル, 山田太郎.
    if (personal(index - 1) && tokens[index - 1]?.pos_detail_3 === '姓' && (personal(index) || katakanaName(word))) return;
    if (token.pos_detail_1 === '固有名詞' && token.pos_detail_2 === '地域' && word.length >= 2) return add(found.places, word);
    if (personal(index) && token.pos_detail_3 === '姓' && (personal(index + 1) || katakanaName(tokens[index + 1]?.surface_form))) {
      return add(found.people, word + tokens[index + 1]!.surface_form);
    }
    if (personal(index) && word.length >= 2) return add(found.people, word);
    // A katakana name the dictionary does not know: after の, a verb or a role noun ("青年ソウタ"),
    // and followed by a particle that makes it the one who acts or is met (は, が, と, に).
    const next = tokens[index + 1];
    const before = tokens[index - 1];
    const katakana = katakanaName(word);
    const acts = next?.pos === '助詞' && ['は', 'が', 'と', 'に'].includes(next.surface_form);
    const introduced = !before || before.surface_form === 'の' || before.pos === '動詞' || (before.pos === '名詞' && before.pos_detail_1 === '一般');
    if (katakana && acts && introduced) add(found.people, word);
  });
  return found;
}
