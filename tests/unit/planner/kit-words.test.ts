import { describe, expect, it } from 'vitest';
import drama from '../../../server/providers/builtin/planner/kits/drama.kit.json' with { type: 'json' };
import { buildKit } from '../../../server/providers/builtin/planner/kits/kit.builder.ts';

type Words = Record<string, unknown>;

/** Drama's words with one language taken out everywhere, as a file that never wrote it would be. */
function withoutLanguage(language: string): typeof drama {
  const copy = structuredClone(drama) as unknown as Words & { cues: Words; roles: Words[]; moments: Record<string, Array<Words & { lines: Array<[string, Words]> }>> };
  delete copy[language];
  delete copy.cues[language];
  for (const role of copy.roles) delete role[language];
  for (const moments of Object.values(copy.moments)) {
    for (const moment of moments) {
      delete moment[language];
      for (const [, line] of moment.lines) delete line[language];
    }
  }
  return copy as unknown as typeof drama;
}

describe('genre kit words', () => {
  it('gives every language the same cast and speakers for every moment', () => {
    const kit = buildKit('drama.kit.json', drama);
    for (const beat of Object.keys(kit.en.beats) as Array<keyof typeof kit.en.beats>) {
      const skeleton = (language: 'en' | 'zh' | 'ja' | 'es' | 'fr' | 'de') =>
        kit[language].beats[beat].map((m) => [m.cast, m.lines.map(([who]) => who)]);
      for (const language of ['zh', 'ja', 'es', 'fr', 'de'] as const) expect(skeleton(language)).toEqual(skeleton('en'));
    }
  });

  it('refuses a kit that writes a language in some places and not others, naming what is missing', () => {
    const broken = structuredClone(drama) as unknown as { cues: Record<string, unknown>; roles: Array<Record<string, unknown>> };
    delete broken.cues.ja;
    delete broken.roles[0]!.ja;
    expect(() => buildKit('drama.kit.json', broken)).toThrow(/drama\.kit\.json writes ja but leaves out: cues\.ja, roles\[0\]\.ja/);
  });

  it('reads a language the file does not write as English', () => {
    const kit = buildKit('drama.kit.json', withoutLanguage('fr'));
    expect(kit.written).not.toContain('fr');
    expect(kit.fr.beats.setup[0]!.action).toBe(drama.moments.setup[0]!.en);
  });

  it('refuses a kit whose speaker is not in the shot, naming the file', () => {
    const broken = structuredClone(drama);
    broken.moments.setup[0]!.lines = [['B', { en: 'Hello.', zh: '你好。', ja: 'こんにちは。', es: 'Hola.', fr: 'Bonjour.', de: 'Hallo.' }]];
    expect(() => buildKit('drama.kit.json', broken)).toThrow(/drama\.kit\.json[\s\S]*speaker/);
  });
});
