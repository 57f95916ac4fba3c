/**
 * What a character's description says about their silhouette, so figures differ by more than
 * colour: height, build, an animal's ears and tail, and a hat.
 */
import type { VideoCharacterSheet } from '../providers/video.types.ts';

export interface FigureTraits {
  /** Multiplies the figure's height. */
  height: number;
  /** Multiplies the body's width. */
  build: number;
  animal: 'cat' | 'dog' | undefined;
  hat: boolean;
}

export function figureTraitsOf(character: Pick<VideoCharacterSheet, 'description' | 'visualTraits'>): FigureTraits {
  const text = `${character.description} ${character.visualTraits.join(' ')}`.toLowerCase();
  const height = /\b(child|kid|toddler|little girl|little boy)\b|孩子|儿童|小孩/.test(text) ? 0.6
    : /\b(short|small|tiny|petite)\b|矮/.test(text) ? 0.8
    : /\b(tall|towering|lanky|giant)\b|高个|高大/.test(text) ? 1.18 : 1;
  const build = /\b(broad|burly|stocky|heavy|muscular|large|big|fat)\b|魁梧|壮|胖/.test(text) ? 1.4
    : /\b(slim|thin|slender|skinny|wiry)\b|瘦|苗条/.test(text) ? 0.7 : 1;
  const animal = /\b(cat|kitten|fox|tiger|lion)\b|猫|狐/.test(text) ? 'cat' : /\b(dog|puppy|wolf|hound)\b|狗|狼/.test(text) ? 'dog' : undefined;
  const hat = /\b(hat|cap|fedora|helmet|beret)\b|帽/.test(text);
  return { height, build, animal, hat };
}
