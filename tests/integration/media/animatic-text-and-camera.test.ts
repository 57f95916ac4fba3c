import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import type { VideoRequest } from '../../../server/providers/video.types.ts';
import { buildVideoRequest, decodeFrame, makeScratchDir, regionDifference } from '../../support/media-fixtures.ts';

const WIDTH = 1280;
const SUBTITLE_ROWS = [560, 720] as const;
const MIDDLE_ROWS = [200, 540] as const;

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
beforeAll(async () => {
  scratch = await makeScratchDir();
});
afterAll(() => scratch.cleanup());

/**
 * Rendered with the subtitles burned in, which is what these tests look at (the default is a caption
 * track only), and without the temp voice, so each take keeps its shot's length and the frames
 * looked at fall where the test says (speech that needs more time lengthens a take).
 */
async function render(name: string, request: VideoRequest): Promise<string> {
  const path = join(scratch.dir, `${name}.mp4`);
  await renderAnimatic(request, path, { workDir: scratch.dir, subtitles: 'burned', voice: 'off' });
  return path;
}

describe('dialogue subtitles', () => {
  it('render CJK and Latin lines, each in its own part of the shot', async () => {
    const characters = buildVideoRequest().characters.map((c) => (c.key === 'joe' ? { ...c, name: '丈' } : c));
    const [spoken, silent] = await Promise.all([
      render(
        'cjk',
        buildVideoRequest({
          characters,
          shot: {
            prompt: '雨の夜、屋台の前で。Mika says: "100% sure", then leaves; 50\\50.',
            dialogue: [
              { character: 'joe', line: '夜はずっとここにいたよ。' },
              { character: 'mika', line: 'Really? Prove it: show me, then.' },
            ],
          },
        }),
      ),
      render('silent', buildVideoRequest({ shot: { dialogue: [] } })),
    ]);
    const [firstLine, secondLine, none] = await Promise.all([
      // Inside each line's half of the shot and clear of the half second kept free at each end.
      decodeFrame(spoken, 0.75, 'gray'),
      decodeFrame(spoken, 1.25, 'gray'),
      decodeFrame(silent, 0.75, 'gray'),
    ]);
    expect(regionDifference(firstLine, none, WIDTH, ...SUBTITLE_ROWS)).toBeGreaterThan(3);
    expect(regionDifference(secondLine, none, WIDTH, ...SUBTITLE_ROWS)).toBeGreaterThan(3);
    expect(regionDifference(firstLine, secondLine, WIDTH, ...SUBTITLE_ROWS)).toBeGreaterThan(1);
  });
});

describe('dual dialogue', () => {
  it('shows lines said at the same time together, for the whole of their turn', async () => {
    const lines = [
      { character: 'joe', line: 'You took it.' },
      { character: 'mika', line: 'I never did.' },
    ];
    const [together, inTurn] = await Promise.all([
      render('dual', buildVideoRequest({ seed: 8, shot: { camera: 'static', duration: 4, dialogue: [lines[0]!, { ...lines[1]!, simultaneous: true }] } })),
      render('turns', buildVideoRequest({ seed: 8, shot: { camera: 'static', duration: 4, dialogue: lines } })),
    ]);
    const [togetherEarly, togetherLate, turnEarly, turnLate] = await Promise.all([
      decodeFrame(together, 1, 'gray'),
      decodeFrame(together, 3, 'gray'),
      decodeFrame(inTurn, 1, 'gray'),
      decodeFrame(inTurn, 3, 'gray'),
    ]);
    // Said in turn, the subtitle changes halfway; said together, both rows stay up the whole shot.
    expect(regionDifference(turnEarly, turnLate, WIDTH, ...SUBTITLE_ROWS)).toBeGreaterThan(1);
    expect(regionDifference(togetherEarly, togetherLate, WIDTH, ...SUBTITLE_ROWS)).toBeLessThan(regionDifference(turnEarly, turnLate, WIDTH, ...SUBTITLE_ROWS) / 2);
    expect(regionDifference(togetherEarly, turnEarly, WIDTH, ...SUBTITLE_ROWS)).toBeGreaterThan(1);
  });
});

describe('camera moves', () => {
  const frameAt = async (camera: VideoRequest['shot']['camera'], at: number) => {
    const path = join(scratch.dir, `${camera}.mp4`);
    return decodeFrame(path, at, 'gray');
  };

  beforeAll(async () => {
    await Promise.all(
      (['static', 'push-in', 'pan-left'] as const).map((camera) =>
        render(camera, buildVideoRequest({ seed: 5, shot: { camera, dialogue: [] } })),
      ),
    );
  });

  it('barely creep for a static shot: alive, far less than a push-in', async () => {
    const [start, end, pushStart, pushEnd] = await Promise.all([frameAt('static', 0), frameAt('static', 1.9), frameAt('push-in', 0), frameAt('push-in', 1.9)]);
    const still = regionDifference(start, end, WIDTH, ...MIDDLE_ROWS);
    expect(still).toBeGreaterThan(0);
    expect(still).toBeLessThan(regionDifference(pushStart, pushEnd, WIDTH, ...MIDDLE_ROWS) / 2);
  });

  it('move the picture for a push-in and a pan', async () => {
    for (const camera of ['push-in', 'pan-left'] as const) {
      const [start, end] = await Promise.all([frameAt(camera, 0), frameAt(camera, 1.9)]);
      expect(regionDifference(start, end, WIDTH, ...MIDDLE_ROWS), camera).toBeGreaterThan(4);
    }
  });
});
