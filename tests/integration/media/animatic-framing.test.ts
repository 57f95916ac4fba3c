import { describe, expect, it } from 'vitest';
import { paintScene } from '../../../server/media/animatic-scene.ts';
import { buildVideoRequest, MIKA, PIP } from '../../support/media-fixtures.ts';

type Overrides = Parameters<typeof buildVideoRequest>[0];

function paint(overrides: Overrides) {
  return paintScene(buildVideoRequest(overrides), 640, 360).raster;
}

/** Pixels within `tolerance` of `hex` in each channel, over the whole still. */
function coverage(pixels: Uint8Array, hex: string, tolerance = 10): number {
  const r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
  let count = 0;
  for (let i = 0; i < pixels.length; i += 3) {
    if (Math.abs(pixels[i]! - r) <= tolerance && Math.abs(pixels[i + 1]! - g) <= tolerance && Math.abs(pixels[i + 2]! - b) <= tolerance) count++;
  }
  return count;
}

/** Rows `top`..`bottom` of a still as bytes. */
function rows(raster: { width: number; pixels: Uint8Array }, top: number, bottom: number): Uint8Array {
  return raster.pixels.subarray(top * raster.width * 3, bottom * raster.width * 3);
}

describe('animatic framing', () => {
  it('fills much more of the frame with the subject in a close-up than in a wide shot', () => {
    const wide = paint({ shot: { cameraNote: 'Wide shot', characterKeys: ['mika'] } });
    const close = paint({ shot: { cameraNote: 'Close-up on Mika', characterKeys: ['mika'] } });
    const extreme = paint({ shot: { cameraNote: 'Extreme wide of the alley', characterKeys: ['mika'] } });
    const wideShare = coverage(wide.pixels, MIKA.color);
    expect(coverage(close.pixels, MIKA.color)).toBeGreaterThan(wideShare * 5);
    expect(coverage(extreme.pixels, MIKA.color)).toBeLessThan(wideShare / 2);
  });

  it('reads the size from Chinese words too', () => {
    const wide = paint({ shot: { cameraNote: '远景', prompt: '', characterKeys: ['mika'] } });
    const close = paint({ shot: { cameraNote: '特写', prompt: '', characterKeys: ['mika'] } });
    expect(coverage(close.pixels, MIKA.color)).toBeGreaterThan(coverage(wide.pixels, MIKA.color) * 5);
  });

  it('frames a close-up on its subject alone', () => {
    const close = paint({ shot: { cameraNote: 'Close-up on Mika', characterKeys: ['mika', 'pip'] } });
    expect(coverage(close.pixels, PIP.color)).toBe(0);
  });

  it('leaves the POV character out and shows the other', () => {
    const pov = paint({ shot: { cameraNote: "Mika's POV", characterKeys: ['mika', 'pip'] } });
    expect(coverage(pov.pixels, MIKA.color)).toBe(0);
    expect(coverage(pov.pixels, PIP.color)).toBeGreaterThan(1000);
  });

  it('keeps one set for every shot of a scene, whatever the seed', () => {
    const first = paint({ seed: 3, shot: { number: 1, characterKeys: [] } });
    const second = paint({ seed: 90, shot: { number: 2, characterKeys: [] } });
    expect(Buffer.from(second.pixels).equals(Buffer.from(first.pixels))).toBe(true);
    // With figures, the sky above them still matches.
    const withFigures = paint({ seed: 90, shot: { number: 3 } });
    expect(Buffer.from(rows(withFigures, 0, 100)).equals(Buffer.from(rows(first, 0, 100)))).toBe(true);
  });

  it('paints a different set for a different location', () => {
    const alley = paint({ shot: { characterKeys: [] } });
    const harbour = paint({ scene: { heading: 'EXT. OLD HARBOUR - NIGHT', location: 'Old harbour', locationDescription: 'Fishing boats at the pier' }, shot: { characterKeys: [] } });
    let differing = 0;
    for (let i = 0; i < alley.pixels.length; i++) if (alley.pixels[i] !== harbour.pixels[i]) differing++;
    expect(differing / alley.pixels.length).toBeGreaterThan(0.2);
  });
});

/** Top and bottom rows holding pixels near `hex`. */
function verticalExtent(raster: { width: number; pixels: Uint8Array }, hex: string): number {
  const r = parseInt(hex.slice(1, 3), 16), g = parseInt(hex.slice(3, 5), 16), b = parseInt(hex.slice(5, 7), 16);
  let top = -1, bottom = -1;
  for (let i = 0; i < raster.pixels.length; i += 3) {
    if (Math.abs(raster.pixels[i]! - r) <= 10 && Math.abs(raster.pixels[i + 1]! - g) <= 10 && Math.abs(raster.pixels[i + 2]! - b) <= 10) {
      const row = Math.floor(i / 3 / raster.width);
      if (top < 0) top = row;
      bottom = row;
    }
  }
  return bottom - top;
}

describe('animatic figure traits', () => {
  const paintOne = (description: string) => paintScene(
    buildVideoRequest({ characters: [{ ...PIP, description }], shot: { cameraNote: 'Wide shot', characterKeys: ['pip'], dialogue: [] } }),
    640,
    360,
  ).raster;

  it('draws a tall figure taller than a child', () => {
    expect(verticalExtent(paintOne('A tall woman'), PIP.color)).toBeGreaterThan(verticalExtent(paintOne('A child'), PIP.color) * 1.5);
  });

  it('draws a broad figure wider than a slim one', () => {
    expect(coverage(paintOne('A broad docker').pixels, PIP.color)).toBeGreaterThan(coverage(paintOne('A slim dancer').pixels, PIP.color) * 1.3);
  });

  it("gives a cat a silhouette that differs from a person's", () => {
    const cat = paintOne('A grey cat');
    const person = paintOne('A courier');
    let differing = 0;
    for (let i = 0; i < cat.pixels.length; i++) if (cat.pixels[i] !== person.pixels[i]) differing++;
    expect(differing).toBeGreaterThan(300);
  });

  it('puts a hat on a figure described with one', () => {
    const hatted = paintOne('A detective in a fedora hat');
    const bare = paintOne('A detective');
    // The hat sits above the head: the figure's dark outline reaches higher.
    expect(Buffer.from(hatted.pixels).equals(Buffer.from(bare.pixels))).toBe(false);
  });
});

describe('animatic weather and light', () => {
  const empty = (heading: string, timeOfDay: string, locationDescription = 'A plain field') =>
    paintScene(buildVideoRequest({ scene: { heading, timeOfDay, location: 'Field', locationDescription }, shot: { characterKeys: [], prompt: 'Quiet.' } }), 640, 360).raster;

  /** Share of pixels that are nearly white-grey and bright: rain streaks and snow flakes. */
  const palePixels = (raster: { pixels: Uint8Array }) => {
    let count = 0;
    for (let i = 0; i < raster.pixels.length; i += 3) {
      const [r, g, b] = [raster.pixels[i]!, raster.pixels[i + 1]!, raster.pixels[i + 2]!];
      if (Math.min(r, g, b) > 150 && Math.max(r, g, b) - Math.min(r, g, b) < 40) count++;
    }
    return count;
  };
  const meanLuma = (raster: { pixels: Uint8Array }) => {
    let sum = 0;
    for (let i = 0; i < raster.pixels.length; i += 3) sum += 0.299 * raster.pixels[i]! + 0.587 * raster.pixels[i + 1]! + 0.114 * raster.pixels[i + 2]!;
    return sum / (raster.pixels.length / 3);
  };

  it('paints night darker than day', () => {
    expect(meanLuma(empty('EXT. FIELD - NIGHT', 'night'))).toBeLessThan(meanLuma(empty('EXT. FIELD - DAY', 'day')) * 0.6);
  });

  it('adds streaks in the rain and flakes in the snow', () => {
    const clear = empty('EXT. FIELD - NIGHT', 'night');
    const rain = empty('EXT. FIELD - NIGHT', 'night', 'A plain field in heavy rain');
    // Streaks lighten pixels all over the still, ground and sky alike.
    let lighter = 0;
    for (let i = 0; i < clear.pixels.length; i += 3) if (rain.pixels[i + 2]! > clear.pixels[i + 2]! + 20) lighter++;
    expect(lighter).toBeGreaterThan(3000);
    expect(palePixels(empty('EXT. FIELD - NIGHT', 'night', 'A plain field under falling snow'))).toBeGreaterThan(palePixels(clear) + 2000);
  });
});
