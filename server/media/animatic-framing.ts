/**
 * Where the animatic puts its figures for each shot size. The framing is composed on the still
 * itself — a close-up paints the subject's head and shoulders large, a wide shot paints small
 * figures in the set — so the camera never has to blow up a small region of the picture. The
 * camera then moves toward the subject (see `focus`).
 */
import type { ShotSize } from '../providers/shot-size.ts';
import type { VideoCharacterSheet, VideoRequest } from '../providers/video.types.ts';
import { figureTraitsOf } from './animatic-traits.ts';
import { between } from './colour.ts';

/** One figure as placed on the canvas. Sizes and positions are canvas pixels. */
export interface FigurePlacement {
  character: VideoCharacterSheet;
  centerX: number;
  /** Where the feet stand (below the canvas for figures framed from the waist or chest up). */
  footY: number;
  /** Height of the whole figure, head to feet. */
  size: number;
  /** Which way the face turns: -1 left, 1 right, 0 to the camera. */
  facing: -1 | 0 | 1;
  /** `back`: seen from behind, in the near foreground (the shoulder of an over-the-shoulder shot). */
  pose: 'front' | 'back';
  /** Half the room the name label may take sideways. */
  labelRoom: number;
}

export interface ShotLayout {
  /** In painting order, far to near. */
  figures: FigurePlacement[];
  /**
   * Where the camera ends up: the subject's place in the frame (or the insert's object), before the
   * seed nudges the figure, so every take of a shot is framed alike.
   */
  focus: { x: number; y: number };
  /** An insert's object: centre and size. */
  insert?: { x: number; y: number; size: number };
}

export interface Stage {
  width: number;
  height: number;
  horizon: number;
  /** Feet of figures standing in the set (wide shots) go between these rows. */
  footZone: { farthest: number; nearest: number };
}

/** Head centre below the top of the figure, as a share of its height (see animatic-figures.ts). */
export const HEAD_DROP = 0.1635;

/** The first character who speaks in the shot, else the first in it; undefined for an empty shot. */
export function subjectOf(request: Pick<VideoRequest, 'shot'>, cast: readonly VideoCharacterSheet[]): VideoCharacterSheet | undefined {
  const speaker = request.shot.dialogue.map((line) => cast.find((character) => character.key === line.character)).find(Boolean);
  return speaker ?? cast[0];
}

/**
 * Figure height and head height (share of the canvas height) for the sizes that frame people
 * from the knees, waist or chest up: the canvas is CANVAS_SCALE times the frame, and the frame
 * sees its middle, so a head at 0.36 of the canvas sits a third of the way down the frame.
 */
const FRAMED: Partial<Record<ShotSize, { size: number; headY: number }>> = {
  full: { size: 0.6, headY: 0.3 },
  medium: { size: 0.8, headY: 0.34 },
  'two-shot': { size: 0.78, headY: 0.35 },
  'medium-close-up': { size: 1.0, headY: 0.38 },
  'close-up': { size: 1.4, headY: 0.42 },
};

/** Places the cast for a shot of `size`; `random` is the take's, and only nudges figures. */
export function layoutShot(size: ShotSize, request: Pick<VideoRequest, 'shot'>, cast: VideoCharacterSheet[], stage: Stage, random: () => number): ShotLayout {
  const { width, height } = stage;
  const subject = subjectOf(request, cast);
  const centre = { x: width / 2, y: height * 0.45 };
  const talking = request.shot.dialogue.length > 0;
  const nudge = (share: number) => width * between(random, -share, share);

  if (size === 'insert') {
    const x = width / 2 + nudge(0.01);
    const y = height * 0.56;
    return { figures: [], focus: { x: width / 2, y }, insert: { x, y, size: height * 0.36 } };
  }
  if (!subject) return { figures: [], focus: centre };
  const others = cast.filter((character) => character !== subject);

  if (size === 'over-the-shoulder' && others.length > 0) {
    // Seen past the listener's shoulder: the subject faces them across the frame.
    const listener = others[0]!;
    const facingFigure = framedFigure(subject, width * 0.6 + nudge(0.01), height * 0.36, height * 0.95, -1, width * 0.2);
    const shoulder = framedFigure(listener, width * 0.3, height * 0.48, height * 1.5, 0, 0);
    return { figures: [facingFigure, { ...shoulder, pose: 'back' }], focus: { x: width * 0.6, y: height * 0.36 } };
  }

  if (size === 'pov') {
    // Through the listener's eyes: the viewer is not seen, the others stand at eye level.
    const viewer = subject === cast[0] && cast.length > 1 && talking ? cast[1]! : cast[0]!;
    const seen = cast.filter((character) => character !== viewer);
    if (seen.length === 0) return { figures: [], focus: centre };
    const figureSize = height * 0.7 * crowdScale(seen.length);
    const headY = stage.horizon;
    const figures = spread(seen, width, 0.3, 0.7, random).map(({ character, x }, index) =>
      standingFigure(character, x, headY, figureSize, facingInGroup(index, seen.length, talking), width * 0.4 / seen.length),
    );
    return { figures, focus: { x: slotCentre(Math.max(0, seen.indexOf(subject)), seen.length, 0.3, 0.7, width), y: headY } };
  }

  if (size === 'close-up' || size === 'medium-close-up') {
    const { size: share, headY } = FRAMED[size]!;
    const x = width / 2 + nudge(0.015);
    // Someone off screen is being spoken to: the subject looks toward them.
    const facing = talking && others.length > 0 ? (random() < 0.5 ? -1 : 1) : 0;
    const figure = framedFigure(subject, x, height * headY, height * share, facing, width * 0.2);
    return { figures: [figure], focus: { x: width / 2, y: height * headY } };
  }

  if (size === 'two-shot' || size === 'full' || size === 'medium') {
    const { size: share, headY } = FRAMED[size]!;
    const drawn = size === 'two-shot' ? [subject, ...others].slice(0, 2).sort((a, b) => cast.indexOf(a) - cast.indexOf(b)) : cast;
    // Slots a quarter of the width apart, centred, so bodies framed this large do not overlap.
    const reach = Math.min(0.38, 0.14 * drawn.length);
    const figureSize = height * share * crowdScale(drawn.length);
    const faceEachOther = size === 'two-shot' || talking;
    const figures = spread(drawn, width, 0.5 - reach, 0.5 + reach, random).map(({ character, x }, index) =>
      standingFigure(character, x, height * (headY + between(random, -0.01, 0.01)), figureSize, faceEachOther ? facingInGroup(index, drawn.length, true) : 0, (width * reach) / drawn.length),
    );
    // A two-shot frames the pair; otherwise the camera finds the subject.
    const focusX = size === 'two-shot' ? width / 2 : slotCentre(drawn.indexOf(subject), drawn.length, 0.5 - reach, 0.5 + reach, width);
    return { figures, focus: { x: focusX, y: height * headY } };
  }

  // Wide and extreme wide: figures stand in the set, small, further back for the extreme wide.
  const extreme = size === 'extreme-wide';
  const { farthest, nearest } = stage.footZone;
  const back = extreme ? stage.horizon + (farthest - stage.horizon) * 0.5 : farthest;
  const front = extreme ? farthest : nearest;
  const figureSize = height * (extreme ? 0.11 : 0.3) * crowdScale(cast.length, 3);
  const figures = spread(cast, width, 0.3, 0.7, random)
    .map(({ character, x }, index) => {
      const depth = random();
      const size = figureSize * (0.9 + 0.1 * depth) * figureTraitsOf(character).stature;
      return {
        character,
        centerX: x,
        footY: back + (front - back) * depth,
        size,
        facing: facingInGroup(index, cast.length, talking && cast.length > 1),
        pose: 'front' as const,
        labelRoom: (width * 0.4) / cast.length / 2,
      };
    })
    .sort((a, b) => a.footY - b.footY);
  return { figures, focus: { x: slotCentre(cast.indexOf(subject), cast.length, 0.3, 0.7, width), y: (back + front) / 2 - figureSize * (1 - HEAD_DROP) } };
}

function framedFigure(character: VideoCharacterSheet, x: number, headY: number, size: number, facing: -1 | 0 | 1, labelRoom: number): FigurePlacement {
  return { character, centerX: x, footY: headY + size * (1 - HEAD_DROP), size, facing, pose: 'front', labelRoom };
}

/**
 * A figure standing among others, its feet on the same ground as theirs: a short one is smaller
 * and its head lower, a tall one larger and its head higher, than `headY` says for an ordinary one.
 */
function standingFigure(character: VideoCharacterSheet, x: number, headY: number, size: number, facing: -1 | 0 | 1, labelRoom: number): FigurePlacement {
  // Half the difference: framed this close, a full one would push a tall head out of the top of the frame.
  const stature = 1 + (figureTraitsOf(character).stature - 1) * 0.5;
  const footY = headY + size * (1 - HEAD_DROP);
  return { character, centerX: x, footY, size: size * stature, facing, pose: 'front', labelRoom };
}

/** The middle of slot `index` of `count` between `left` and `right`, before the seed's nudge. */
function slotCentre(index: number, count: number, left: number, right: number, width: number): number {
  return left * width + (((right - left) * width) / count) * (index + 0.5);
}

/** Evenly spaced slots between `left` and `right` (shares of the width), each nudged a little by the seed. */
function spread(cast: VideoCharacterSheet[], width: number, left: number, right: number, random: () => number): { character: VideoCharacterSheet; x: number }[] {
  const slot = ((right - left) * width) / cast.length;
  return cast.map((character, index) => ({ character, x: left * width + slot * (index + 0.5) + slot * between(random, -0.12, 0.12) }));
}

/** In a conversation the left half of a group looks right and the right half looks left. */
function facingInGroup(index: number, count: number, conversation: boolean): -1 | 0 | 1 {
  if (!conversation || count < 2) return 0;
  const middle = (count - 1) / 2;
  return index < middle ? 1 : index > middle ? -1 : 0;
}

/** Figures shrink when more than `room` share the frame. */
function crowdScale(count: number, room = 2): number {
  return count > room ? Math.sqrt(room / count) : 1;
}
