import { describe, expect, it } from 'vitest';
import { parseShotSize } from '../../../server/media/animatic-framing.ts';

describe('parseShotSize', () => {
  it.each([
    ['Close-up on Mara, slow push-in', 'close-up'],
    ['CU: the letter', 'close-up'],
    ['Medium close-up on Joe', 'medium-close-up'],
    ['Extreme wide of the valley', 'extreme-wide'],
    ['Extreme close-up on the key', 'insert'],
    ['Insert: the ring on the table', 'insert'],
    ['Wide shot, locked off', 'wide'],
    ['Full shot of the dancers', 'full'],
    ['Medium shot, handheld', 'medium'],
    ['Over-the-shoulder from Mara onto Joe', 'over-the-shoulder'],
    ['Two-shot at the bar', 'two-shot'],
    ["POV: Mara's view of the door", 'pov'],
    ['特写，缓慢推进', 'close-up'],
    ['远景，城市全貌', 'wide'],
    ['大远景', 'extreme-wide'],
    ['过肩镜头', 'over-the-shoulder'],
    ['中景', 'medium'],
    ['中近景', 'medium-close-up'],
    ['全景', 'full'],
  ])('reads %s as %s', (text, size) => {
    expect(parseShotSize(text)).toBe(size);
  });

  it('finds nothing in words that name no framing', () => {
    expect(parseShotSize('Mara opens the door and steps inside')).toBeUndefined();
    expect(parseShotSize('她推门进去')).toBeUndefined();
  });
});
