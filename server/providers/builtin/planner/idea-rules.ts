/**
 * Reads an idea by rules: the language, the genre cues, who the protagonist is, what they do,
 * where and when it happens. It understands simple one-sentence ideas ("A detective cat solves a
 * mystery in a rainy Tokyo alley", "一只侦探猫在雨夜的东京小巷里破案") and falls back to the
 * genre's defaults for anything it cannot find.
 */
import { genreCueCounts } from './genre-cues.ts';
import { GENRE_KITS } from './kits/index.ts';
import type { Genre, GenreKit, Language } from './kits/kit.types.ts';
import {
  KINDS,
  ROLES,
  TIME_PATTERNS,
  WEATHER_PATTERNS,
  type KindWord,
  type RoleWord,
  type TimeOfDay,
  type Weather,
} from './lexicon.ts';
import { findLocation, type LocationCue } from './location-rules.ts';
import { PLAN_WORDS } from './languages/plan-words.ts';
import type { ObjectGender } from './languages/object-agreement.ts';
import { capitalize } from './text-utils.ts';

export type Culture = 'japanese' | 'chinese' | 'western';
/** A character's gender where the language's words agree with it. */
export type PersonGender = 'f' | 'm';

export interface ProtagonistCue {
  /** As the idea says it, without article: "detective cat", "侦探猫". */
  phrase: string;
  kind: KindWord | undefined;
  role: RoleWord | undefined;
  /** A name the idea gives ("Mira, a young pilot, …"). */
  name: string | undefined;
}

export interface IdeaAnalysis {
  idea: string;
  language: Language;
  genre: Genre;
  kit: GenreKit;
  protagonist: ProtagonistCue;
  /** What the protagonist does, from the idea: "solves a mystery in a rainy Tokyo alley". */
  predicate: string;
  location: LocationCue;
  timeOfDay: TimeOfDay;
  weather: Weather | undefined;
  culture: Culture;
  /** People and creatures the idea names besides the hero, in order; they fill roles before anyone is invented. */
  supportingNames: string[];
  /** Places the idea names after the first, where later scenes happen. */
  laterPlaces: string[];
  /** Says why the plan is not in the idea's language, when it is not. */
  languageNote?: string;
  /** The thing the idea's story turns on ("golden key"); it stands in for the genre's stock object. */
  keyObject?: string;
  /** The key object's grammatical gender where the language has one (the kit's articles agree with it). */
  keyObjectGender?: ObjectGender;
  /** The hero's gender when the idea tells it (a pronoun, the hero's noun, the name). */
  heroGender?: PersonGender;
  /**
   * What the hero does, event by event, when the idea points to no genre: "enters a village
   * bake-off", "burns her first loaf", "wins with her grandmother's recipe". The story's beats are
   * built on them in place of the fallback genre's stock ones (idea-plan.builder.ts).
   */
  events?: string[];
  /** Set when no word of the idea points to a genre, so the genre is the fallback (drama). */
  uncued?: true;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

const GENRE_CUES: ReadonlyArray<[Genre, RegExp]> = [
  ['mystery', /\b(myster(?:y|ies)|detective|sleuth|murder\w*|crime|clues?|case|solv\w+|investigat\w*|thief|theft|stolen|steal\w*|missing|noir|suspect|culprit|heist|whodunit|disappear\w*|ghost|haunted)\b|侦探|破案|案|谜|线索|凶手|失踪|偷|盗|嫌疑|调查|鬼|幽灵/gi],
  ['romance', /\b(love|loves|romance|romantic|crush|dates?|dating|wedding|sweetheart|kiss\w*|valentine|soulmate|falls? for|in love)\b|爱|恋|喜欢|约会|婚|心动|表白|浪漫/gi],
  ['space', /\b(space|spaceship|starship|spacecraft|astronaut\w*|planets?|galax\w+|mars|orbit\w*|aliens?|cosmic|rocket|asteroid|nebula|moon base)\b|太空|宇宙|飞船|星球|空间站|太空站|火星|月球|宇航员|外星|星际|银河/gi],
  ['adventure', /\b(adventure\w*|treasure|quest|journey|explor\w+|expedition|dragons?|pirates?|map|lost city|kingdom|sword|knights?|voyage|wizards?|witch\w*|magic\w*|spells?|fair(?:y|ies)|princess|prince|castle|samurai|ninjas?)\b|冒险|宝藏|寻宝|探险|龙|海盗|地图|王国|旅程|远征|骑士|巫师|魔法|女巫|公主|王子|城堡|武士|忍者/gi],
];

const DETERMINERS = new Set(['a', 'an', 'the', 'one', 'my', 'our', 'his', 'her', 'their', 'this', 'that', 'some']);
const NUMBERS = new Set(['two', 'three', 'four', 'five', 'several', 'few', 'many']);
const STOPS = new Set([
  'who', 'that', 'which', 'in', 'on', 'at', 'with', 'from', 'to', 'and', 'but', 'or', 'where', 'when', 'while', 'as',
  'must', 'can', 'could', 'will', 'would', 'should', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'for', 'of',
  'into', 'inside', 'aboard', 'under', 'across', 'through', 'after', 'before', 'during', 'by', 'near', 'finally',
  'suddenly', 'secretly', 'always', 'never', 'gets', 'becomes', 'tries', 'wants', 'needs',
]);
const VERBS = new Set([
  'find', 'meet', 'discover', 'travel', 'search', 'fall', 'try', 'learn', 'go', 'become', 'build', 'fight', 'save',
  'explore', 'escape', 'solve', 'uncover', 'chase', 'hunt', 'investigate', 'race', 'protect', 'steal', 'start', 'open',
  'return', 'lose', 'win', 'face', 'join', 'help', 'make', 'take', 'dream', 'wake', 'run', 'sail', 'fly', 'survive',
  'hide', 'need', 'want', 'hope', 'decide', 'set', 'embark', 'journey', 'battle', 'rescue', 'defend', 'confront',
  'follow', 'track', 'stumble', 'befriend', 'love', 'plan', 'awaken', 'guard', 'deliver', 'repair', 'fix', 'cook',
  'sing', 'dance', 'paint', 'write', 'look', 'wander', 'walk', 'get', 'keep', 'catch', 'crack', 'unravel', 'answer',
]);
const ZH_QUANTIFIER = /^(?:有)?(?:一|两|三|几|某)?(?:只|个|位|名|条|头|匹|群|对|台|艘|支|队)/;
const ZH_STOPS = [
  '在', '和', '与', '跟', '要', '想', '必须', '正在', '决定', '为了', '试图', '爱上', '发现', '寻找', '找到', '遇到', '遇见',
  '穿越', '前往', '来到', '去', '被', '把', '将', '破案', '解开', '踏上', '学会', '拯救', '守护', '调查', '追查', '追踪',
  '逃离', '回到', '离开', '带着', '开始', '终于', '坠入', '偷', '保护', '对抗', '打败', '帮助', '救', '从', '独自', '每天',
  '，', ',', '。', '！', '？', '；', '：', ' ',
];

/**
 * Analyses a trimmed, non-empty idea. `planned` is the language the plan is written in (see
 * reading/idea-language.ts); by default Chinese when the idea has Han characters, else English.
 */
export function analyzeIdea(rawIdea: string, planned?: Language): IdeaAnalysis {
  const idea = rawIdea.replace(/\s+/g, ' ').trim();
  const language: Language = planned ?? (CJK.test(idea) ? 'zh' : 'en');
  const found = readProtagonist(idea, language);
  const { genre, cued } = detectGenre(idea, found?.cue?.role);
  const kit = GENRE_KITS[genre];
  const text = kit[language];
  const protagonist = found?.cue ??
    readProtagonist(text.defaultProtagonist, language)?.cue ?? { phrase: text.defaultProtagonist, kind: undefined, role: undefined, name: undefined };
  // Without a protagonist the idea is not a sentence about someone, so it cannot continue one.
  const predicate = found ? found.predicate : '';
  const location =
    findLocation(idea, language) ?? {
      name: capitalize(text.defaultLocation),
      phrase: text.defaultLocation,
      inSentence: text.defaultLocation,
      setting: kit.defaultSetting,
      proper: false,
    };
  const events = cued || !found ? [] : predicateEvents(predicate, language);
  return {
    ...(events.length >= 2 ? { events } : {}),
    ...(cued ? {} : { uncued: true as const }),
    idea,
    language,
    genre,
    kit,
    protagonist,
    predicate,
    location,
    timeOfDay: firstMatch(idea, TIME_PATTERNS) ?? kit.defaultTime,
    weather: WEATHER_PATTERNS.find(([pattern]) => pattern.test(idea))?.[1],
    culture: detectCulture(idea, language),
    supportingNames: [],
    laterPlaces: [],
  };
}

/** How prose refers to the place: "the Tokyo alley", "Paris", "东京小巷". */
export function placeReference(analysis: IdeaAnalysis): string {
  return PLAN_WORDS[analysis.language].placeReference(analysis.location);
}

/**
 * Who the idea's sentence is about and what they do. The rules read English and Chinese sentences;
 * in the other languages the named people come from the taggers (reading/named-things.ts) and the
 * genre's usual hero describes them.
 */
function readProtagonist(text: string, language: Language): FoundProtagonist | undefined {
  if (language === 'zh') return protagonistZh(text);
  if (language === 'en') return protagonistEn(text);
  return undefined;
}

/**
 * The genre with the most cue words in the idea: the kits' own cues (genre-cues.ts), and for a kit
 * that lists none yet the older English and Chinese patterns above; the hero's role counts once
 * ("detective" points to a mystery). Drama when nothing points anywhere.
 */
function detectGenre(idea: string, role: RoleWord | undefined): { genre: Genre; cued: boolean } {
  const scores = genreCueCounts(idea);
  for (const [genre, pattern] of GENRE_CUES) {
    if (GENRE_KITS[genre].cues.en.length > 0) continue;
    const hits = idea.match(pattern)?.length ?? 0;
    if (hits > 0) scores.set(genre, (scores.get(genre) ?? 0) + hits);
  }
  if (role) {
    for (const [genre, pattern] of GENRE_CUES) if (role.en.match(pattern)) scores.set(genre, (scores.get(genre) ?? 0) + 1);
  }
  let best: Genre = 'drama';
  let bestScore = 0;
  for (const [genre, score] of scores) {
    if (score > bestScore) {
      best = genre;
      bestScore = score;
    }
  }
  return { genre: best, cued: bestScore > 0 };
}

function detectCulture(idea: string, language: Language): Culture {
  if (/tokyo|kyoto|osaka|japan|shibuya|shinjuku|东京|京都|大阪|日本|新宿|涩谷/i.test(idea)) return 'japanese';
  if (/shanghai|beijing|hong kong|china|chinese|chengdu|上海|北京|香港|中国|长安|成都|重庆/i.test(idea)) return 'chinese';
  return language === 'zh' ? 'chinese' : language === 'ja' ? 'japanese' : 'western';
}

function firstMatch<T>(text: string, patterns: ReadonlyArray<[RegExp, T]>): T | undefined {
  let best: { index: number; value: T } | undefined;
  for (const [pattern, value] of patterns) {
    const match = pattern.exec(text);
    if (match && (!best || match.index < best.index)) best = { index: match.index, value };
  }
  return best?.value;
}

const bare = (token: string) => token.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text);
const stripEnd = (text: string) => text.replace(/[\s.!?。！？…]+$/u, '').trim();

function nounAt(words: string[], index: number): { kind?: KindWord; role?: RoleWord; length: number } | undefined {
  for (const length of [2, 1]) {
    const phrase = words.slice(index, index + length).join(' ');
    if (phrase.split(' ').length !== length) continue;
    const singular = phrase.replace(/(?<=[^s])s$/, '');
    const role = ROLES.find((r) => [r.en, ...r.enAlt].some((w) => w === phrase || w === singular));
    const kind = KINDS.find((k) => [k.en, ...k.enAlt].some((w) => w === phrase || w === singular));
    if (role || kind) return { role, kind, length };
  }
  return undefined;
}

function isVerb(word: string, previous: string | undefined): boolean {
  if (VERBS.has(word)) return true;
  const base = word.replace(/ies$/, 'y').replace(/(?<=(?:ch|sh|x|ss|o))es$/, '').replace(/s$/, '');
  if (base !== word && VERBS.has(base)) return true;
  return /[^su]s$/.test(word) && word.length > 3 && previous !== undefined && !NUMBERS.has(previous);
}

interface FoundProtagonist {
  /** Undefined when the subject is only a pronoun ("She finds…", "他在…"): the kit supplies who. */
  cue: ProtagonistCue | undefined;
  predicate: string;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'you', 'it', '他', '她', '它', '他们', '她们', '我', '我们', '你', '你们']);

function protagonistEn(idea: string): FoundProtagonist | undefined {
  let text = idea;
  let name: string | undefined;
  const named = /^([A-Z][\p{L}'-]+),\s+(an?\s+[^,]+),\s*(.*)$/u.exec(text);
  // "Nora is a documentary filmmaker who follows …": the name is the hero and the noun phrase
  // after "is" describes her; without this the sentence reads as a hero called "Nora is".
  const copula = named ? undefined : /^([A-Z][\p{L}'-]+)\s+is\s+(an?\s+[^,]+?)\s+(?:who|that)\s+(.*)$/u.exec(text);
  if (named ?? copula) {
    const [, who, description, rest] = (named ?? copula)!;
    name = who;
    text = `${description} who ${rest}`;
  }
  // "In a rainy alley, a cat …" / "Once upon a time, …": the subject comes after the comma.
  const lead = /^(?:in|on|at|one|once|after|when|during|while|under|inside|aboard|deep|far|long)\b[^,]{0,60},\s*(.+)$/i.exec(text);
  if (lead?.[1]) text = lead[1];
  const tokens = text.split(' ');
  const words = tokens.map(bare);
  let index = 0;
  while (index < words.length && DETERMINERS.has(words[index] ?? '')) index++;
  const start = index;
  const phrase: string[] = [];
  let role: RoleWord | undefined;
  let kind: KindWord | undefined;
  let structural = false;
  while (index < tokens.length && phrase.length < 6) {
    const word = words[index] ?? '';
    const token = tokens[index] ?? '';
    if (!word) {
      index++;
      continue;
    }
    if (STOPS.has(word)) {
      structural = phrase.length > 0;
      break;
    }
    const noun = nounAt(words, index);
    if (noun) {
      role ??= noun.role;
      kind ??= noun.kind;
      phrase.push(...tokens.slice(index, index + noun.length).map((t) => t.replace(/[,.;:!?]+$/, '')));
      index += noun.length;
      if (/[,.;:!?]$/.test(tokens[index - 1] ?? '')) break;
      continue;
    }
    // "Detective Miko solves …": a capitalised word right after the noun is a name.
    if ((role || kind) && !name && /^\p{Lu}\p{Ll}+$/u.test(token.replace(/[,.;:!?]+$/, '')) && !nounAt(words, index + 1)) {
      name = token.replace(/[,.;:!?]+$/, '');
      index++;
      continue;
    }
    if (role || kind || isVerb(word, words[index - 1])) {
      structural = phrase.length > 0;
      break;
    }
    phrase.push(token.replace(/[,.;:!?]+$/, ''));
    index++;
    if (/[,.;:!?]$/.test(token)) break;
  }
  if (phrase.length === 0 || (!role && !kind && !structural)) return undefined;
  let rest = tokens.slice(index).join(' ').replace(/^(?:who|that|which)\s+/i, '');
  const called = /^(?:named|called)\s+(\p{Lu}[\p{L}'-]*),?\s*(.*)$/u.exec(rest);
  if (called) {
    name ??= called[1];
    rest = (called[2] ?? '').replace(/^(?:who|that|which)\s+/i, '');
  }
  if (phrase.length === 1 && PRONOUNS.has(bare(phrase[0] ?? ''))) return { cue: undefined, predicate: stripEnd(rest) };
  return {
    // A capital that only opens the sentence is not part of the phrase ("Detective cat solves …").
    cue: { phrase: (start === 0 ? lowerFirst(phrase.join(' ')) : phrase.join(' ')), kind, role, name },
    predicate: stripEnd(rest),
  };
}

function longestIn<T extends { zh: string[] }>(text: string, entries: readonly T[]): T | undefined {
  let best: { entry: T; length: number } | undefined;
  for (const entry of entries) {
    for (const word of entry.zh) if (text.includes(word) && (!best || word.length > best.length)) best = { entry, length: word.length };
  }
  return best?.entry;
}

function protagonistZh(idea: string): FoundProtagonist | undefined {
  const text = idea.replace(ZH_QUANTIFIER, '');
  let end = text.length;
  for (const stop of ZH_STOPS) {
    const at = text.indexOf(stop, 1);
    if (at > 0 && at < end) end = at;
  }
  let phrase = text.slice(0, Math.min(end, 12)).trim();
  // "东京小巷里的侦探猫": the place before 的 is where, not who.
  const modifiers = phrase.split('的');
  if (modifiers.length > 1 && findLocation(modifiers.slice(0, -1).join('的'), 'zh')) phrase = modifiers.at(-1) ?? phrase;
  if (!phrase) return undefined;
  const predicate = stripEnd(text.slice(end).replace(/^[，,\s]+/, ''));
  if (PRONOUNS.has(phrase)) return { cue: undefined, predicate };
  const kind = longestIn(phrase, KINDS);
  const role = longestIn(phrase, ROLES);
  if (!kind && !role && end === text.length) return undefined;
  // "宇航员小明": a role followed by a short word that is no creature is a name.
  const roleWord = role?.zh.find((word) => phrase.startsWith(word));
  const rest = roleWord ? phrase.slice(roleWord.length) : '';
  const name = rest.length >= 1 && rest.length <= 3 && !rest.includes('的') && !kind ? rest : undefined;
  if (name) phrase = roleWord ?? phrase;
  return { cue: { phrase, kind, role, name }, predicate };
}

const EN_JOINS = /(\s*[,;]\s*(?:and then\s+|and\s+|then\s+|but\s+)?|\s+(?:and then|then|but|until|before finally|and)\s+)/iu;
const ZH_JOINS = /[，,；;。！？]|然后|接着|随后|最后|终于|但是|却/u;

/**
 * The hero's events in the predicate, in order. English: the predicate split at commas and at
 * "and", "then", "but", "until", a piece kept as an event when it opens with a verb ("burns her
 * first loaf") and joined back to the one before when it does not ("bread and milk"). Chinese: the
 * clauses between commas and 然后, 接着, 最后 ….
 */
export function predicateEvents(predicate: string, language: Language): string[] {
  if (language === 'zh') return predicate.split(ZH_JOINS).map((part) => part.trim()).filter((part) => part.length >= 2).slice(0, 5);
  if (language !== 'en') return [];
  const parts = predicate.split(EN_JOINS);
  const events: string[] = [];
  for (let index = 0; index < parts.length; index += 2) {
    const piece = stripEnd(parts[index] ?? '').trim();
    if (!piece) continue;
    const [first = '', ...rest] = piece.split(' ');
    // As after a subject: a word ending in -s is a verb here ("burns", "enters").
    const opensWithVerb = isVerb(bare(first), 'she') && rest.length > 0;
    if (opensWithVerb || events.length === 0) events.push(piece);
    else events[events.length - 1] = `${events[events.length - 1]}${parts[index - 1] ?? ' '}${piece}`;
  }
  return events.slice(0, 5);
}
