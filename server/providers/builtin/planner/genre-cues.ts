/**
 * Counts the words of an idea that point to each genre, from the cue words every kit lists per
 * language (kits/*.kit.json `cues`). Latin-script cues match whole words, and a trailing `*` any
 * ending ("investigat*"); Chinese and Japanese cues match anywhere. Every language's cues are
 * tried, so a mixed idea counts in both of its languages.
 */
import { GENRE_KITS } from './kits/index.ts';
import { KIT_LANGUAGES, type Genre } from './kits/kit.types.ts';

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

function cuePattern(cue: string): RegExp {
  const word = cue.trim().toLocaleLowerCase();
  if (CJK.test(word)) return new RegExp(escape(word), 'gu');
  const wild = word.endsWith('*');
  const stem = escape(wild ? word.slice(0, -1) : word).replace(/\s+/gu, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${stem}${wild ? '[\\p{L}\\p{N}]*' : ''}(?![\\p{L}\\p{N}])`, 'gu');
}

/** Compiled once: every kit's cues in every language. */
const PATTERNS: ReadonlyArray<[Genre, RegExp[]]> = (Object.entries(GENRE_KITS) as Array<[Genre, (typeof GENRE_KITS)[Genre]]>).map(
  ([genre, kit]) => [genre, [...new Set(KIT_LANGUAGES.flatMap((language) => kit.cues[language]))].filter((cue) => cue.trim() !== '').map(cuePattern)],
);

function hits(text: string, patterns: RegExp[]): number {
  const lower = text.toLocaleLowerCase();
  return patterns.reduce((sum, pattern) => sum + (lower.match(pattern)?.length ?? 0), 0);
}

/** How many times `cues` occur in `text`, by the rules above. */
export function cueHits(text: string, cues: string[]): number {
  return hits(text, cues.map(cuePattern));
}

/** How many cue words of each genre the idea holds; genres without any are left out. */
export function genreCueCounts(idea: string): Map<Genre, number> {
  const counts = new Map<Genre, number>();
  for (const [genre, patterns] of PATTERNS) {
    const found = hits(idea, patterns);
    if (found > 0) counts.set(genre, found);
  }
  return counts;
}
