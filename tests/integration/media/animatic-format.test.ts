import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { probeMedia } from '../../../server/media/probe.ts';
import { buildVideoRequest, decodeAudio, makeScratchDir, probeStreams, topLevelBoxes } from '../../support/media-fixtures.ts';

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
let output: string;
const progress: number[] = [];

beforeAll(async () => {
  scratch = await makeScratchDir();
  output = join(scratch.dir, 'shot.mp4');
  const request = buildVideoRequest({
    shot: {
      duration: 5,
      camera: 'push-in',
      dialogue: [
        { character: 'mika', line: 'Is it ready?' },
        { character: 'joe', line: 'Two more minutes.' },
      ],
    },
  });
  await renderAnimatic(request, output, { workDir: scratch.dir, onProgress: (f) => progress.push(f) });
});
afterAll(() => scratch.cleanup());

describe('a 5 s animatic with default settings', () => {
  it('is 1280×720 at 24 fps, H.264 yuv420p with AAC stereo 48 kHz', async () => {
    const facts = await probeStreams(output);
    const video = facts.streams.filter((s) => s.codec_type === 'video');
    const audio = facts.streams.filter((s) => s.codec_type === 'audio');
    expect(video).toHaveLength(1);
    expect(audio).toHaveLength(1);
    expect(video[0]).toMatchObject({ codec_name: 'h264', width: 1280, height: 720, pix_fmt: 'yuv420p', avg_frame_rate: '24/1' });
    expect(audio[0]).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
  });

  it('lasts the requested duration', async () => {
    const facts = await probeStreams(output);
    expect(Math.abs(facts.duration - 5)).toBeLessThanOrEqual(0.1);
    const info = await probeMedia(output);
    expect(info.video?.frames).toBe(120);
  });

  it('puts the moov atom before mdat (faststart)', async () => {
    const boxes = await topLevelBoxes(output);
    expect(boxes).toContain('moov');
    expect(boxes).toContain('mdat');
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  });

  it('carries a quiet sound bed, around -30 dBFS', async () => {
    const samples = await decodeAudio(output);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rmsDb = 20 * Math.log10(Math.sqrt(sum / samples.length));
    expect(rmsDb).toBeGreaterThan(-38);
    expect(rmsDb).toBeLessThan(-24);
  });

  it('reports rising progress that ends at 1', () => {
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(progress.at(-1)).toBe(1);
  });

  // How fast is for `npm run bench:animatic`: a wall-clock bound here fails on a busy machine.
  it('leaves nothing else in the work folder', async () => {
    expect(await readdir(scratch.dir)).toEqual(['shot.mp4']);
  });
});

describe('an animatic with its own size and frame rate', () => {
  it('follows the request', async () => {
    const path = join(scratch.dir, 'small.mp4');
    // Without the temp voice: its line needs a little more than this 1-s shot, which would lengthen the take.
    await renderAnimatic(buildVideoRequest({ width: 640, height: 360, fps: 30, shot: { duration: 1 } }), path, {
      workDir: scratch.dir,
      voice: 'off',
    });
    const info = await probeMedia(path);
    expect(info.video).toMatchObject({ width: 640, height: 360, fps: 30, frames: 30 });
    expect(Math.abs(info.durationSeconds - 1)).toBeLessThanOrEqual(0.1);
  });
});
