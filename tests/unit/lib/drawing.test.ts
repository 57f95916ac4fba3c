/**
 * Drawing geometry: the picture's box inside a letterboxed player, pointer positions as
 * picture-relative coordinates, thinned freehand strokes and the shapes a drag makes.
 */
import { describe, expect, it } from 'vitest';
import { appendPoint, arrowHead, contentBox, dragShape, relativePoint, type Point } from '../../../src/lib/drawing.ts';

describe('contentBox', () => {
  it('letterboxes a wide picture in a taller element: bars above and below', () => {
    // 1920×1080 in 640×480: scale 1/3, shown 640×360, 60 px bars.
    expect(contentBox(640, 480, 1920, 1080)).toEqual({ x: 0, y: 60, width: 640, height: 360 });
  });

  it('pillarboxes a vertical picture in a wide element: bars left and right', () => {
    // 180×320 in 640×360: scale 1.125, shown 202.5×360, (640 − 202.5) / 2 = 218.75 px bars.
    expect(contentBox(640, 360, 180, 320)).toEqual({ x: 218.75, y: 0, width: 202.5, height: 360 });
  });

  it('fills an element of the picture’s own shape', () => {
    expect(contentBox(320, 180, 1280, 720)).toEqual({ x: 0, y: 0, width: 320, height: 180 });
  });

  it('takes the whole element while the video’s size is unknown', () => {
    expect(contentBox(400, 300, 0, 0)).toEqual({ x: 0, y: 0, width: 400, height: 300 });
  });
});

describe('relativePoint', () => {
  const picture = { left: 100, top: 40, width: 200, height: 100 };

  it('measures from the picture’s top-left corner in picture widths and heights', () => {
    expect(relativePoint(150, 90, picture)).toEqual([0.25, 0.5]);
    expect(relativePoint(300, 140, picture)).toEqual([1, 1]);
  });

  it('rounds to 1/10000', () => {
    // 24.6912 / 200 = 0.123456
    expect(relativePoint(124.6912, 40, picture)).toEqual([0.1235, 0]);
  });

  it('keeps a point far outside the picture within −0.25..1.25', () => {
    expect(relativePoint(0, 400, picture)).toEqual([-0.25, 1.25]);
  });
});

describe('appendPoint', () => {
  const start: Point[] = [[0.1, 0.1]];

  it('drops a point closer than 0.002 to the last one kept', () => {
    // √(0.001² + 0.001²) ≈ 0.0014
    expect(appendPoint(start, [0.101, 0.101])).toBe(start);
  });

  it('keeps a point far enough away', () => {
    expect(appendPoint(start, [0.103, 0.1])).toEqual([
      [0.1, 0.1],
      [0.103, 0.1],
    ]);
  });

  it('keeps the first point of a stroke', () => {
    expect(appendPoint([], [0.5, 0.5])).toEqual([[0.5, 0.5]]);
  });
});

describe('dragShape', () => {
  it('makes a rectangle from its top-left corner whichever way the drag went', () => {
    expect(dragShape('rect', [0.6, 0.2], [0.1, 0.7], '#e11d48', 0.004)).toEqual({ kind: 'rect', color: '#e11d48', width: 0.004, x: 0.1, y: 0.2, w: 0.5, h: 0.5 });
  });

  it('makes an ellipse inside the dragged box', () => {
    expect(dragShape('ellipse', [0.2, 0.2], [0.6, 0.4], '#e11d48', 0.004)).toEqual({ kind: 'ellipse', color: '#e11d48', width: 0.004, cx: 0.4, cy: 0.3, rx: 0.2, ry: 0.1 });
  });

  it('makes an arrow from where the drag started to where it ended', () => {
    expect(dragShape('arrow', [0.9, 0.1], [0.5, 0.5], '#29335c', 0.006)).toEqual({ kind: 'arrow', color: '#29335c', width: 0.006, from: [0.9, 0.1], to: [0.5, 0.5] });
  });

  it('makes nothing of a click', () => {
    expect(dragShape('rect', [0.3, 0.3], [0.3, 0.3], '#e11d48', 0.004)).toBeUndefined();
    expect(dragShape('arrow', [0.3, 0.3], [0.301, 0.3], '#e11d48', 0.004)).toBeUndefined();
  });
});

describe('arrowHead', () => {
  it('puts two 8 px barbs at the tip, 180°/7 either side of the shaft', () => {
    // cos(π/7) ≈ 0.900969, sin(π/7) ≈ 0.433884: barbs at (100 − 7.2078, ±3.4711).
    const [left, tip, right] = arrowHead([0, 0], [100, 0], 2);
    expect(tip).toEqual([100, 0]);
    expect(left![0]).toBeCloseTo(92.7922, 4);
    expect(left![1]).toBeCloseTo(3.4711, 4);
    expect(right![0]).toBeCloseTo(92.7922, 4);
    expect(right![1]).toBeCloseTo(-3.4711, 4);
  });

  it('grows with a thick stroke: four stroke widths long', () => {
    const [left] = arrowHead([0, 0], [0, 100], 5);
    // Pointing down: the barbs sit 20 · cos(π/7) ≈ 18.0194 above the tip.
    expect(left![1]).toBeCloseTo(100 - 18.0194, 4);
  });
});
