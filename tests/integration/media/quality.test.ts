import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAnimatic } from '../../../server/media/animatic.ts';
import { MediaProbeError } from '../../../server/media/errors.ts';
import { measureQuality, QUALITY_DEFINITIONS, qualityScore, type MeasuredQuality, type QualityMetrics } from '../../../server/media/quality.ts';
import { buildVideoRequest, makeScratchDir } from '../../support/media-fixtures.ts';

const run = promisify(execFile);
const ffmpeg = (args: string[]) => run('ffmpeg', ['-v', 'error', '-y', ...args]);
const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
const DURATION = 3;

let scratch: Awaited<ReturnType<typeof makeScratchDir>>;
const clip = (name: string) => join(scratch.dir, `${name}.mp4`);
const metrics: Record<string, QualityMetrics> = {};

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-quality-');
  // A real take: the built-in animatic, with a moving camera so that it is not a freeze.
  const request = buildVideoRequest({ width: 640, height: 360, seed: 5, shot: { duration: DURATION, camera: 'pan-right' } });
  const black = `color=c=black:s=640x360:r=24:d=${DURATION}`;
  const tone = `sine=frequency=440:sample_rate=48000:duration=${DURATION}`;
  const pattern = `testsrc2=s=640x360:r=24:d=${DURATION}`;
  await Promise.all([
    renderAnimatic(request, clip('good'), { workDir: scratch.dir }),
    ffmpeg(['-f', 'lavfi', '-i', black, '-f', 'lavfi', '-i', tone, ...H264, '-c:a', 'aac', clip('black')]),
    ffmpeg(['-f', 'lavfi', '-i', `color=c=white:s=640x360:r=24:d=${DURATION}`, ...H264, clip('white')]),
    ffmpeg(['-f', 'lavfi', '-i', pattern, '-f', 'lavfi', '-i', tone, ...H264, '-c:a', 'aac', clip('toned')]),
    ffmpeg(['-f', 'lavfi', '-i', pattern, '-f', 'lavfi', '-i', `anullsrc=r=48000:cl=mono:d=${DURATION}`, '-shortest', ...H264, '-c:a', 'aac', clip('silent')]),
    ffmpeg(['-f', 'lavfi', '-i', pattern, ...H264, clip('mute')]),
    // Two unrelated pictures back to back: one hard cut in the middle.
    ffmpeg([
      '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=24:d=1.5',
      '-f', 'lavfi', '-i', 'mandelbrot=s=640x360:r=24',
      '-filter_complex', '[1:v]trim=duration=1.5,setpts=PTS-STARTPTS,format=yuv420p[m];[0:v]format=yuv420p[t];[t][m]concat=n=2:v=1:a=0[v]',
      '-map', '[v]', ...H264, clip('cut'),
    ]),
  ]);
  const still = join(scratch.dir, 'still.png');
  await Promise.all([
    // The same take, heavily blurred.
    ffmpeg(['-i', clip('good'), '-vf', 'boxblur=12:2', ...H264, '-c:a', 'copy', clip('blurred')]),
    // A frozen take: one frame of the good take held for the whole duration.
    ffmpeg(['-ss', '1', '-i', clip('good'), '-frames:v', '1', still]).then(() =>
      // Every frame coded alike (intra only), so that the encoder refining a still picture over its
      // first frames does not read as movement.
      ffmpeg(['-loop', '1', '-framerate', '24', '-i', still, '-f', 'lavfi', '-i', tone, '-t', String(DURATION), ...H264, '-g', '1', '-c:a', 'aac', clip('frozen')]),
    ),
  ]);
  for (const name of ['good', 'blurred', 'frozen', 'black', 'white', 'toned', 'silent', 'mute', 'cut']) {
    metrics[name] = await measureQuality(clip(name), { expectedDurationSeconds: DURATION });
  }
});
afterAll(() => scratch.cleanup());

const m = (name: string): QualityMetrics => {
  const value = metrics[name];
  if (!value) throw new Error(`no metrics for ${name}`);
  return value;
};

describe('measureQuality', () => {
  it('finds nothing wrong with a good take', () => {
    const good = m('good');
    expect(good.frame_count).toBe(72);
    expect(good.black_ratio).toBe(0);
    expect(good.frozen_ratio).toBeLessThan(0.1);
    expect(good.sharpness).toBeGreaterThan(0.6);
    expect(good.scene_cuts).toBe(0);
    expect(good.duration_error_seconds).toBeLessThan(0.1);
    expect(good.has_audio).toBe(true);
    expect(good.score).toBeGreaterThan(0.8);
  });

  it('ranks a good take above blurred, frozen and black ones', () => {
    expect(m('good').score).toBeGreaterThan(m('blurred').score);
    expect(m('good').score).toBeGreaterThan(m('frozen').score);
    expect(m('good').score).toBeGreaterThan(m('black').score);
    expect(m('black').score).toBeLessThan(0.2);
  });

  it('measures black frames', () => {
    expect(m('black').black_ratio).toBeGreaterThan(0.9);
    expect(m('black').mean_luma).toBeLessThan(5);
    expect(m('black').crushed_shadows_ratio).toBeGreaterThan(0.9);
    expect(m('good').crushed_shadows_ratio).toBeLessThan(0.1);
  });

  it('measures frozen frames', () => {
    expect(m('frozen').frozen_ratio).toBeGreaterThan(0.9);
    expect(m('frozen').black_ratio).toBe(0);
    // The frozen take is as sharp as the good one: only the freeze should cost it.
    expect(Math.abs(m('frozen').sharpness! - m('good').sharpness!)).toBeLessThan(0.1);
  });

  it('does not count a freeze against a shot that asked for a still camera', async () => {
    const locked = await measureQuality(clip('frozen'), { motionExpected: false });
    // Measured the same, scored as a well-made take: no freeze penalty, and above the frozen take.
    expect(locked.frozen_ratio).toBeGreaterThan(0.9);
    expect(locked.motion_expected).toBe(false);
    expect(m('frozen').motion_expected).toBe(true);
    expect(locked.score).toBeGreaterThan(m('frozen').score + 0.5);
    expect(locked.visual_quality).toBeGreaterThan(m('frozen').visual_quality + 0.3);
  });

  it('measures blur', () => {
    expect(m('blurred').blur).toBeGreaterThan(m('good').blur! * 2);
    expect(m('blurred').sharpness).toBeLessThan(m('good').sharpness! - 0.4);
    expect(m('blurred').frozen_ratio).toBeLessThan(0.1);
  });

  it('measures exposure and colour', () => {
    expect(m('white').mean_luma).toBeGreaterThan(245);
    expect(m('white').clipped_highlights_ratio).toBeGreaterThan(0.9);
    expect(m('good').clipped_highlights_ratio).toBe(0);
    expect(m('toned').mean_saturation).toBeGreaterThan(20);
    expect(m('white').mean_saturation).toBeLessThan(2);
    // White is frozen too; exposure must cost it more than the frozen (well exposed) take.
    expect(m('white').score).toBeLessThan(m('frozen').score);
  });

  it('counts hard cuts', () => {
    expect(m('cut').scene_cuts).toBeGreaterThanOrEqual(1);
    expect(m('toned').scene_cuts).toBe(0);
  });

  it('measures loudness and silence', () => {
    const toned = m('toned');
    const silent = m('silent');
    expect(toned.silence_ratio).toBeLessThan(0.05);
    expect(silent.silence_ratio).toBeGreaterThan(0.9);
    // A 440 Hz sine at amplitude 1/8 peaks near −18 dBFS.
    expect(toned.true_peak_dbtp).toBeGreaterThan(-21);
    expect(toned.true_peak_dbtp).toBeLessThan(-15);
    expect(toned.loudness_lufs).toBeGreaterThan(-30);
    expect(silent.loudness_lufs).toBeLessThanOrEqual(-69);
    expect(m('mute')).toMatchObject({ has_audio: false, loudness_lufs: null, true_peak_dbtp: null, silence_ratio: null });
  });

  it('penalises silence only when sound is expected', async () => {
    const relaxed = await measureQuality(clip('silent'));
    const strict = await measureQuality(clip('silent'), { audioExpected: true });
    const toned = await measureQuality(clip('toned'), { audioExpected: true });
    const mute = await measureQuality(clip('mute'), { audioExpected: true });
    expect(strict.score).toBeLessThan(relaxed.score);
    expect(toned.score).toBeGreaterThan(strict.score);
    expect(mute.score).toBeLessThan(toned.score);
  });

  it('measures the error against the expected duration', async () => {
    const asked = await measureQuality(clip('toned'), { expectedDurationSeconds: 5 });
    expect(asked.duration_error_seconds).toBeCloseTo(2, 1);
    expect(asked.score).toBeLessThan(m('toned').score);
    const unasked = await measureQuality(clip('toned'));
    expect(unasked.duration_error_seconds).toBeNull();
    expect(unasked.expected_duration_seconds).toBeNull();
    // The picture's own score leaves the length out.
    expect(asked.visual_quality).toBe(unasked.visual_quality);
    expect(asked.visual_quality).toBeGreaterThan(asked.score);
  });

  it('returns plain JSON and documents every measure', () => {
    const good = m('good');
    expect(JSON.parse(JSON.stringify(good))).toEqual(good);
    for (const definition of QUALITY_DEFINITIONS) expect(Object.keys(good)).toContain(definition.name);
    for (const key of ['score', 'black_ratio', 'frozen_ratio', 'sharpness', 'mean_luma', 'silence_ratio', 'scene_cuts', 'loudness_lufs']) {
      expect(QUALITY_DEFINITIONS.map((d) => d.name)).toContain(key);
    }
  });

  it('rejects a file that is not media', async () => {
    await expect(measureQuality(join(scratch.dir, 'missing.mp4'))).rejects.toBeInstanceOf(MediaProbeError);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(measureQuality(clip('good'), { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('qualityScore', () => {
  const base = (): MeasuredQuality => {
    const { score: _score, ...rest } = m('good');
    return { ...rest, expected_duration_seconds: 3, duration_error_seconds: 0, audio_expected: true, silence_ratio: 0 };
  };

  it('falls as any single problem grows', () => {
    const worse: ((value: number) => Partial<QualityMetrics>)[] = [
      (v) => ({ black_ratio: v }),
      (v) => ({ frozen_ratio: v }),
      (v) => ({ sharpness: 1 - v }),
      (v) => ({ mean_luma: 40 - 40 * v }),
      (v) => ({ silence_ratio: v }),
      (v) => ({ duration_error_seconds: 0.1 + 3 * v }),
    ];
    for (const make of worse) {
      const scores = [0, 0.25, 0.5, 1].map((v) => qualityScore({ ...base(), ...make(v) }));
      for (let i = 1; i < scores.length; i++) expect(scores[i]).toBeLessThan(scores[i - 1]!);
      expect(scores.at(-1)).toBeGreaterThanOrEqual(0);
    }
  });

  it('is 1 for a flawless take', () => {
    expect(qualityScore({ ...base(), sharpness: 1, mean_luma: 128 })).toBe(1);
  });
});
