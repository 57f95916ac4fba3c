import { describe, expect, it } from 'vitest';
import { containsCjk, wrapText } from '../../../server/media/text-render.ts';

describe('containsCjk', () => {
  it.each([
    ['夜はずっとここにいたよ。', true],
    ['안녕하세요', true],
    ['猫', true],
    ['Where were you?', false],
    ['Ça va, Zoë — Привет', false],
  ])('%s → %s', (text, expected) => {
    expect(containsCjk(text)).toBe(expected);
  });
});

describe('wrapText', () => {
  it('breaks Latin text at spaces within the width', () => {
    const lines = wrapText('the quick brown fox jumps over the lazy dog again and again', 20, 200);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('the quick brown fox jumps over the lazy dog again and again');
    for (const line of lines) expect(line).not.toMatch(/^\s|\s$/);
  });

  it('breaks CJK text between characters', () => {
    const text = '夜はずっとここにいたよ。夜はずっとここにいたよ。';
    const lines = wrapText(text, 20, 200);
    expect(lines.length).toBe(3);
    expect(lines.join('')).toBe(text);
    expect([...(lines[0] ?? '')].length).toBe(10);
  });

  it('cuts a word longer than the line instead of overflowing', () => {
    const lines = wrapText('a'.repeat(60), 20, 200);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('a'.repeat(60));
  });

  it('ends with an ellipsis when the text needs more than maxLines', () => {
    const lines = wrapText('one two three four five six seven eight nine ten eleven twelve', 20, 120, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
  });

  it('returns no lines for blank text', () => {
    expect(wrapText('   ', 20, 200)).toEqual([]);
  });
});
