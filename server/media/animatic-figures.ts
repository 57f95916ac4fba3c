/**
 * Paints the animatic's figures where the framing put them (animatic-framing.ts): a body, a head
 * that turns toward whoever it faces, and a name label; or, for the near shoulder of an
 * over-the-shoulder shot, a dark back without a face. Also the object an insert shows.
 */
import type { VideoRequest } from '../providers/video.types.ts';
import type { FigurePlacement, ShotLayout } from './animatic-framing.ts';
import { figureTraitsOf, type FigureTraits } from './animatic-traits.ts';
import { hsl, parseHexColour, shade, type Rgb } from './colour.ts';
import type { Raster } from './raster.ts';

export interface FigureLabel {
  name: string;
  /** Centre x and top y of the label, in canvas pixels. */
  centerX: number;
  top: number;
  fontSize: number;
  /** Widest the label may be without running into its neighbours. */
  maxWidth: number;
}

const BLACK: Rgb = { r: 0, g: 0, b: 0 };
const GREY: Rgb = { r: 128, g: 128, b: 128 };

/** Paints every figure of `layout` (and an insert's object) and returns the labels to write under them. */
export function paintFigures(raster: Raster, layout: ShotLayout, request: Pick<VideoRequest, 'shot' | 'characters'>): FigureLabel[] {
  if (layout.insert) paintInsertObject(raster, layout.insert, request);
  const labels: FigureLabel[] = [];
  for (const figure of layout.figures) {
    if (figure.pose === 'back') {
      paintBack(raster, figure);
      continue;
    }
    const label = paintFigure(raster, figure);
    labels.push(label);
  }
  return labels;
}

function paintFigure(raster: Raster, figure: FigurePlacement): FigureLabel {
  const colour = parseHexColour(figure.character.color) ?? GREY;
  const outline = shade(colour, -0.6);
  const { centerX: x, footY: foot, size } = figure;
  const traits = figureTraitsOf(figure.character);
  const bodyW = size * 0.36 * traits.build;
  const headR = size * 0.13;
  const hip = foot - size * 0.28;
  const shoulder = foot - size * 0.7;
  // Outlines grow with the figure so a close-up keeps the look of a wide shot's small figure.
  const line = Math.max(3, Math.round(size * 0.01));

  if (foot < raster.height) raster.ellipse(x, foot, bodyW * 0.8, size * 0.035, BLACK, 0.3);
  for (const side of [-1, 1]) {
    raster.roundedRect(x + side * bodyW * 0.22 - bodyW * 0.13, hip - 4, bodyW * 0.26, foot - hip + 4, bodyW * 0.1, shade(colour, -0.45));
  }
  raster.roundedRect(x - bodyW / 2 - line, shoulder - line, bodyW + 2 * line, hip - shoulder + 2 * line, bodyW * 0.3 + line, outline);
  raster.roundedRect(x - bodyW / 2, shoulder, bodyW, hip - shoulder, bodyW * 0.3, colour);
  const headY = shoulder - headR * 1.05;
  if (traits.silhouette !== 'human' && traits.silhouette !== 'bird') {
    // A tail out of the hip on the side away from where the figure looks.
    const away = figure.facing > 0 ? -1 : 1;
    raster.roundedRect(x + (away > 0 ? bodyW * 0.35 : -bodyW * 0.35 - size * 0.22), hip - size * 0.1, size * 0.22, size * 0.05, size * 0.025, outline);
  }
  paintEars(raster, traits, x, headY, headR, line, colour, outline);
  // A face turned aside moves its features that way and shows a nose on that side.
  const turn = figure.facing * headR * 0.3;
  raster.disc(x, headY, headR + line, outline);
  raster.disc(x, headY, headR, colour);
  const eye = Math.max(2, headR * 0.12);
  raster.disc(x - headR * 0.35 + turn, headY - headR * 0.1, eye, outline);
  raster.disc(x + headR * 0.35 + turn, headY - headR * 0.1, eye, outline);
  if (traits.silhouette === 'bird') {
    const side = figure.facing === 0 ? 0 : figure.facing;
    raster.ellipse(x + side * headR * 0.9 + turn * 0.5, headY + headR * 0.25, headR * (side === 0 ? 0.22 : 0.4), headR * 0.14, hsl(40, 0.9, 0.55));
  } else if (figure.facing !== 0) {
    raster.disc(x + figure.facing * headR * 0.95, headY + headR * 0.12, headR * 0.16, colour);
  }
  if (traits.hat) {
    raster.rect(x - headR * 1.25, headY - headR * 0.72, headR * 2.5, headR * 0.2, outline);
    raster.roundedRect(x - headR * 0.75, headY - headR * 1.45, headR * 1.5, headR * 0.8, headR * 0.15, outline);
  }

  const fontSize = Math.round(Math.min(raster.height * 0.04, Math.max(14, size * 0.085)));
  return {
    name: figure.character.name,
    centerX: Math.round(x),
    // Under the feet when they are in view, else across the chest, above the bottom of every camera view.
    top: Math.round(Math.min(foot + size * 0.06, raster.height * 0.72)),
    fontSize,
    maxWidth: Math.round(Math.max(figure.labelRoom * 1.9, bodyW * 0.9)),
  };
}

/** Ears behind the head: pointed (stacked bars narrowing upward), round, or long. */
function paintEars(raster: Raster, traits: FigureTraits, x: number, headY: number, headR: number, line: number, colour: Rgb, outline: Rgb): void {
  if (traits.silhouette === 'human' || traits.silhouette === 'bird' || traits.hat) return;
  for (const side of [-1, 1]) {
    const earX = x + side * headR * 0.62;
    if (traits.silhouette === 'pointed-ears') {
      const steps = 6;
      for (let step = 0; step < steps; step++) {
        const w = headR * 0.62 * (1 - step / steps);
        raster.rect(earX - w / 2, headY - headR * (0.55 + (step + 1) * 0.1), w, headR * 0.1 + 1, outline);
      }
    } else if (traits.silhouette === 'round-ears') {
      raster.disc(earX + side * headR * 0.15, headY - headR * 0.75, headR * 0.36 + line, outline);
      raster.disc(earX + side * headR * 0.15, headY - headR * 0.75, headR * 0.36, colour);
    } else {
      raster.ellipse(earX * 0.7 + x * 0.3, headY - headR * 1.3, headR * 0.22 + line, headR * 0.65 + line, outline);
      raster.ellipse(earX * 0.7 + x * 0.3, headY - headR * 1.3, headR * 0.22, headR * 0.65, colour);
    }
  }
}

/** The near shoulder and the back of the head of the one being spoken to, dark against the set. */
function paintBack(raster: Raster, figure: FigurePlacement): void {
  const colour = shade(parseHexColour(figure.character.color) ?? GREY, -0.55);
  const { centerX: x, footY: foot, size } = figure;
  const bodyW = size * 0.42;
  const headR = size * 0.13;
  const shoulder = foot - size * 0.7;
  raster.roundedRect(x - bodyW / 2, shoulder, bodyW, size * 0.6, bodyW * 0.3, colour);
  raster.disc(x + headR * 0.15, shoulder - headR * 1.05, headR, shade(colour, -0.2));
}

/** An insert's object, large on a surface: a page, a round thing, or a box, as the prompt suggests. */
function paintInsertObject(raster: Raster, object: NonNullable<ShotLayout['insert']>, request: Pick<VideoRequest, 'shot' | 'characters'>): void {
  const { x, y, size } = object;
  const surfaceTop = y + size * 0.3;
  raster.verticalGradient(surfaceTop, raster.height, hsl(28, 0.35, 0.36), hsl(25, 0.35, 0.22));
  const owner = request.characters.find((character) => character.key === request.shot.characterKeys[0]);
  const colour = (owner && parseHexColour(owner.color)) ?? hsl(45, 0.7, 0.55);
  const outline = shade(colour, -0.6);
  const text = request.shot.prompt.toLowerCase();
  raster.ellipse(x, surfaceTop + size * 0.12, size * 0.75, size * 0.1, BLACK, 0.35);
  if (/letter|note|paper|page|photo|map|card|book|diary|信|纸|照片|地图|本/.test(text)) {
    raster.rect(x - size * 0.5, y - size * 0.6, size, size * 0.8, outline);
    raster.rect(x - size * 0.47, y - size * 0.57, size * 0.94, size * 0.74, shade(colour, 0.7));
    for (let row = 0; row < 5; row++) raster.rect(x - size * 0.38, y - size * 0.45 + row * size * 0.12, size * 0.76, Math.max(2, size * 0.02), outline, 0.7);
  } else if (/cup|mug|glass|coin|ring|clock|watch|plate|bowl|杯|钟|表|戒指|硬币|碗/.test(text)) {
    raster.disc(x, y - size * 0.1, size * 0.52, outline);
    raster.disc(x, y - size * 0.1, size * 0.46, colour);
    raster.disc(x, y - size * 0.1, size * 0.3, shade(colour, 0.35));
  } else {
    raster.roundedRect(x - size * 0.45, y - size * 0.55, size * 0.9, size * 0.75, size * 0.08, outline);
    raster.roundedRect(x - size * 0.41, y - size * 0.51, size * 0.82, size * 0.67, size * 0.06, colour);
    raster.rect(x - size * 0.41, y - size * 0.25, size * 0.82, size * 0.05, shade(colour, -0.3));
  }
}
