/**
 * Kanji spoken as kana. eSpeak NG's Japanese voice reads kana only (a kanji comes out as a long
 * spelled-out name), so the temp voice first replaces each word written with kanji by its reading
 * from kuromoji's dictionary (loaded once, about 1.5 s, only when a Japanese line has kanji).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Tokenizer } from 'kuromoji';

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/u;
let tokenizer: Promise<Tokenizer> | undefined;

/** kuromoji's tokenizer, built once per process from the dictionary in its own package folder; the planner reads Japanese with it too. */
export function japaneseTokenizer(): Promise<Tokenizer> {
  tokenizer ??= import('kuromoji').then(
    ({ default: kuromoji }) =>
      new Promise<Tokenizer>((resolve, reject) => {
        const dicPath = join(dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');
        kuromoji.builder({ dicPath }).build((error, built) => (error ? reject(error) : resolve(built)));
      }),
  );
  return tokenizer;
}

/** `text` with every word that has kanji replaced by its katakana reading, where the dictionary has one. */
export async function kanaReading(text: string): Promise<string> {
  if (!HAN.test(text)) return text;
  const tokens = (await japaneseTokenizer()).tokenize(text);
  return tokens.map((token) => (HAN.test(token.surface_form) && token.reading && token.reading !== '*' ? token.reading : token.surface_form)).join('');
}
