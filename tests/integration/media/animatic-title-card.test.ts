import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { probeMedia } from '../../../server/media/probe.ts';
import { buildVideoRequest, decodeFrame, makeScratchDir } from '../../support/media-fixtures.ts';

const WIDTH = 640;
const HEIGHT = 360;
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
let card: string;
let scene: string;

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-title-card-');
  card = join(scratch.dir, 'card.mp4');
  scene = join(scratch.dir, 'scene.mp4');
  const base = { width: WIDTH, height: HEIGHT, fps: 24 };
  // The same day-lit scene, once as a title card and once as itself.
  const shot = { duration: 2, characterKeys: [], dialogue: [] };
  const sceneFields = { heading: 'EXT. BEACH - DAY', location: 'Beach', locationDescription: 'A bright beach', timeOfDay: 'day' };
  await Promise.all([
    renderAnimatic(buildVideoRequest({ ...base, scene: sceneFields, shot: { ...shot, titleCard: 'THE END\nA film by Ada Quill' } }), card, { workDir: scratch.dir }),
    renderAnimatic(buildVideoRequest({ ...base, scene: sceneFields, shot }), scene, { workDir: scratch.dir }),
  ]);
}, 60_000);
afterAll(() => scratch.cleanup());

/** Share of pixels in the rectangle [x0, x1) × [y0, y1) brighter than `level`. */
function brightShare(gray: Buffer, x0: number, x1: number, y0: number, y1: number, level = 128): number {
  let bright = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if ((gray[y * WIDTH + x] ?? 0) > level) bright++;
  return bright / ((x1 - x0) * (y1 - y0));
}

describe('a title card', () => {
  it('lasts the shot, like any take', async () => {
    const info = await probeMedia(card);
    expect(info.video?.frames).toBe(48);
    expect(info.audio).toBeTruthy();
  });

  it('is mostly black, with its text in white near the centre and nothing at the edges', async () => {
    const gray = await decodeFrame(card, 1, 'gray');
    const mean = gray.reduce((sum, value) => sum + value, 0) / gray.length;
    expect(mean).toBeLessThan(20);
    // The middle band (a third of the height, the middle 60 % of the width) holds the letters.
    const middle = brightShare(gray, WIDTH * 0.2, WIDTH * 0.8, HEIGHT / 3, (HEIGHT * 2) / 3);
    expect(middle).toBeGreaterThan(0.02);
    // The top and bottom quarters are black: no subtitles, no scene.
    expect(brightShare(gray, 0, WIDTH, 0, HEIGHT / 4)).toBe(0);
    expect(brightShare(gray, 0, WIDTH, (HEIGHT * 3) / 4, HEIGHT)).toBe(0);
    // Each of the two lines (one above the middle, one below) is centred left to right on its own.
    for (const [top, bottom] of [[0, HEIGHT / 2], [HEIGHT / 2, HEIGHT]]) {
      let sum = 0;
      let count = 0;
      for (let y = top!; y < bottom!; y++) {
        for (let x = 0; x < WIDTH; x++) {
          if ((gray[y * WIDTH + x] ?? 0) <= 128) continue;
          sum += x;
          count++;
        }
      }
      expect(count).toBeGreaterThan(100);
      expect(Math.abs(sum / count - WIDTH / 2)).toBeLessThan(WIDTH * 0.03);
    }
  });

  it('replaces the scene: the same shot without a card shows the bright beach', async () => {
    const gray = await decodeFrame(scene, 1, 'gray');
    const mean = gray.reduce((sum, value) => sum + value, 0) / gray.length;
    expect(mean).toBeGreaterThan(60);
  });
});
