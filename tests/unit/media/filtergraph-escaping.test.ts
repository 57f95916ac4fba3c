import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../../server/media/ffmpeg.ts';
import { escapeFilterValue, filter, seconds } from '../../../server/media/filtergraph.ts';
import { makeScratchDir } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
beforeAll(async () => {
  scratch = await makeScratchDir();
});
afterAll(() => scratch.cleanup());

describe('filtergraph values', () => {
  it('escape both parsing levels', () => {
    // a:b → a\:b for the option parser → a\\:b for the graph parser.
    expect(escapeFilterValue('a:b')).toBe(String.raw`a\\:b`);
    expect(escapeFilterValue('x,y')).toBe('x\\,y');
    expect(filter('scale', { w: 640, h: -2, skip: undefined })).toBe('scale=w=640:h=-2');
  });

  it('let ffmpeg read a text file whose name holds every special character', async () => {
    const name = `it's: a, [weird]; name\\ 100%.txt`;
    await writeFile(join(scratch.dir, name), 'Quotes \' " : , ; % \\ 夜', 'utf8');
    await expect(
      runFfmpeg(
        [
          '-f', 'lavfi', '-i', 'color=c=black:s=160x90:d=0.1',
          '-vf', filter('drawtext', { textfile: name, expansion: 'none', fontcolor: 'white', fontsize: 12 }),
          '-f', 'null', '-',
        ],
        { cwd: scratch.dir },
      ),
    ).resolves.toBeUndefined();
  });

  it('format seconds without exponents or trailing zeros', () => {
    expect(seconds(0)).toBe('0');
    expect(seconds(2.5)).toBe('2.5');
    expect(seconds(10)).toBe('10');
    expect(seconds(1e-7)).toBe('0');
    expect(seconds(1 / 3)).toBe('0.333333');
  });
});
