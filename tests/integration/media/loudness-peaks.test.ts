/**
 * Sound whose peaks stand far above its average (speech over a quiet bed, a door slam) cannot
 * reach the loudness target by a plain gain without clipping past the true-peak limit: the second
 * pass then runs loudnorm with the first pass's measurement. That run must produce the raw PCM the
 * compile encodes, at the target loudness and under the peak limit.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishSoundtrack } from '../../../server/media/audio-mix.ts';
import { makeScratchDir } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const SECONDS = 8;

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-loudness-peaks-');
  // A steady quiet tone with a loud 3-ms click every second: far below −16 LUFS, with peaks near 0 dBFS.
  const expr = `0.05*sin(2*PI*440*t)+0.9*lt(mod(t\\,1)\\,0.003)*sin(2*PI*1000*t)`;
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc=exprs=${expr}|${expr}:s=48000:d=${SECONDS}`, '-c:a', 'pcm_f32le', '-f', 'f32le', join(scratch.dir, 'joined.pcm')]);
});
afterAll(() => scratch?.cleanup());

/** Integrated loudness and true peak of raw stereo PCM, measured by ffmpeg's ebur128 filter. */
async function measure(path: string) {
  const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-f', 'f32le', '-ar', '48000', '-ac', '2', '-i', path, '-af', 'ebur128=peak=true', '-f', 'null', '-']);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  return { lufs: Number(/I:\s*(-?[\d.]+) LUFS/.exec(summary)?.[1]), peak: Number(/Peak:\s*(-?[\d.]+) dBFS/.exec(summary)?.[1]) };
}

describe('loudness normalization of peaky sound', () => {
  it('runs loudnorm’s second pass to raw PCM of the same length, near the target and under the peak limit', async () => {
    const source = join(scratch.dir, 'joined.pcm');
    const before = await measure(source);
    // The premise: a plain gain to −16 LUFS would push the peaks past −1 dBTP.
    expect(before.peak + (-16 - before.lufs)).toBeGreaterThan(-1);

    const output = await finishSoundtrack(source, SECONDS, { loudness: { targetLufs: -16, truePeakDb: -1 }, workDir: scratch.dir });
    expect(output).not.toBe(source);
    expect((await stat(output)).size).toBe((await stat(source)).size);
    const after = await measure(output);
    expect(after.lufs).toBeGreaterThan(before.lufs + 3);
    expect(Math.abs(after.lufs - -16)).toBeLessThan(1);
    expect(after.peak).toBeLessThanOrEqual(-0.8);
  });
});
