/**
 * Writes the parts of a shot people and video models read: the framing, the camera move and its
 * note, the prompt, and a duration near five seconds. Shared by ideas and screenplays so both
 * describe shots the same way.
 */
import { CAMERA_MOVES } from '../../../../src/lib/domain/enums.ts';
import type { CameraMove, PlannedCharacter } from '../../planner.types.ts';
import type { Beat, Language } from './kits/kit.types.ts';
import type { SeededRandom } from './seeded-random.ts';
import { PLAN_WORDS } from './languages/plan-words.ts';
import { halfSeconds } from './text-utils.ts';

const BEAT_MOVES: Record<Beat, CameraMove[]> = {
  setup: ['pan-right', 'pan-left', 'push-in', 'static'],
  inciting: ['push-in', 'push-in', 'static'],
  rising: ['pan-left', 'pan-right', 'static', 'push-in'],
  confrontation: ['push-in', 'static', 'pan-left', 'push-in'],
  resolution: ['pull-out', 'static'],
};

const ALL_MOVES: readonly CameraMove[] = CAMERA_MOVES;

/** A move for a planned shot: the beat suggests, the seed decides; the last shot pulls out. */
export function cameraForBeat(beat: Beat, isLastShot: boolean, random: SeededRandom): CameraMove {
  return isLastShot ? 'pull-out' : random.pick(BEAT_MOVES[beat]);
}

/** Any move, seeded, for shots whose text gives no direction. */
export function anyCamera(random: SeededRandom): CameraMove {
  return random.pick(ALL_MOVES);
}

/** "Close-up", "Two-shot", …; the first shot of a scene establishes the place. */
export function framingFor(castSize: number, establishing: boolean, language: Language, random: SeededRandom): string {
  const family = establishing || castSize === 0 ? 'establishing' : castSize === 1 ? 'solo' : castSize === 2 ? 'pair' : 'group';
  return random.pick(PLAN_WORDS[language].framings[family]);
}

/** A note a camera operator understands: "Slow push-in on Detective Miko's face". */
export function cameraNote(move: CameraMove, framing: string, focus: string | undefined, place: string, language: Language): string {
  return PLAN_WORDS[language].cameraNote(move, framing, focus, place);
}

export interface PromptParts {
  framing: string;
  action: string;
  characters: PlannedCharacter[];
  setting: string;
  style: string | undefined;
  /** Says the move in words a person and a model both follow. */
  note: string;
  language: Language;
}

/** A prompt for a video model: framing and action, who (with fixed traits), where, style, camera. */
export function shotPrompt(parts: PromptParts): string {
  const { characters, language, ...rest } = parts;
  return PLAN_WORDS[language].prompt({ ...rest, who: characters.map((c) => ({ name: c.name, traits: c.visualTraits })) });
}

/** About five seconds: a silent shot is a little shorter, an exchange a little longer. */
export function plannedDuration(lineCount: number, random: SeededRandom): number {
  const base = random.pick([4.5, 5, 5, 5.5]);
  return halfSeconds(base + (lineCount >= 2 ? 0.5 : 0) - (lineCount === 0 ? 0.5 : 0), 4, 6);
}
