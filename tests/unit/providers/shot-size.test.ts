/** A shot's size is read from its own words, in every language the planner writes. */
import { describe, expect, it } from 'vitest';
import { parseShotSize, shotSizeOf } from '../../../server/providers/shot-size.ts';

describe('parseShotSize', () => {
  it('reads the ten sizes in English, with and without hyphens, and their abbreviations', () => {
    const cases: [string, string][] = [
      ['Extreme wide shot of the valley', 'extreme-wide'],
      ['EWS, dawn over the harbour', 'extreme-wide'],
      ['Wide shot', 'wide'],
      ['Wide establishing shot', 'wide'],
      ['Full shot, head to toe', 'full'],
      ['Medium shot', 'medium'],
      ['Medium close-up', 'medium-close-up'],
      ['MCU on Mika', 'medium-close-up'],
      ['Close-up', 'close-up'],
      ['close up on the letter', 'close-up'],
      ['CU: Joe', 'close-up'],
      ['Over-the-shoulder shot', 'over-the-shoulder'],
      ['over the shoulder of Joe', 'over-the-shoulder'],
      ['Two-shot', 'two-shot'],
      ['Insert: the key on the table', 'insert'],
      ['POV from the doorway', 'pov'],
      ["Point of view: Mika's eyes", 'pov'],
    ];
    for (const [text, size] of cases) expect(parseShotSize(text), text).toBe(size);
  });

  it('reads Chinese and Japanese framing words', () => {
    const cases: [string, string][] = [
      ['特写', 'close-up'],
      ['近景', 'medium-close-up'],
      ['中近景', 'medium-close-up'],
      ['中景', 'medium'],
      ['全景', 'full'],
      ['远景', 'wide'],
      ['大远景', 'extreme-wide'],
      ['全景建立镜头', 'wide'],
      ['过肩镜头', 'over-the-shoulder'],
      ['双人镜头', 'two-shot'],
      ['主观镜头', 'pov'],
      ['クローズアップ', 'close-up'],
      ['バストショット', 'medium-close-up'],
      ['ロングショット', 'wide'],
      ['肩越しのショット', 'over-the-shoulder'],
      ['ツーショット', 'two-shot'],
    ];
    for (const [text, size] of cases) expect(parseShotSize(text), text).toBe(size);
  });

  it('reads Spanish, French and German framing words', () => {
    const cases: [string, string][] = [
      ['Primer plano de Mika', 'close-up'],
      ['Plano medio corto', 'medium-close-up'],
      ['Plano medio', 'medium'],
      ['Plano general de la calle', 'wide'],
      ['Gran plano general', 'extreme-wide'],
      ['Plano detalle: la llave', 'insert'],
      ['Gros plan sur Joe', 'close-up'],
      ['Très gros plan', 'close-up'],
      ["Plan d'ensemble du port", 'wide'],
      ['Plan américain', 'medium'],
      ['Nahaufnahme von Mika', 'close-up'],
      ['Totale der Straße', 'wide'],
      ['Halbtotale', 'full'],
      ['Supertotale', 'extreme-wide'],
      ['Detailaufnahme des Schlüssels', 'insert'],
    ];
    for (const [text, size] of cases) expect(parseShotSize(text), text).toBe(size);
  });

  it('finds no size in text that names none, nor in words that merely contain an abbreviation', () => {
    expect(parseShotSize('Mika hurries past the ramen stall.')).toBeUndefined();
    expect(parseShotSize('She waits 5 ms, then cuts the wire; the cups rattle.')).toBeUndefined();
    expect(parseShotSize('A wide-eyed child stares.')).toBeUndefined();
  });
});

describe('shotSizeOf', () => {
  it("takes the prompt's leading framing over the words of the camera note", () => {
    expect(shotSizeOf({ prompt: 'Close-up: Mika reads the note. Camera: pull out to reveal the wide street.', cameraNote: 'Pull out to reveal the wide street' })).toBe('close-up');
    expect(shotSizeOf({ prompt: '特写：米卡读信。镜头：缓缓推近米卡的脸。', cameraNote: '缓缓推近米卡的脸' })).toBe('close-up');
  });

  it('falls back to the camera note, then to the rest of the prompt', () => {
    expect(shotSizeOf({ prompt: 'Mika reads the note.', cameraNote: 'Locked-off two-shot on Mika and Joe' })).toBe('two-shot');
    expect(shotSizeOf({ prompt: 'Mika reads the note in a tight close-up.', cameraNote: 'Slow push-in' })).toBe('close-up');
  });

  it('is a medium shot when nothing names a size', () => {
    expect(shotSizeOf({ prompt: 'Mika reads the note.', cameraNote: 'Slow push-in on Mika' })).toBe('medium');
    expect(shotSizeOf({ prompt: '', cameraNote: '' })).toBe('medium');
  });
});
