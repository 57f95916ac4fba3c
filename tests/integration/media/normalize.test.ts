import { execFile } from 'node:child_process';
import { access, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaInputError } from '../../../server/media/errors.ts';
import { normalizeClip } from '../../../server/media/normalize.ts';
import { makeScratchDir, makeTestClip, probeStreams, topLevelBoxes } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const FORMAT = { width: 320, height: 180, fps: 24 } as const;

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-normalize-');
  await Promise.all([
    makeTestClip(join(scratch.dir, 'wide-30fps-silent.mp4'), { durationSeconds: 2.5, audio: false, size: '640x360', fps: 30 }),
    makeTestClip(join(scratch.dir, 'tall-with-tone.mp4'), { durationSeconds: 2, audio: true, size: '180x320', fps: 25 }),
    run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=duration=2', '-c:a', 'aac', join(scratch.dir, 'audio-only.m4a')]),
    writeFile(join(scratch.dir, 'not-media.mp4'), 'this is not a video'),
    writeFile(join(scratch.dir, 'empty.mp4'), ''),
  ]);
});
afterAll(() => scratch.cleanup());

/** Video packets as [pts seconds, is keyframe], read with ffprobe directly. */
async function videoPackets(path: string): Promise<{ pts: number; key: boolean }[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', path]);
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [pts, flags] = line.split(',');
      return { pts: Number(pts), key: (flags ?? '').startsWith('K') };
    })
    .sort((a, b) => a.pts - b.pts);
}

async function streamDurations(path: string): Promise<{ video: number; audio: number; timeBase: string }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_type,duration,time_base', '-of', 'json', path]);
  const streams = (JSON.parse(stdout) as { streams: { codec_type: string; duration: string; time_base: string }[] }).streams;
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  return { video: Number(video?.duration), audio: Number(audio?.duration), timeBase: video?.time_base ?? '' };
}

async function expectNoOutput(dir: string, name: string) {
  await expect(access(join(dir, name))).rejects.toThrow();
  expect((await readdir(dir)).filter((entry) => entry.includes(name))).toEqual([]);
}

describe('normalizeClip', () => {
  it('turns any clip into constant-rate H.264 with keyframes every second (and each quarter of the first) and stereo AAC as long as the video', async () => {
    const output = join(scratch.dir, 'out', 'wide.mp4');
    const info = await normalizeClip(join(scratch.dir, 'wide-30fps-silent.mp4'), output, FORMAT);
    expect(info.video).toMatchObject({ codec: 'h264', width: 320, height: 180, fps: 24, pixFmt: 'yuv420p', frames: 60 });
    expect(info.audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });

    const facts = await probeStreams(output);
    expect(facts.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    const packets = await videoPackets(output);
    expect(packets).toHaveLength(60);
    // Constant rate: every frame exactly 1/24 s after the one before.
    packets.forEach((packet, index) => expect(packet.pts).toBeCloseTo(index / 24, 4));
    expect(packets.filter((p) => p.key).map((p) => Math.round(p.pts * 24))).toEqual([0, 6, 12, 18, 24, 48]);

    const durations = await streamDurations(output);
    expect(durations.timeBase).toBe('1/12288');
    expect(durations.video).toBeCloseTo(2.5, 3);
    // AAC codes in 1024-sample frames, so the audio may end up to one frame (21 ms) early.
    expect(Math.abs(durations.audio - durations.video)).toBeLessThanOrEqual(0.025);

    const boxes = await topLevelBoxes(output);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  });

  it('letterboxes a portrait clip into the frame and keeps its sound', async () => {
    const output = join(scratch.dir, 'out', 'tall.mp4');
    const info = await normalizeClip(join(scratch.dir, 'tall-with-tone.mp4'), output, FORMAT);
    expect(info.video).toMatchObject({ width: 320, height: 180, frames: 48 });
    const samples = await run('ffmpeg', ['-v', 'error', '-i', output, '-f', 's16le', '-ac', '1', '-'], { encoding: 'buffer', maxBuffer: 1 << 24 });
    const pcm = new Int16Array(samples.stdout.buffer, samples.stdout.byteOffset, samples.stdout.byteLength / 2);
    expect(Math.max(...pcm.subarray(0, 48000).map(Math.abs))).toBeGreaterThan(3000);
  });

  it('refuses files that are not usable video, leaving nothing behind', async () => {
    const out = join(scratch.dir, 'refused');
    for (const name of ['not-media.mp4', 'empty.mp4', 'audio-only.m4a', 'missing.mp4']) {
      await expect(normalizeClip(join(scratch.dir, name), join(out, `${name}.mp4`), FORMAT)).rejects.toBeInstanceOf(MediaInputError);
    }
    await expect(readdir(out).catch(() => [])).resolves.toEqual([]);
  });

  it('refuses a truncated clip whose header promises more than its data holds', async () => {
    // A normalized file has its index first, so cutting it in half keeps it probeable.
    const whole = join(scratch.dir, 'out', 'whole.mp4');
    await normalizeClip(join(scratch.dir, 'wide-30fps-silent.mp4'), whole, FORMAT);
    const bytes = await readFile(whole);
    const truncated = join(scratch.dir, 'truncated.mp4');
    await writeFile(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.5)));
    const outDir = join(scratch.dir, 'truncated-out');
    await expect(normalizeClip(truncated, join(outDir, 'clip.mp4'), FORMAT)).rejects.toThrow(/truncated|damaged|decode/);
    await expectNoOutput(outDir, 'clip.mp4');
  });

  it('rejects impossible formats before doing any work', async () => {
    await expect(normalizeClip(join(scratch.dir, 'wide-30fps-silent.mp4'), join(scratch.dir, 'x.mp4'), { width: 321, height: 180, fps: 24 })).rejects.toBeInstanceOf(
      MediaInputError,
    );
    await expect(normalizeClip(join(scratch.dir, 'wide-30fps-silent.mp4'), join(scratch.dir, 'x.mp4'), { width: 320, height: 180, fps: 0 })).rejects.toBeInstanceOf(
      MediaInputError,
    );
  });
});
