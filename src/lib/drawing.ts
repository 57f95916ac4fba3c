/**
 * Geometry of note drawings on the player: where the picture sits inside the video element
 * (letterboxed or pillarboxed), pointer positions as picture-relative coordinates, and the shapes
 * a drag makes. Coordinates are relative to the picture, 0..1 on both axes; a stroke's width is
 * relative to the picture's width and a text's size to the picture's height.
 */
import type { NoteDrawing } from './api/notes.schema.ts';

export type DrawingShape = NoteDrawing['shapes'][number];
export type DrawingTool = 'freehand' | 'arrow' | 'rect' | 'ellipse' | 'text';
export type Point = [number, number];

/** A rectangle in CSS pixels, relative to the element that holds the picture. */
export interface ContentBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The most shapes one drawing holds (the schema refuses more). */
export const MAX_SHAPES = 200;
/** Freehand points closer than this to the last kept one are dropped, so a stroke stays small. */
const MIN_POINT_DISTANCE = 0.002;
/** Coordinates the schema accepts: a shape may overshoot the picture's edges a little. */
const COORD_MIN = -0.25;
const COORD_MAX = 1.25;

/**
 * Where a `videoWidth`×`videoHeight` picture is drawn inside an element of `width`×`height`
 * (object-fit: contain, centred). Before the video's size is known the whole element is the picture.
 */
export function contentBox(width: number, height: number, videoWidth: number, videoHeight: number): ContentBox {
  if (!(videoWidth > 0 && videoHeight > 0 && width > 0 && height > 0)) return { x: 0, y: 0, width: Math.max(0, width), height: Math.max(0, height) };
  const scale = Math.min(width / videoWidth, height / videoHeight);
  const shown = { width: videoWidth * scale, height: videoHeight * scale };
  return { x: (width - shown.width) / 2, y: (height - shown.height) / 2, ...shown };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
const clamp = (value: number) => Math.min(COORD_MAX, Math.max(COORD_MIN, value));

/**
 * The picture-relative point under a pointer at (`clientX`, `clientY`), given the picture's
 * on-screen rectangle; rounded to 1/10000 (well under a pixel) and kept within what the schema accepts.
 */
export function relativePoint(clientX: number, clientY: number, picture: { left: number; top: number; width: number; height: number }): Point {
  if (!(picture.width > 0 && picture.height > 0)) return [0, 0];
  return [round(clamp((clientX - picture.left) / picture.width)), round(clamp((clientY - picture.top) / picture.height))];
}

/** `points` with `point` added, unless it is closer than `minDistance` to the last one kept. */
export function appendPoint(points: Point[], point: Point, minDistance = MIN_POINT_DISTANCE): Point[] {
  const last = points.at(-1);
  if (last && Math.hypot(point[0] - last[0], point[1] - last[1]) < minDistance) return points;
  return [...points, point];
}

/**
 * The shape a drag from `from` to `to` makes with `tool` (not freehand or text), or undefined for
 * a drag too small to mean anything (a click).
 */
export function dragShape(tool: 'arrow' | 'rect' | 'ellipse', from: Point, to: Point, color: string, width: number): DrawingShape | undefined {
  const w = round(Math.abs(to[0] - from[0]));
  const h = round(Math.abs(to[1] - from[1]));
  if (Math.hypot(w, h) < MIN_POINT_DISTANCE) return undefined;
  if (tool === 'arrow') return { kind: 'arrow', color, width, from, to };
  const x = Math.min(from[0], to[0]);
  const y = Math.min(from[1], to[1]);
  if (tool === 'rect') return { kind: 'rect', color, width, x, y, w, h };
  return { kind: 'ellipse', color, width, cx: round(x + w / 2), cy: round(y + h / 2), rx: round(w / 2), ry: round(h / 2) };
}

/**
 * The two barbs of an arrowhead at `to`, in pixels: points for an SVG polyline "left, tip, right",
 * sized to the stroke (at least 8 px) and pointing along from → to.
 */
export function arrowHead(from: Point, to: Point, strokePx: number): Point[] {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const length = Math.max(8, strokePx * 4);
  const spread = Math.PI / 7;
  return [
    [to[0] - length * Math.cos(angle - spread), to[1] - length * Math.sin(angle - spread)],
    to,
    [to[0] - length * Math.cos(angle + spread), to[1] - length * Math.sin(angle + spread)],
  ];
}
