/**
 * Every genre the planner promises has a kit written in all six languages, each in its own script
 * and words: Japanese with kana, Chinese without, Spanish, French and German each reading as
 * themselves rather than as English or one another.
 */
import { describe, expect, it } from 'vitest';
import { GENRE_KITS } from '../../../server/providers/builtin/planner/kits/index.ts';
import { BEATS, type GenreKit, type KitLanguage } from '../../../server/providers/builtin/planner/kits/kit.types.ts';

const PROMISED = ['heist', 'horror', 'documentary', 'sports', 'cooking', 'fable', 'comedy', 'thriller', 'space', 'romance', 'mystery', 'adventure', 'drama'];
const SIX: KitLanguage[] = ['en', 'zh', 'ja', 'es', 'fr', 'de'];

const FUNCTION_WORDS: Record<'en' | 'es' | 'fr' | 'de', string[]> = {
  en: ['the', 'and', 'of', 'to', 'is', 'with', 'his', 'her', 'at', 'on', 'from', 'into', 'a', 'in'],
  es: ['el', 'los', 'las', 'que', 'y', 'con', 'por', 'para', 'su', 'del', 'una', 'un', 'se', 'al'],
  fr: ['le', 'les', 'des', 'et', 'une', 'est', 'dans', 'avec', 'pour', 'qui', 'sur', 'du', 'au', 'un'],
  de: ['der', 'die', 'das', 'und', 'ist', 'ein', 'eine', 'mit', 'im', 'den', 'dem', 'zu', 'von', 'auf', 'sich'],
};

function sentences(kit: GenreKit, language: KitLanguage): string[] {
  const text = kit[language];
  return BEATS.flatMap((beat) => text.beats[beat].flatMap((moment) => [moment.action, ...moment.lines.map(([, line]) => line)]));
}

const strip = (s: string) => s.replace(/\{[A-Za-z]+\}/g, ' ');

describe('genre kits in six languages', () => {
  it('has a kit for every promised genre', () => {
    expect(Object.keys(GENRE_KITS).sort()).toEqual([...PROMISED].sort());
  });

  for (const genre of PROMISED) {
    describe(genre, () => {
      const kit = (GENRE_KITS as Record<string, GenreKit>)[genre]!;

      it('is written in all six languages, with cue words in each', () => {
        expect([...kit.written].sort()).toEqual([...SIX].sort());
        for (const language of SIX) expect(kit.cues[language].length, `${genre} cues.${language}`).toBeGreaterThanOrEqual(5);
      });

      it('writes Japanese with kana and Chinese without', () => {
        const ja = sentences(kit, 'ja').map(strip);
        const zh = sentences(kit, 'zh').map(strip);
        const withKana = ja.filter((s) => /[\u3040-\u30ff]/u.test(s)).length;
        expect(withKana / ja.length).toBeGreaterThan(0.9);
        expect(zh.filter((s) => /[\u3040-\u30ff]/u.test(s))).toEqual([]);
        expect(zh.every((s) => /[\u3400-\u9fff]/u.test(s))).toBe(true);
      });

      for (const language of ['en', 'es', 'fr', 'de'] as const) {
        it(`reads as ${language} in its ${language} text`, () => {
          const words = sentences(kit, language).flatMap((s) => strip(s).toLowerCase().split(/[^\p{L}]+/u));
          const hits = (list: string[]) => words.filter((w) => list.includes(w)).length;
          const own = hits(FUNCTION_WORDS[language]);
          for (const other of ['en', 'es', 'fr', 'de'] as const) {
            if (other !== language) expect(own, `${genre}: ${language} text has more ${other} function words`).toBeGreaterThan(hits(FUNCTION_WORDS[other]));
          }
        });
      }
    });
  }
});
