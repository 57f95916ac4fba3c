/** Every genre kit, and the one to use when an idea gives no genre cue. */
import adventure from './adventure.kit.json' with { type: 'json' };
import comedy from './comedy.kit.json' with { type: 'json' };
import cooking from './cooking.kit.json' with { type: 'json' };
import documentary from './documentary.kit.json' with { type: 'json' };
import drama from './drama.kit.json' with { type: 'json' };
import fable from './fable.kit.json' with { type: 'json' };
import heist from './heist.kit.json' with { type: 'json' };
import horror from './horror.kit.json' with { type: 'json' };
import { buildKit } from './kit.builder.ts';
import type { Genre, GenreKit } from './kit.types.ts';
import mystery from './mystery.kit.json' with { type: 'json' };
import romance from './romance.kit.json' with { type: 'json' };
import space from './space.kit.json' with { type: 'json' };
import sports from './sports.kit.json' with { type: 'json' };
import thriller from './thriller.kit.json' with { type: 'json' };

export const GENRE_KITS: Readonly<Record<Genre, GenreKit>> = {
  /** A protagonist, a frightened witness and a smooth suspect around a missing object. */
  mystery: buildKit('mystery.kit.json', mystery),
  /** A protagonist, a love interest met by chance, and a best friend who pushes them on. */
  romance: buildKit('romance.kit.json', romance),
  /** A protagonist among a small crew (engineer, captain, the ship's AI) facing a crisis. */
  space: buildKit('space.kit.json', space),
  /** A protagonist, a loyal companion and a rival racing for the same prize. */
  adventure: buildKit('adventure.kit.json', adventure),
  /** The default: a protagonist with one big chance, a best friend and a rival. */
  drama: buildKit('drama.kit.json', drama),
  /** A master thief, an inside man and a safecracker against a security chief, with a double-cross. */
  heist: buildKit('heist.kit.json', heist),
  /** An ordinary protagonist on the run until dawn, an ally, a handler who lies and a silent hunter. */
  thriller: buildKit('thriller.kit.json', thriller),
  /** A new tenant in a haunted house, a sceptical friend, a neighbour who warns and the presence upstairs. */
  horror: buildKit('horror.kit.json', horror),
  /** An anxious host, a chaotic best friend, a guest of honour and a stranger mistaken for that guest. */
  comedy: buildKit('comedy.kit.json', comedy),
  /** A subject told through interviews, archive footage and observational shots: the filmmaker, an old friend, an archivist. */
  documentary: buildKit('documentary.kit.json', documentary),
  /** A protagonist training for the final with a gruff coach, a loyal teammate and an unbeaten rival. */
  sports: buildKit('sports.kit.json', sports),
  /** A home cook in a timed cooking contest, with a stern head judge, a rival contestant and the host. */
  cooking: buildKit('cooking.kit.json', cooking),
  /** A small animal's fable: a wise old owl, a sly fox and a patient tortoise, and a gentle lesson. */
  fable: buildKit('fable.kit.json', fable),
};
