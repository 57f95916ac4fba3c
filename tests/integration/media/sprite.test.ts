import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaInputError } from '../../../server/media/errors.ts';
import { makeSpriteSheet } from '../../../server/media/sprite.ts';
import { makeScratchDir, probeStreams } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
let ramp: string;

/** Brightness that the ramp clip has at `t` seconds (luma rises 50 per second from 16). */
const rampLuma = (t: number) => 16 + 50 * t;

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-sprite-');
  ramp = join(scratch.dir, 'ramp.mp4');
  // Each frame's brightness tells the time it was taken at, so tiles can be checked for order and spacing.
  await run('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'color=c=black:s=320x180:r=25:d=4',
    '-vf', `geq=lum='16+50*T':cb=128:cr=128,format=yuv420p`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', ramp,
  ]);
});
afterAll(() => scratch.cleanup());

/** Decodes a JPEG to gray pixels (no seeking: `-ss 0` on some single-image inputs yields no frame). */
async function decodeGray(path: string): Promise<Buffer> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    encoding: 'buffer',
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Mean gray level of tile (column, row) of a sheet `width` pixels wide, ignoring a 4-pixel border. */
function tileMean(gray: Buffer, width: number, tileWidth: number, tileHeight: number, column: number, row: number): number {
  let total = 0;
  let count = 0;
  for (let y = row * tileHeight + 4; y < (row + 1) * tileHeight - 4; y++) {
    for (let x = column * tileWidth + 4; x < (column + 1) * tileWidth - 4; x++) {
      total += gray[y * width + x]!;
      count++;
    }
  }
  return total / count;
}

describe('makeSpriteSheet', () => {
  it('tiles evenly spaced thumbnails into one JPEG of the promised size', async () => {
    const output = join(scratch.dir, 'sheets', 'sprite.jpg');
    const info = await makeSpriteSheet(ramp, output);
    expect(info).toEqual({ columns: 10, rows: 1, tileWidth: 160, tileHeight: 90, intervalSeconds: 0.4, count: 10 });
    const bytes = await readFile(output);
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const facts = await probeStreams(output);
    expect(facts.streams[0]).toMatchObject({ codec_name: 'mjpeg', width: 1600, height: 90 });

    const gray = await decodeGray(output);
    const means = Array.from({ length: 10 }, (_, k) => tileMean(gray, 1600, 160, 90, k, 0));
    for (let k = 0; k < 10; k++) {
      // Tile k shows the middle of the k-th slice: (k + 0.5) × 0.4 s. JPEG and range conversion allow some slack.
      const expected = ((rampLuma((k + 0.5) * 0.4) - 16) * 255) / 219;
      expect(Math.abs(means[k]! - expected)).toBeLessThan(8);
    }
    // Nothing but the sheet is left in the folder: the temporary file was renamed.
    expect(await readdir(join(scratch.dir, 'sheets'))).toEqual(['sprite.jpg']);
  });

  it('lays out several rows and keeps the aspect ratio', async () => {
    const output = join(scratch.dir, 'grid.jpg');
    const info = await makeSpriteSheet(ramp, output, { columns: 4, rows: 2, tileWidth: 100 });
    expect(info).toMatchObject({ columns: 4, rows: 2, tileWidth: 100, tileHeight: 56, count: 8, intervalSeconds: 0.5 });
    const facts = await probeStreams(output);
    expect(facts.streams[0]).toMatchObject({ width: 400, height: 112 });
    const gray = await decodeGray(output);
    // Row-major order: the first tile of row 2 comes after the last tile of row 1.
    expect(tileMean(gray, 400, 100, 56, 0, 1)).toBeGreaterThan(tileMean(gray, 400, 100, 56, 3, 0) + 5);
  });

  it('chooses rows for about one thumbnail a second', async () => {
    const info = await makeSpriteSheet(ramp, join(scratch.dir, 'auto.jpg'), { columns: 2, rows: 'auto', tileWidth: 80 });
    expect(info).toMatchObject({ columns: 2, rows: 2, count: 4, intervalSeconds: 1 });
  });

  it('makes fewer thumbnails than tiles for a clip with fewer frames', async () => {
    const short = join(scratch.dir, 'short.mp4');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=10:d=0.4', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', short]);
    const output = join(scratch.dir, 'short.jpg');
    const info = await makeSpriteSheet(short, output, { columns: 3, rows: 2, tileWidth: 64 });
    expect(info.count).toBe(4);
    const facts = await probeStreams(output);
    expect(facts.streams[0]).toMatchObject({ width: 192, height: 72 });
    const gray = await decodeGray(output);
    // Tiles 5 and 6 are empty (black); tile 4 holds a frame.
    expect(tileMean(gray, 192, 64, 36, 2, 1)).toBeLessThan(5);
    expect(tileMean(gray, 192, 64, 36, 0, 1)).toBeGreaterThan(30);
  });

  it('refuses impossible layouts', async () => {
    await expect(makeSpriteSheet(ramp, join(scratch.dir, 'bad.jpg'), { columns: 0 })).rejects.toBeInstanceOf(MediaInputError);
    await expect(makeSpriteSheet(ramp, join(scratch.dir, 'bad.jpg'), { tileWidth: 161 })).rejects.toBeInstanceOf(MediaInputError);
  });
});
