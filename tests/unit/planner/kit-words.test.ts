import { describe, expect, it } from 'vitest';
import drama from '../../../server/providers/builtin/planner/kits/drama.kit.json' with { type: 'json' };
import { buildKit } from '../../../server/providers/builtin/planner/kits/kit.builder.ts';

describe('genre kit words', () => {
  it('gives both languages the same cast and speakers for every moment', () => {
    const kit = buildKit('drama.kit.json', drama);
    for (const beat of Object.keys(kit.en.beats) as Array<keyof typeof kit.en.beats>) {
      const skeleton = (language: 'en' | 'zh') => kit[language].beats[beat].map((m) => [m.cast, m.lines.map(([who]) => who)]);
      expect(skeleton('zh')).toEqual(skeleton('en'));
    }
  });

  it('refuses a kit that writes a language in some places and not others, naming what is missing', () => {
    const broken = structuredClone(drama) as typeof drama & { ja?: unknown };
    broken.ja = structuredClone(drama.en);
    expect(() => buildKit('drama.kit.json', broken)).toThrow(/drama\.kit\.json writes ja but leaves out: cues\.ja, roles\[0\]\.ja/);
  });

  it('reads a language the file does not write as English', () => {
    const kit = buildKit('drama.kit.json', drama);
    expect(kit.written).not.toContain('fr');
    expect(kit.fr.beats.setup[0]!.action).toBe(drama.moments.setup[0]!.en);
  });

  it('refuses a kit whose speaker is not in the shot, naming the file', () => {
    const broken = structuredClone(drama);
    broken.moments.setup[0]!.lines = [['B', { en: 'Hello.', zh: '你好。' }]];
    expect(() => buildKit('drama.kit.json', broken)).toThrow(/drama\.kit\.json[\s\S]*speaker/);
  });
});
