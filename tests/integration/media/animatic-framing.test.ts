/**
 * The animatic frames each shot as its size says, films every shot of a scene on one set, and
 * shows the scene's time of day and weather: measured on decoded frames, not on the painter's
 * own numbers. Pip is magenta, a colour no set uses, so Pip's pixels are Pip's figure.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import type { VideoRequest } from '../../../server/providers/video.types.ts';
import { buildVideoRequest, countPixelsNear, decodeFrame, makeScratchDir, PIP, regionDifference } from '../../support/media-fixtures.ts';

const WIDTH = 640;
const HEIGHT = 360;
type Overrides = Parameters<typeof buildVideoRequest>[0];

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const frames = new Map<string, Buffer>();

/** Pip speaks, so Pip is the subject; a one-second static shot at 640×360, its middle frame as RGB. */
function shot(overrides: Overrides = {}): VideoRequest {
  return buildVideoRequest({
    width: WIDTH,
    height: HEIGHT,
    ...overrides,
    shot: { characterKeys: ['pip', 'joe'], dialogue: [{ character: 'pip', line: 'Over here.' }], camera: 'static', duration: 1, ...overrides.shot },
  });
}

const REQUESTS: Record<string, VideoRequest> = {
  extremeWide: shot({ shot: { size: 'extreme-wide' } }),
  wide: shot({ shot: { size: 'wide' } }),
  closeUp: shot({ shot: { size: 'close-up' } }),
  // Another shot of the same scene: another number, prompt and seed.
  wideAgain: shot({ seed: 42, shot: { size: 'wide', number: 7, prompt: 'Joe stirs the pot while Pip waits.' } }),
  day: shot({ scene: { heading: 'EXT. TOKYO ALLEY - DAY', timeOfDay: 'day' }, shot: { size: 'wide' } }),
  rain: shot({ scene: { heading: 'EXT. TOKYO ALLEY - NIGHT - HEAVY RAIN' }, shot: { size: 'wide' } }),
  // Pip first in the shot (left) or second (right); either way the push-in ends on Pip.
  pushLeft: shot({ shot: { size: 'wide', camera: 'push-in' } }),
  pushRight: shot({ shot: { size: 'wide', camera: 'push-in', characterKeys: ['joe', 'pip'] } }),
  panToPip: shot({ shot: { size: 'wide', camera: 'pan-left', characterKeys: ['joe', 'pip'] } }),
};

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-framing-');
  await Promise.all(
    Object.entries(REQUESTS).map(async ([name, request]) => {
      const path = join(scratch.dir, `${name}.mp4`);
      await renderAnimatic(request, path, { workDir: scratch.dir });
      // The end of a move shows where it went; a static shot is the same throughout.
      frames.set(name, await decodeFrame(path, request.shot.camera === 'static' ? 0.5 : 0.9, 'rgb24'));
    }),
  );
});
afterAll(() => scratch.cleanup());

const frame = (name: string) => frames.get(name)!;
const pipPixels = (name: string) => countPixelsNear(frame(name), PIP.color, 24);

function grayOf(rgb: Buffer): Buffer {
  const gray = Buffer.alloc(rgb.length / 3);
  for (let i = 0; i < gray.length; i++) gray[i] = Math.round((rgb[3 * i]! + rgb[3 * i + 1]! + rgb[3 * i + 2]!) / 3);
  return gray;
}

function meanBrightness(rgb: Buffer): number {
  const gray = grayOf(rgb);
  return gray.reduce((sum, value) => sum + value, 0) / gray.length;
}

/** Mean x of the pixels in Pip's colour. */
function pipCentreX(rgb: Buffer): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3) {
    if (Math.abs(rgb[i]! - 255) <= 24 && rgb[i + 1]! <= 24 && Math.abs(rgb[i + 2]! - 255) <= 24) {
      sum += (i / 3) % WIDTH;
      count++;
    }
  }
  return sum / count;
}

describe('shot sizes', () => {
  it('make the subject far larger in a close-up than in a wide shot, and smaller still in an extreme wide', () => {
    const [extremeWide, wide, closeUp] = [pipPixels('extremeWide'), pipPixels('wide'), pipPixels('closeUp')];
    expect(extremeWide).toBeGreaterThan(20);
    expect(wide).toBeGreaterThan(extremeWide * 3);
    expect(closeUp).toBeGreaterThan(wide * 5);
    // Head and shoulders: a good share of the whole frame.
    expect(closeUp).toBeGreaterThan(WIDTH * HEIGHT * 0.12);
  });

  it('leave the other character out of a close-up on the subject', () => {
    const joeInWide = countPixelsNear(frame('wide'), '#29335c', 12);
    expect(joeInWide).toBeGreaterThan(300);
    // A few night-sky pixels come near Joe's dark blue; Joe's figure would be hundreds.
    expect(countPixelsNear(frame('closeUp'), '#29335c', 12)).toBeLessThan(joeInWide / 5);
  });
});

describe('camera moves', () => {
  it('end on the subject, wherever the subject stands', () => {
    for (const name of ['pushLeft', 'pushRight', 'panToPip']) {
      expect(Math.abs(pipCentreX(frame(name)) - WIDTH / 2), name).toBeLessThan(WIDTH * 0.08);
    }
  });
});

describe('the set', () => {
  it('is the same in another shot of the scene with another seed', () => {
    const [a, b] = [grayOf(frame('wide')), grayOf(frame('wideAgain'))];
    // The sky and the upper part of the buildings, above the figures' heads.
    expect(regionDifference(a, b, WIDTH, 0, 120)).toBeLessThan(1);
    expect(regionDifference(a, b, WIDTH, 0, HEIGHT)).toBeGreaterThan(0.1);
  });

  it('is brighter by day than by night', () => {
    expect(meanBrightness(frame('day'))).toBeGreaterThan(meanBrightness(frame('wide')) + 40);
  });

  it('shows rain as light streaks the dry night does not have', () => {
    const [rain, dry] = [grayOf(frame('rain')), grayOf(frame('wide'))];
    let streaks = 0;
    // Above the figures, where only the set and the weather are.
    for (let i = 0; i < WIDTH * 120; i++) if (rain[i]! > dry[i]! + 15) streaks++;
    expect(streaks).toBeGreaterThan(300);
  });
});
