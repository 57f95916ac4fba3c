/**
 * Finds where an idea happens: the first prepositional phrase that names a place ("in a rainy
 * Tokyo alley") or, in Chinese, the place after 在 ("在雨夜的东京小巷里"). Weather and light words
 * leave the name (they belong to the description), so "a rainy Tokyo alley" is "Tokyo alley".
 */
import type { Language } from './kits/kit.types.ts';
import { ATMOSPHERE_EN, PLACES_EN, PLACES_ZH, type SettingKind } from './lexicon.ts';

export interface LocationCue {
  /** Short name: "Tokyo alley", "东京小巷". */
  name: string;
  /** As the idea says it, weather included: "rainy Tokyo alley", "雨夜的东京小巷". */
  phrase: string;
  setting: SettingKind;
  /** The name as it reads mid-sentence, with the idea's own capitals: "Tokyo alley", "island". */
  inSentence: string;
  /** A bare proper name ("Paris") takes no article in English. */
  proper: boolean;
}

const PREPOSITIONS = new Set([
  'in', 'inside', 'on', 'at', 'aboard', 'under', 'beneath', 'across', 'through', 'within', 'near', 'around',
  'among', 'into', 'onto', 'to', 'toward', 'towards', 'from', 'over', 'along', 'throughout',
]);
const ARTICLES = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'my', 'our', 'this', 'that', 'some']);
const PHRASE_ENDS = new Set([
  'and', 'but', 'or', 'where', 'while', 'when', 'who', 'that', 'which', 'with', 'to', 'as', 'during', 'after',
  'before', 'until', 'because', 'so', 'for', 'at', 'in', 'on', 'by', 'from', 'into', 'is', 'are', 'was', 'were',
]);
const ZH_PLACE_MARKERS = /(?<![现存正实自所好])在(?![乎意])|来到|前往|穿越|位于|(?<![过失回出进上下离死])去/g;
const ZH_BREAKS = /[和与跟去到个只位了着过把被从向对]/g;
const PLANETS = new Set(['mars', 'venus', 'jupiter', 'saturn', 'the moon', 'moon', 'europa', 'titan']);
const ZH_WEATHER_ONLY = /^(?:雨夜|雨天|雨中|雨后|雪夜|雪天|雾中|深夜|午夜|夜晚|夜里|夜|晚上|黄昏|清晨|黎明|傍晚|白天|月光下|阳光下|暴风雨中|风雨中|下雨|下雪|大雨|小雨|细雨|冬夜|夏夜|秋夜|春夜)$/;
const ZH_SUFFIXES = ['附近', '之中', '里', '中', '内', '上', '外', '旁', '边', '下'];

/** The idea's location, or undefined when it names none. */
export function findLocation(idea: string, language: Language): LocationCue | undefined {
  // Other languages' places come from the taggers (reading/named-things.ts).
  if (language === 'zh') return findLocationZh(idea);
  return language === 'en' ? findLocationEn(idea) : undefined;
}

function placeNounAt(words: string[], index: number): { setting: SettingKind; length: number } | undefined {
  for (const length of [2, 1]) {
    const slice = words.slice(index, index + length);
    if (slice.length !== length) continue;
    const phrase = slice.join(' ').toLowerCase();
    const entry = PLACES_EN.find((place) => place.words.includes(phrase));
    if (entry) return { setting: entry.setting, length };
  }
  return undefined;
}

function findLocationEn(idea: string): LocationCue | undefined {
  const tokens = idea.split(' ');
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? '';
    if (!PREPOSITIONS.has(token.toLowerCase()) || /[,.;:!?]$/.test(token)) continue;
    const words: string[] = [];
    for (let next = index + 1; next < tokens.length; next++) {
      const raw = tokens[next] ?? '';
      const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}'-]+$/gu, '');
      if (words.length === 0 && ARTICLES.has(word.toLowerCase())) continue;
      if (!word || PHRASE_ENDS.has(word.toLowerCase())) break;
      words.push(word);
      if (/[,.;:!?]$/.test(raw) || words.length >= 7) break;
    }
    const cue = locationFromWords(words);
    if (cue) return cue;
  }
  return placeAfterArticle(tokens);
}

/** "… must cross the sea": no preposition, but an article whose short phrase ends in a place. */
function placeAfterArticle(tokens: string[]): LocationCue | undefined {
  for (let index = 1; index < tokens.length; index++) {
    if (!ARTICLES.has((tokens[index] ?? '').toLowerCase()) || /[,.;:!?]$/.test(tokens[index] ?? '')) continue;
    const words: string[] = [];
    for (let next = index + 1; next < tokens.length && words.length < 4; next++) {
      const raw = tokens[next] ?? '';
      const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}'-]+$/gu, '');
      if (!word || PHRASE_ENDS.has(word.toLowerCase()) || ARTICLES.has(word.toLowerCase())) break;
      words.push(word);
      if (/[,.;:!?]$/.test(raw)) break;
    }
    const tail = placeNounAt(words, words.length - 2)?.length === 2 ? words.length - 2 : words.length - 1;
    const noun = placeNounAt(words, tail);
    if (noun && tail + noun.length === words.length) return cue(words, noun.setting, false);
  }
  return undefined;
}

function locationFromWords(words: string[]): LocationCue | undefined {
  let last: { index: number; setting: SettingKind; length: number } | undefined;
  for (let index = 0; index < words.length; index++) {
    const noun = placeNounAt(words, index);
    if (noun) {
      last = { index, ...noun };
      index += noun.length - 1;
    }
  }
  if (last) {
    let end = last.index + last.length;
    // "the streets of Paris": a proper name after "of" is part of the place.
    if (words[end]?.toLowerCase() === 'of' && /^\p{Lu}/u.test(words[end + 1] ?? '')) {
      end += 1;
      while (/^\p{Lu}/u.test(words[end] ?? '')) end++;
    }
    return cue(words.slice(0, end), last.setting, false);
  }
  const named = words.filter((word) => !ATMOSPHERE_EN.has(word.toLowerCase()));
  if (named.length > 0 && named.every((word) => /^\p{Lu}/u.test(word) || word === 'of')) {
    return cue(words, PLANETS.has(named.join(' ').toLowerCase()) ? 'open' : 'street', true);
  }
  return undefined;
}

function cue(words: string[], setting: SettingKind, proper: boolean): LocationCue | undefined {
  const named = words.filter((word) => !ATMOSPHERE_EN.has(word.toLowerCase()));
  if (named.length === 0) return undefined;
  const name = named.join(' ');
  return { name: name[0]!.toUpperCase() + name.slice(1), phrase: words.join(' '), inSentence: name, setting, proper };
}

function findLocationZh(idea: string): LocationCue | undefined {
  for (const marker of idea.matchAll(ZH_PLACE_MARKERS)) {
    const after = idea.slice(marker.index + marker[0].length);
    const segment = after.split(/[，,。！？；：\s]/)[0] ?? '';
    const found = placeInSegment(segment);
    if (found) return found;
  }
  // No 在: a place noun anywhere still sets the scene ("东京小巷里的侦探猫").
  return placeInSegment(idea.split(/[，,。！？；：\s]/).find((part) => placeEnd(part) !== undefined) ?? '', true);
}

function placeEnd(segment: string): { end: number; setting: SettingKind } | undefined {
  let best: { start: number; end: number; setting: SettingKind } | undefined;
  for (const place of PLACES_ZH) {
    for (const word of place.words) {
      const start = segment.indexOf(word);
      if (start < 0) continue;
      const end = start + word.length;
      if (!best || end < best.end || (end === best.end && start < best.start)) best = { start, end, setting: place.setting };
    }
  }
  return best && { end: best.end, setting: best.setting };
}

function placeInSegment(segment: string, anywhere = false): LocationCue | undefined {
  const noun = placeEnd(segment);
  let phrase: string | undefined;
  let setting: SettingKind = 'street';
  if (noun) {
    phrase = segment.slice(0, noun.end);
    setting = noun.setting;
    // Anywhere in the idea, keep only the place and its 的-modifiers, not the words before them.
    if (anywhere) phrase = phrase.slice(Math.max(0, ...[...phrase.matchAll(ZH_BREAKS)].map((m) => m.index + 1)));
  } else {
    for (const suffix of ZH_SUFFIXES) {
      const at = segment.indexOf(suffix, 2);
      if (at > 0 && at <= 10) {
        phrase = segment.slice(0, at);
        break;
      }
    }
  }
  // "上海开一家餐厅": a verb with a count after it starts what happens there, not where.
  const action = phrase ? /[开找做建造当买卖住租](?=[一两几]?[个间家座栋])/.exec(phrase) : null;
  if (phrase && action && action.index > 0) {
    phrase = phrase.slice(0, action.index);
    setting = 'street';
  }
  if (!phrase) return undefined;
  const parts = phrase.split('的').filter((part) => part && !ZH_WEATHER_ONLY.test(part));
  const name = parts.join('的').replace(/^(?:雨中|雪中|雾中|夜晚|深夜)/, '');
  if (!name) return undefined;
  return { name, phrase, inSentence: name, setting, proper: false };
}
