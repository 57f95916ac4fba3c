/**
 * The animatic's picture carries the shot and its subtitles only: what the shot is goes into the
 * MP4's metadata (kept when the take is normalized), and onto the picture only as one thin line
 * when a slate is asked for.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { buildVideoRequest, decodeFrame, makeScratchDir, regionDifference } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const WIDTH = 1280;
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const request = buildVideoRequest({ seed: 11, shot: { number: 4, camera: 'static', prompt: 'Mika waits under the neon sign, rain on the glass', dialogue: [] } });
const clip = (name: string) => join(scratch.dir, `${name}.mp4`);

async function tags(path: string): Promise<Record<string, string>> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format_tags', '-of', 'json', path]);
  return (JSON.parse(stdout) as { format: { tags?: Record<string, string> } }).format.tags ?? {};
}

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-slate-');
  await Promise.all([
    renderAnimatic(request, clip('plain'), { workDir: scratch.dir }),
    renderAnimatic(request, clip('slated'), { workDir: scratch.dir, slate: 'thin' }),
  ]);
});
afterAll(() => scratch?.cleanup());

describe('the animatic slate', () => {
  it('is off the picture by default, and a thin line along the top when asked for', async () => {
    const [plain, slated] = await Promise.all([decodeFrame(clip('plain'), 1, 'gray'), decodeFrame(clip('slated'), 1, 'gray')]);
    // The top line differs…
    expect(regionDifference(plain, slated, WIDTH, 0, 24)).toBeGreaterThan(5);
    // …and nothing below it: the rest of the top quarter (where the old slate's bar and prompt were) is the picture alone.
    expect(regionDifference(plain, slated, WIDTH, 40, 180)).toBeLessThan(0.5);
  });

  it('writes the shot into the MP4 metadata, and normalizing the take keeps it', async () => {
    const normalized = clip('normalized');
    await normalizeClip(clip('plain'), normalized, { width: 1280, height: 720, fps: 24 });
    for (const path of [clip('plain'), normalized]) {
      const found = await tags(path);
      expect(found.title).toBe(`Scene ${request.scene.number} · Shot 4`);
      expect(found.description).toBe('Mika waits under the neon sign, rain on the glass');
      expect(JSON.parse(found.comment!)).toEqual({
        scene: request.scene.number,
        shot: 4,
        heading: request.scene.heading,
        camera: 'static',
        seed: 11,
        duration: request.shot.duration,
        prompt: 'Mika waits under the neon sign, rain on the glass',
      });
    }
  });
});
