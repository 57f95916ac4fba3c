/** Which language and which voice the temp voice speaks a line in. */
import { describe, expect, it } from 'vitest';
import { kanaReading } from '../../../server/media/japanese-reading.ts';
import { characterVoice, languageVoice, lineLanguage } from '../../../server/media/temp-voice.ts';

describe('the temp voice', () => {
  it('tells a line language by its script, and Latin text with the detector', async () => {
    expect(await lineLanguage('すぐに行きましょう。', '')).toBe('ja');
    expect(await lineLanguage('我们必须在天亮以前离开。', '')).toBe('zh');
    const spanish = 'Tenemos que salir antes de que llegue la tormenta al puerto.';
    expect(await lineLanguage(spanish, spanish)).toBe('es');
    const french = 'Nous devons partir avant que la tempête arrive au port.';
    expect(await lineLanguage(french, french)).toBe('fr');
    const german = 'Wir müssen gehen, bevor der Sturm den Hafen erreicht.';
    expect(await lineLanguage(german, german)).toBe('de');
    // Too few words to tell: English.
    expect(await lineLanguage('Ciao!', 'Ciao!')).toBe('en');
  });

  it('takes the language the request names over the text', async () => {
    expect(await lineLanguage('Hello there, how are you today?', 'Hello there, how are you today?', 'de')).toBe('de');
  });

  it('uses the voice of the language, another language eSpeak has as is, else English', () => {
    const available = new Set(['en-us', 'cmn', 'ja', 'it']);
    expect(languageVoice('zh', available)).toBe('cmn');
    expect(languageVoice('ja', available)).toBe('ja');
    expect(languageVoice('it', available)).toBe('it');
    expect(languageVoice('tlh', available)).toBe('en-us');
  });

  it('gives a character the same voice every time, and two characters different ones', () => {
    expect(characterVoice('mika', 'en-us')).toEqual(characterVoice('mika', 'en-us'));
    expect(characterVoice('mika', 'cmn').name.startsWith('cmn+')).toBe(true);
    const mika = characterVoice('mika', 'en-us');
    const joe = characterVoice('joe', 'en-us');
    expect([mika.name, mika.pitch, mika.rate]).not.toEqual([joe.name, joe.pitch, joe.rate]);
  });

  it('reads the kanji of a Japanese line as kana, which the Japanese voice can say', async () => {
    expect(await kanaReading('もう時間がありません。')).toBe('もうジカンがありません。');
    expect(await kanaReading('すぐにいきましょう')).toBe('すぐにいきましょう');
  });
});
