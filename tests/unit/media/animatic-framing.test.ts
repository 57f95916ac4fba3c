/**
 * What the painter composes for each shot size, read from what it returns (the labels it asks to
 * be written, where the camera goes) and from the pixels it paints.
 */
import { describe, expect, it } from 'vitest';
import { paintScene } from '../../../server/media/animatic-scene.ts';
import type { ShotSize } from '../../../server/providers/shot-size.ts';
import { buildVideoRequest, PIP } from '../../support/media-fixtures.ts';

const WIDTH = 640;
const HEIGHT = 360;

function paint(size: ShotSize, overrides: Parameters<typeof buildVideoRequest>[0] = {}) {
  const request = buildVideoRequest({
    ...overrides,
    shot: { size, characterKeys: ['mika', 'pip'], dialogue: [{ character: 'pip', line: 'Look.' }], ...overrides.shot },
  });
  return paintScene(request, WIDTH, HEIGHT);
}

/** Pixels of the painted canvas exactly in `hex`. */
function pixelsOf(scene: ReturnType<typeof paintScene>, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  const { pixels } = scene.raster;
  let count = 0;
  for (let i = 0; i < pixels.length; i += 3) if (pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b) count++;
  return count;
}

describe('the painter, by shot size', () => {
  it('names nobody in an insert, only the object', () => {
    const insert = paint('insert');
    expect(insert.labels).toEqual([]);
    expect(paint('wide').labels.map((label) => label.name).sort()).toEqual(['Mika', 'Pip']);
  });

  it('shows only the subject in a close-up: the first to speak, else the first in the shot', () => {
    expect(paint('close-up').labels.map((label) => label.name)).toEqual(['Pip']);
    expect(paint('close-up', { shot: { dialogue: [] } }).labels.map((label) => label.name)).toEqual(['Mika']);
  });

  it("names only the one facing the camera over the other's shoulder, and leaves the viewer out of a POV", () => {
    expect(paint('over-the-shoulder').labels.map((label) => label.name)).toEqual(['Pip']);
    // Pip speaks and Mika listens: through Mika's eyes, Pip is seen.
    expect(paint('pov').labels.map((label) => label.name)).toEqual(['Pip']);
  });

  it('paints two figures in a two-shot even when more are in the scene', () => {
    const twoShot = paint('two-shot', { shot: { characterKeys: ['mika', 'joe', 'pip'] } });
    expect(twoShot.labels.map((label) => label.name).sort()).toEqual(['Mika', 'Pip']);
  });

  it('keeps the camera target the same for another seed, while the figures move', () => {
    const a = paint('medium', { seed: 1 });
    const b = paint('medium', { seed: 2 });
    expect(b.focus).toEqual(a.focus);
    expect(Buffer.compare(Buffer.from(a.raster.pixels), Buffer.from(b.raster.pixels))).not.toBe(0);
  });
});

describe('figures by the character sheet', () => {
  const withPip = (description: string, visualTraits: string[] = []) =>
    paint('wide', { characters: [{ ...PIP, description, visualTraits }, buildVideoRequest().characters[0]!] });

  it('are larger for a tall or burly character than for a small or slim one', () => {
    expect(pixelsOf(withPip('a tall robot'), PIP.color)).toBeGreaterThan(pixelsOf(withPip('a small robot'), PIP.color) * 1.4);
    expect(pixelsOf(withPip('a burly robot'), PIP.color)).toBeGreaterThan(pixelsOf(withPip('a slim robot'), PIP.color) * 1.3);
  });

  it("give an animal more outline than a person: a cat's ears and tail", () => {
    const outlineOf = (scene: ReturnType<typeof paintScene>) => pixelsOf(scene, '#660066');
    expect(outlineOf(withPip('a grey cat'))).toBeGreaterThan(outlineOf(withPip('a robot')) + 20);
  });
});
