import { describe, expect, it } from 'vitest';
import { GENRE_KITS } from '../../../server/providers/builtin/planner/kits/index.ts';
import { BEATS, KIT_LANGUAGES, type Genre } from '../../../server/providers/builtin/planner/kits/kit.types.ts';

/** Kits written whole in all six languages, with cues for each. */
const SIX_LANGUAGE_KITS: Genre[] = ['heist', 'thriller', 'horror', 'comedy', 'mystery'];

const KANA = /[\u3040-\u30ff]/;
const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/;
const PLACEHOLDER = /\{([^}]*)\}/g;
const ALLOWED = new Set([
  'P', 'A', 'B', 'C', 'p', 'object', 'place', 'Object', 'Place',
  // Marks for words that agree with the object: a German accusative, and the pronouns that stand for it.
  'object:acc', 'Object:acc', 'lo', 'él', 'le', 'il', 'Il', 'lui', 'e', 'es', 'Es', 'es:acc', 'ihm', 'sein', 'das:rel',
]);

describe('genre kits in six languages', () => {
  it.each(SIX_LANGUAGE_KITS)('%s is written in every language', (genre) => {
    expect(GENRE_KITS[genre].written).toEqual(['en', 'zh', 'ja', 'es', 'fr', 'de']);
  });

  it.each(SIX_LANGUAGE_KITS)('%s has 12 to 30 lower-case cues per language, Chinese and Japanese ones at least two characters long', (genre) => {
    for (const language of KIT_LANGUAGES) {
      const cues = GENRE_KITS[genre].cues[language];
      expect(cues.length, `${genre} ${language}`).toBeGreaterThanOrEqual(12);
      expect(cues.length, `${genre} ${language}`).toBeLessThanOrEqual(30);
      for (const cue of cues) {
        expect(cue).toBe(cue.toLowerCase());
        if (language === 'zh' || language === 'ja') expect(cue.length, cue).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('points each new genre to its own words in every language', () => {
    const expected: Array<[Genre, Record<(typeof KIT_LANGUAGES)[number], string>]> = [
      ['heist', { en: 'vault', zh: '金库', ja: '強盗', es: 'atraco', fr: 'braquage*', de: 'tresor*' }],
      ['thriller', { en: 'assassin*', zh: '追杀', ja: '陰謀', es: 'persecución', fr: 'otage*', de: 'verfolg*' }],
      ['horror', { en: 'haunted', zh: '闹鬼', ja: '幽霊', es: 'fantasma*', fr: 'hanté*', de: 'spuk*' }],
      ['comedy', { en: 'slapstick', zh: '搞笑', ja: '勘違い', es: 'malentendido*', fr: 'quiproquo*', de: 'verwechslung*' }],
      ['mystery', { en: 'detective', zh: '侦探', ja: '探偵', es: 'detective*', fr: 'enquête*', de: 'detektiv*' }],
    ];
    for (const [genre, words] of expected) {
      for (const language of KIT_LANGUAGES) expect(GENRE_KITS[genre].cues[language], `${genre} ${language}`).toContain(words[language]);
    }
  });

  it.each(SIX_LANGUAGE_KITS)('%s writes Japanese with kana and keeps Chinese characters out of the Latin-script languages', (genre) => {
    const kit = GENRE_KITS[genre];
    for (const beat of BEATS) {
      for (const moment of kit.ja.beats[beat]) {
        expect(moment.action, moment.action).toMatch(KANA);
        for (const [, line] of moment.lines) expect(line, line).toMatch(KANA);
      }
      for (const language of ['es', 'fr', 'de'] as const) {
        for (const moment of kit[language].beats[beat]) {
          expect(moment.action).not.toMatch(CJK);
          for (const [, line] of moment.lines) expect(line).not.toMatch(CJK);
        }
      }
    }
  });

  it.each(SIX_LANGUAGE_KITS)('%s names only characters who are in the shot, in every language', (genre) => {
    const kit = GENRE_KITS[genre];
    for (const language of KIT_LANGUAGES) {
      for (const beat of BEATS) {
        for (const moment of kit[language].beats[beat]) {
          for (const text of [moment.action, ...moment.lines.map(([, line]) => line)]) {
            for (const [, name] of text.matchAll(PLACEHOLDER)) {
              expect(ALLOWED.has(name!), `${genre} ${language}: {${name}} in “${text}”`).toBe(true);
              if (name === 'p' || name === 'P' || name === 'A' || name === 'B' || name === 'C') {
                expect(moment.cast, `${genre} ${language}: “${text}”`).toContain(name === 'p' ? 'P' : name);
              }
            }
          }
        }
      }
    }
  });

  it.each(SIX_LANGUAGE_KITS)('%s brings its own supporting roles with three kinds, looks and clothes in every language', (genre) => {
    const kit = GENRE_KITS[genre];
    for (const role of kit.roles) {
      for (const language of KIT_LANGUAGES) {
        const text = role[language];
        expect(text.label.length).toBeGreaterThan(0);
        expect(text.humanKinds).toHaveLength(3);
        expect(text.animalAdjectives).toHaveLength(3);
        expect(text.attire).toHaveLength(3);
      }
    }
    expect(kit.roles.length).toBeGreaterThanOrEqual(genre === 'mystery' ? 2 : 3);
  });
});
