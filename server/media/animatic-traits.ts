/**
 * What a character's sheet says about their silhouette, so figures differ by more than colour:
 * height, build, and an animal's ears, beak or tail. Read from the description and visual traits
 * in English or Chinese; a sheet that says nothing gives an ordinary human figure.
 */
import type { VideoCharacterSheet } from '../providers/video.types.ts';

export type Silhouette = 'human' | 'pointed-ears' | 'round-ears' | 'long-ears' | 'bird';

export interface FigureTraits {
  /** Multiplies the figure's height. */
  stature: number;
  /** Multiplies the body's width. */
  build: number;
  silhouette: Silhouette;
  /** A hat or cap on the head. */
  hat: boolean;
}

const SILHOUETTES: readonly (readonly [Silhouette, RegExp])[] = [
  ['bird', /\b(?:bird|crow|raven|owl|parrot|pigeon|hawk|eagle|chicken|duck|penguin)s?\b|鸟|鳥|乌鸦|鸦|鹰|鸭|鸡|企鹅/i],
  ['long-ears', /\b(?:rabbit|bunny|hare|donkey)s?\b|兔|驴/i],
  ['pointed-ears', /\b(?:cat|kitten|tabby|fox|tiger|lion|lynx|wolf)s?\b|猫|狐|虎|狮|狼/i],
  ['round-ears', /\b(?:dog|puppy|bear|mouse|rat|monkey|panda|hamster|pig)s?\b|狗|犬|熊|鼠|猴|猪/i],
];

/** The figure traits `character`'s sheet describes. */
export function figureTraitsOf(character: Pick<VideoCharacterSheet, 'description' | 'visualTraits'>): FigureTraits {
  const text = `${character.description} ${character.visualTraits.join(' ')}`;
  const stature = /\b(?:child|kid|toddler|boy|girl|little|short|small|tiny|petite)\b|孩|童|矮|小个/i.test(text) ? 0.78
    : /\b(?:tall|towering|lanky|giant|lofty)\b|高个|高大|巨人/i.test(text) ? 1.15 : 1;
  const build = /\b(?:broad|burly|stocky|heavy|hefty|muscular|large|big|bulky|fat|round|stout)\b|魁梧|壮|胖|大块头/i.test(text) ? 1.35
    : /\b(?:slim|thin|slender|skinny|wiry|lean|gaunt)\b|瘦|苗条/i.test(text) ? 0.75 : 1;
  const silhouette = SILHOUETTES.find(([, pattern]) => pattern.test(text))?.[0] ?? 'human';
  const hat = /\b(?:hat|cap|fedora|helmet|beret|bowler|hood)\b|帽|头盔/i.test(text);
  return { stature, build, silhouette, hat };
}
