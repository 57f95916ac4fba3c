import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { buildVideoRequest, countPixelsNear, decodeFrame, makeScratchDir, PIP } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const frames: Record<'alley' | 'kitchen' | 'withoutPip', Buffer> = {} as never;

async function renderFrame(name: string, request: ReturnType<typeof buildVideoRequest>): Promise<Buffer> {
  const path = join(scratch.dir, `${name}.mp4`);
  await renderAnimatic(request, path, { workDir: scratch.dir });
  return decodeFrame(path, 0.5, 'rgb24');
}

beforeAll(async () => {
  scratch = await makeScratchDir();
  const [alley, kitchen, withoutPip] = await Promise.all([
    renderFrame('alley', buildVideoRequest({ seed: 3, shot: { characterKeys: ['mika', 'pip'], duration: 1 } })),
    renderFrame(
      'kitchen',
      buildVideoRequest({
        seed: 11,
        scene: { number: 4, heading: 'INT. KITCHEN - DAY', location: 'Kitchen', locationDescription: 'Tiled and bright', timeOfDay: 'day' },
        shot: { number: 2, characterKeys: ['pip', 'joe', 'mika'], camera: 'pan-left', duration: 1 },
      }),
    ),
    renderFrame('without-pip', buildVideoRequest({ seed: 3, shot: { characterKeys: ['mika', 'joe'], duration: 1 } })),
  ]);
  Object.assign(frames, { alley, kitchen, withoutPip });
});
afterAll(() => scratch.cleanup());

describe('character figures', () => {
  it("draw a character in its own colour", () => {
    expect(countPixelsNear(frames.alley, PIP.color, 16)).toBeGreaterThan(3000);
  });

  it('keep that colour in a different scene, seed and camera move', () => {
    expect(countPixelsNear(frames.kitchen, PIP.color, 16)).toBeGreaterThan(2000);
  });

  it('draw only the characters in the shot', () => {
    expect(countPixelsNear(frames.withoutPip, PIP.color, 16)).toBeLessThan(20);
  });
});
