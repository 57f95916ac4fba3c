/**
 * The language libraries the planner reads ideas with, each loaded the first time an idea needs it,
 * once per process: compromise and its French, Spanish and German editions, and jieba for Chinese
 * (kuromoji, for Japanese, is shared with the media code: media/japanese-reading.ts).
 */

/** A term as the compromise editions tag it. */
export interface TaggedTerm {
  text: string;
  tags: string[];
  post?: string;
}
export type Tagger = (text: string) => {
  match(pattern: string): { out(format: 'array'): string[] };
  json(): Array<{ terms: TaggedTerm[] }>;
};
export type TagZh = (text: string) => Array<{ word: string; tag: string }>;
export type Edition = 'en' | 'es' | 'fr' | 'de';

/**
 * The other editions are imported by name from this table: their packages ship type sources that do
 * not compile under this project's settings, and only `Tagger`'s small surface is used anyway.
 */
const EDITION_PACKAGES: Record<Exclude<Edition, 'en'>, string> = { es: 'es-compromise', fr: 'fr-compromise', de: 'de-compromise' };
const EDITIONS: Record<Edition, () => Promise<{ default: unknown }>> = {
  en: () => import('compromise'),
  es: () => import(EDITION_PACKAGES.es) as Promise<{ default: unknown }>,
  fr: () => import(EDITION_PACKAGES.fr) as Promise<{ default: unknown }>,
  de: () => import(EDITION_PACKAGES.de) as Promise<{ default: unknown }>,
};
const taggers = new Map<Edition, Promise<Tagger>>();
let chinese: Promise<TagZh> | undefined;

/** Each library loads the first time an idea needs it, once per process. */
export function taggerFor(edition: Edition): Promise<Tagger> {
  let tagger = taggers.get(edition);
  if (!tagger) {
    tagger = EDITIONS[edition]().then((module) => module.default as Tagger);
    taggers.set(edition, tagger);
  }
  return tagger;
}

export function chineseTagger(): Promise<TagZh> {
  chinese ??= import('jieba-wasm').then((jieba) => (text: string) => jieba.tag(text, true));
  return chinese;
}

/** Which edition of compromise reads the idea best: the one whose small words and letters it uses most. */
const SMALL_WORDS: Record<Edition, RegExp> = {
  en: /\b(the|and|of|to|is|with|his|her|who|an?|on|at|for|from|their)\b/giu,
  es: /\b(el|los|las|una?|que|con|por|para|del|se|su|y)\b|[ñ¿¡]/giu,
  fr: /\b(le|les|des|une?|est|dans|avec|pour|qui|sur|du|au|et)\b|\b[ldq][’']|[èêçœ]/giu,
  de: /\b(der|die|das|und|ist|eine?[mnrs]?|mit|im|dem|den|zu|von|auf|sich|für|nach|aus|beim)\b|[äöüß]/giu,
};

export function latinEdition(idea: string): Edition {
  let best: Edition = 'en';
  let bestHits = 0;
  for (const [edition, pattern] of Object.entries(SMALL_WORDS) as Array<[Edition, RegExp]>) {
    const hits = idea.match(pattern)?.length ?? 0;
    if (hits > bestHits) {
      best = edition;
      bestHits = hits;
    }
  }
  return best;
}

