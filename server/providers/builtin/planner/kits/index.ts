/** Every genre kit, and the one to use when an idea gives no genre cue. */
import { ADVENTURE_KIT } from './adventure.kit.ts';
import { DRAMA_KIT } from './drama.kit.ts';
import type { Genre, GenreKit } from './kit.types.ts';
import { MYSTERY_KIT } from './mystery.kit.ts';
import { ROMANCE_KIT } from './romance.kit.ts';
import { SPACE_KIT } from './space.kit.ts';

export const GENRE_KITS: Readonly<Record<Genre, GenreKit>> = {
  mystery: MYSTERY_KIT,
  romance: ROMANCE_KIT,
  space: SPACE_KIT,
  adventure: ADVENTURE_KIT,
  drama: DRAMA_KIT,
};
