/**
 * Writes the parts of a shot people and video models read: the framing, the camera move and its
 * note, the prompt, and a duration near five seconds. Shared by ideas and screenplays so both
 * describe shots the same way.
 */
import { CAMERA_MOVES } from '../../../../src/lib/domain/enums.ts';
import type { CameraMove, PlannedCharacter } from '../../planner.types.ts';
import type { Beat, Language } from './kits/kit.types.ts';
import type { SeededRandom } from './seeded-random.ts';
import { capitalize, halfSeconds } from './text-utils.ts';

const BEAT_MOVES: Record<Beat, CameraMove[]> = {
  setup: ['pan-right', 'pan-left', 'push-in', 'static'],
  inciting: ['push-in', 'push-in', 'static'],
  rising: ['pan-left', 'pan-right', 'static', 'push-in'],
  confrontation: ['push-in', 'static', 'pan-left', 'push-in'],
  resolution: ['pull-out', 'static'],
};

const ALL_MOVES: readonly CameraMove[] = CAMERA_MOVES;

const FRAMINGS: Record<'solo' | 'pair' | 'group' | 'establishing', Record<Language, string[]>> = {
  establishing: { en: ['Wide establishing shot'], zh: ['全景建立镜头'] },
  solo: { en: ['Close-up', 'Medium shot', 'Medium close-up'], zh: ['特写', '中景', '中近景'] },
  pair: { en: ['Two-shot', 'Over-the-shoulder shot', 'Medium shot'], zh: ['双人镜头', '过肩镜头', '中景'] },
  group: { en: ['Wide shot', 'Medium-wide group shot'], zh: ['全景', '群像中景'] },
};

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
  return random.pick(FRAMINGS[family][language]);
}

/** A note a camera operator understands: "Slow push-in on Detective Miko's face". */
export function cameraNote(move: CameraMove, framing: string, focus: string | undefined, place: string, language: Language): string {
  if (language === 'zh') {
    switch (move) {
      case 'static': return focus ? `固定机位，${framing}拍摄${focus}` : `固定机位，${framing}拍摄${place}`;
      case 'push-in': return focus ? `缓缓推近${focus}的脸` : `缓缓推向${place}深处`;
      case 'pull-out': return focus ? `从${focus}拉远，展现${place}` : `缓缓拉远，展现整个${place}`;
      case 'pan-left': return focus ? `向左摇过${place}，找到${focus}` : `向左摇过${place}`;
      case 'pan-right': return focus ? `向右摇，跟随${focus}` : `向右摇过${place}`;
    }
  }
  switch (move) {
    case 'static': return `Locked-off ${framing.toLowerCase()} ${focus ? `on ${focus}` : `of ${place}`}`;
    case 'push-in': return focus ? `Slow push-in on ${focus}'s face` : `Slow push-in towards ${place}`;
    case 'pull-out': return focus ? `Pull out from ${focus} to reveal ${place}` : `Pull out to reveal all of ${place}`;
    case 'pan-left': return focus ? `Pan left across ${place} to find ${focus}` : `Pan left across ${place}`;
    case 'pan-right': return focus ? `Pan right, following ${focus}` : `Pan right across ${place}`;
  }
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
  const { framing, action, characters, setting, style, note, language } = parts;
  if (language === 'zh') {
    const who = characters.map((c) => `${c.name}（${c.visualTraits.join('，')}）`).join('；');
    return [
      `${framing}：${action.replace(/[。.]$/, '')}。`,
      who && `角色：${who}。`,
      `场景：${setting.replace(/[。.]$/, '')}。`,
      style && `风格：${style}。`,
      `镜头：${note.replace(/[。.!！]*$/, '')}。`,
    ].filter(Boolean).join('');
  }
  const who = characters.map((c) => `${c.name} (${c.visualTraits.join(', ')})`).join('; ');
  return [
    `${framing}: ${capitalize(action.replace(/\.$/, ''))}.`,
    who && `Characters: ${who}.`,
    `Setting: ${setting.replace(/\.$/, '')}.`,
    style && `Style: ${style}.`,
    `Camera: ${/^\p{Lu}\p{Ll}/u.test(note) ? note.charAt(0).toLowerCase() + note.slice(1) : note}`.replace(/[.!?…]*$/, '.'),
  ].filter(Boolean).join(' ');
}

/** About five seconds: a silent shot is a little shorter, an exchange a little longer. */
export function plannedDuration(lineCount: number, random: SeededRandom): number {
  const base = random.pick([4.5, 5, 5, 5.5]);
  return halfSeconds(base + (lineCount >= 2 ? 0.5 : 0) - (lineCount === 0 ? 0.5 : 0), 4, 6);
}
