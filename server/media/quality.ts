/**
 * Technical quality of a take, measured from the file in one ffmpeg pass: black and frozen
 * frames, sharpness, exposure and colour, scene cuts, loudness and silence, and how far the
 * length is from what was asked. The raw measures are kept next to one explainable score so a
 * reviewer can see why a take scored low (see QUALITY_DEFINITIONS and qualityScore).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { chain, filter } from './filtergraph.ts';
import { probeMedia } from './probe.ts';
import { intervalSeconds, mean, numericSeries, numericTag, parseMetadataPrint, type MetadataFrame } from './quality-metadata.ts';

/** Frames are analysed at this width: cheap, and blur is then measured at one scale for every resolution. */
export const ANALYSIS_WIDTH = 640;
/** Sharpness is sampled at this rate; blur changes slowly and blurdetect is the dearest filter here. */
export const BLUR_SAMPLE_FPS = 4;
/** Blur (blurdetect, at 640 px wide) at or below which a frame counts as fully sharp. */
export const SHARP_BLUR = 3;
/** Blur at or above which a frame counts as fully soft. */
export const SOFT_BLUR = 15;
/** A frame whose 90th-percentile luma (full range) reaches this has ≥ 10 % clipped highlights. */
const HIGHLIGHT_CLIP_LUMA = 250;
/** A frame whose 10th-percentile luma (full range) is at most this has ≥ 10 % crushed shadows. */
const SHADOW_CLIP_LUMA = 5;
/** Below this level audio counts as silence (dBFS). */
const SILENCE_THRESHOLD_DB = -50;
/** Shortest stretch that counts as silence or a freeze, in seconds; shorter pauses are normal. */
const MIN_SILENCE_SECONDS = 0.5;
const MIN_FREEZE_SECONDS = 0.5;
/** freezedetect's noise tolerance as a fraction of full scale (its default, -60 dB). */
const FREEZE_NOISE = 0.001;
/** Duration errors up to this many seconds are container rounding (audio frames, edit lists), not a fault. */
const DURATION_TOLERANCE_SECONDS = 0.1;

/** Everything measureQuality reports. JSON-safe: numbers, booleans and nulls only. */
export interface QualityMetrics {
  /** Container duration in seconds. */
  duration_seconds: number;
  expected_duration_seconds: number | null;
  /** |duration − expected| in seconds; null when no duration was expected. */
  duration_error_seconds: number | null;
  /** Video frames analysed. */
  frame_count: number;
  /** Share of frames that are almost entirely black (0–1). */
  black_ratio: number;
  /** Share of the duration inside freezes of at least 0.5 s (0–1). */
  frozen_ratio: number;
  /** Mean blurdetect value at 640 px wide (about the width of edges in pixels); null when no frame had edges. */
  blur: number | null;
  /** 1 = crisp, 0 = very soft; derived from blur. Null when blur is. */
  sharpness: number | null;
  /** Mean luma on a full-range 0–255 scale. */
  mean_luma: number | null;
  /** Share of frames with at least 10 % of pixels at near-white (0–1). */
  clipped_highlights_ratio: number;
  /** Share of frames with at least 10 % of pixels at near-black (0–1). */
  crushed_shadows_ratio: number;
  /** 0 = grey; signalstats' mean saturation (0–~181 for 8-bit). */
  mean_saturation: number | null;
  /** Detected scene changes (hard cuts) inside the take. */
  scene_cuts: number;
  has_audio: boolean;
  /** Whether silence was penalised in the score. */
  audio_expected: boolean;
  /** Whether frozen frames were penalised: not for a locked-off shot, where a still picture is what was asked for. */
  motion_expected: boolean;
  /** EBU R128 integrated loudness (LUFS); -70 for digital silence; null without audio. */
  loudness_lufs: number | null;
  /** Highest true peak over all channels (dBTP); null without audio or for digital silence. */
  true_peak_dbtp: number | null;
  /** Share of the audio below -50 dBFS for at least 0.5 s (0–1); null without audio. */
  silence_ratio: number | null;
  /** The combined score, 0–1 (see qualityScore). */
  score: number;
  /** The picture's part of the score, 0–1 (see visualQuality). */
  visual_quality: number;
}

/** The measures themselves, before they are scored. */
export type MeasuredQuality = Omit<QualityMetrics, 'score' | 'visual_quality'>;

/** One measure, documented for the README and the review UI. */
export { QUALITY_DEFINITIONS } from '../../src/lib/quality-definitions.ts';

/** Score weights; each is the most one problem can take away (as a factor 1 − weight). */
export const QUALITY_WEIGHTS = {
  black: 0.9,
  frozen: 0.7,
  blur: 0.6,
  exposure: 0.4,
  silence: 0.3,
  duration: 0.5,
} as const;

/**
 * How far the mean brightness is from usable, 0–1. Everything between 40 and 216 is fine (night
 * scenes are legitimately dark); beyond that the error grows linearly to 1 at pure black or white.
 */
export function exposureError(meanLuma: number | null): number {
  if (meanLuma === null) return 0;
  return clamp01((Math.abs(meanLuma - 128) - 88) / 40);
}

/** Maps a blurdetect value to 0–1 sharpness: 1 at blur ≤ 3, 0 at blur ≥ 15, linear between. */
export function sharpnessFromBlur(blur: number | null): number | null {
  if (blur === null) return null;
  return clamp01((SOFT_BLUR - blur) / (SOFT_BLUR - SHARP_BLUR));
}

/**
 * The combined score:
 *
 *   score = Π (1 − wᵢ · pᵢ), each penalty pᵢ in 0–1
 *
 *   black     w 0.9  p = black_ratio
 *   frozen    w 0.7  p = frozen_ratio                         (only when motion_expected)
 *   blur      w 0.6  p = 1 − sharpness                       (0 when sharpness is null, e.g. all black)
 *   exposure  w 0.4  p = exposureError(mean_luma)            (0 for mean luma 40–216)
 *   silence   w 0.3  p = silence_ratio                       (only when audio_expected; no audio track = 1)
 *   duration  w 0.5  p = min(1, max(0, duration_error − 0.1) ÷ expected)
 *
 * A product rather than a sum so the score stays in 0–1 without clamping, every factor can be
 * read on its own ("blur cost 30 %"), and the score strictly falls as any penalty grows.
 */
export function qualityScore(metrics: MeasuredQuality): number {
  const penalties = qualityPenalties(metrics);
  let score = 1;
  for (const key of Object.keys(penalties) as (keyof typeof QUALITY_WEIGHTS)[]) score *= 1 - QUALITY_WEIGHTS[key] * penalties[key];
  return round(score, 4);
}

/** The factors of qualityScore that judge the picture alone. */
const PICTURE_FACTORS = ['black', 'frozen', 'blur', 'exposure'] as const;

/**
 * The picture's share of qualityScore, 0–1: the black, frozen, blur and exposure factors only,
 * leaving out sound and length (the seed design's `visual_quality`).
 */
export function visualQuality(metrics: MeasuredQuality): number {
  const penalties = qualityPenalties(metrics);
  let score = 1;
  for (const key of PICTURE_FACTORS) score *= 1 - QUALITY_WEIGHTS[key] * penalties[key];
  return round(score, 4);
}

/** Each penalty of qualityScore (0–1), for showing why a score is what it is. */
export function qualityPenalties(metrics: MeasuredQuality): Record<keyof typeof QUALITY_WEIGHTS, number> {
  const expected = metrics.expected_duration_seconds;
  const durationPenalty =
    expected !== null && expected > 0 && metrics.duration_error_seconds !== null
      ? clamp01(Math.max(0, metrics.duration_error_seconds - DURATION_TOLERANCE_SECONDS) / expected)
      : 0;
  const silencePenalty = metrics.audio_expected ? (metrics.has_audio ? (metrics.silence_ratio ?? 1) : 1) : 0;
  return {
    black: clamp01(metrics.black_ratio),
    frozen: metrics.motion_expected ? clamp01(metrics.frozen_ratio) : 0,
    blur: metrics.sharpness === null ? 0 : clamp01(1 - metrics.sharpness),
    exposure: exposureError(metrics.mean_luma),
    silence: clamp01(silencePenalty),
    duration: durationPenalty,
  };
}

export interface MeasureQualityOptions {
  /** The length the shot asked for; enables duration_error_seconds. */
  expectedDurationSeconds?: number;
  /** Penalise silence in the score (providers that make sound). Measured either way. Default false. */
  audioExpected?: boolean;
  /**
   * Penalise frozen frames (default true). False for a shot that asked for a still camera: its
   * freezes are measured all the same, and do not count against it.
   */
  motionExpected?: boolean;
  signal?: AbortSignal;
}

/**
 * Measures `path` (one ffprobe and one ffmpeg pass; the work files live in a private temp folder
 * that is always removed). Rejects with `MediaProbeError` for unreadable files,
 * `MediaInputError` when there is no video stream, `FfmpegError`, or an `AbortError`.
 */
export async function measureQuality(path: string, options: MeasureQualityOptions = {}): Promise<QualityMetrics> {
  const signal = options.signal ? { signal: options.signal } : {};
  const info = await probeMedia(path, signal);
  if (!info.video) throw new MediaInputError(`${path} has no video stream to measure.`);
  const hasAudio = info.audio !== undefined;

  const workDir = await mkdtemp(join(tmpdir(), 'dailies-quality-'));
  try {
    const graph = [
      chain(['0:v'], [filter('scale', { w: ANALYSIS_WIDTH, h: -2, out_range: 'full' }), filter('format', { pix_fmts: 'yuv420p' }), filter('split', { outputs: 2 })], ['full', 'sub']),
      chain(
        ['full'],
        [
          // Default amount=98 %, threshold=32: the frame is black when ≥ 98 % of pixels are darker than 32.
          'blackframe',
          filter('freezedetect', { n: FREEZE_NOISE, d: MIN_FREEZE_SECONDS }),
          'scdet',
          'signalstats',
          filter('metadata', { mode: 'print', file: 'video.txt' }),
        ],
        ['vout'],
      ),
      chain(['sub'], [filter('fps', { fps: BLUR_SAMPLE_FPS }), 'blurdetect', filter('metadata', { mode: 'print', file: 'blur.txt' })], ['bout']),
    ];
    if (hasAudio) {
      graph.push(
        chain(
          ['0:a'],
          [
            filter('ebur128', { metadata: 1, peak: 'true' }),
            filter('silencedetect', { n: `${SILENCE_THRESHOLD_DB}dB`, d: MIN_SILENCE_SECONDS }),
            filter('ametadata', { mode: 'print', file: 'audio.txt' }),
          ],
          ['aout'],
        ),
      );
    }
    const maps = ['-map', '[vout]', '-map', '[bout]', ...(hasAudio ? ['-map', '[aout]'] : [])];
    // cwd = workDir keeps the metadata file names free of characters the filter parser cares about.
    await runFfmpeg(['-i', resolve(path), '-filter_complex', graph.join(';'), ...maps, '-f', 'null', '-'], { cwd: workDir, ...signal });

    const video = parseMetadataPrint(await readFile(join(workDir, 'video.txt'), 'utf8'));
    const blurFrames = parseMetadataPrint(await readFile(join(workDir, 'blur.txt'), 'utf8'));
    const audio = hasAudio ? parseMetadataPrint(await readFile(join(workDir, 'audio.txt'), 'utf8').catch(() => '')) : [];
    const metrics = summarize({
      durationSeconds: info.durationSeconds,
      fps: info.video.fps,
      expected: options.expectedDurationSeconds,
      audioExpected: options.audioExpected ?? false,
      motionExpected: options.motionExpected ?? true,
      hasAudio,
      video,
      blurFrames,
      audio,
    });
    return { ...metrics, score: qualityScore(metrics), visual_quality: visualQuality(metrics) };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

interface ParsedRun {
  durationSeconds: number;
  fps: number;
  expected: number | undefined;
  audioExpected: boolean;
  motionExpected: boolean;
  hasAudio: boolean;
  video: MetadataFrame[];
  blurFrames: MetadataFrame[];
  audio: MetadataFrame[];
}

function summarize(run: ParsedRun): MeasuredQuality {
  const frames = run.video.length;
  const videoEnd = videoEndSeconds(run.video, run.fps, run.durationSeconds);
  const count = (test: (frame: MetadataFrame) => boolean) => run.video.reduce((n, frame) => (test(frame) ? n + 1 : n), 0);
  const ratio = (n: number) => (frames > 0 ? n / frames : 0);

  const blur = mean(numericSeries(run.blurFrames, 'lavfi.blur'));
  const expected = run.expected !== undefined && Number.isFinite(run.expected) && run.expected > 0 ? run.expected : null;

  let loudness: number | null = null;
  let peak: number | null = null;
  let silenceRatio: number | null = null;
  if (run.hasAudio) {
    // Integrated loudness accumulates: the last frame's value covers the whole track.
    const integrated = numericSeries(run.audio, 'lavfi.r128.I');
    loudness = integrated.length > 0 ? round(integrated[integrated.length - 1]!, 2) : null;
    const peaks = numericSeries(run.audio, 'lavfi.r128.true_peak');
    const linearPeak = peaks.length > 0 ? Math.max(...peaks) : 0;
    peak = linearPeak > 0 ? round(20 * Math.log10(linearPeak), 2) : null;
    const audioEnd = run.durationSeconds > 0 ? run.durationSeconds : lastPts(run.audio);
    // No audio frames at all (an empty track) is as silent as it gets.
    silenceRatio =
      run.audio.length === 0 || audioEnd <= 0
        ? 1
        : round(clamp01(intervalSeconds(run.audio, 'lavfi.silence_start', 'lavfi.silence_end', audioEnd) / audioEnd), 4);
  }

  const meanLuma = mean(numericSeries(run.video, 'lavfi.signalstats.YAVG'));
  const meanSaturation = mean(numericSeries(run.video, 'lavfi.signalstats.SATAVG'));
  return {
    duration_seconds: round(run.durationSeconds, 3),
    expected_duration_seconds: expected,
    duration_error_seconds: expected === null ? null : round(Math.abs(run.durationSeconds - expected), 3),
    frame_count: frames,
    black_ratio: round(ratio(count((frame) => frame.tags.has('lavfi.blackframe.pblack'))), 4),
    frozen_ratio:
      videoEnd > 0
        ? round(clamp01(intervalSeconds(run.video, 'lavfi.freezedetect.freeze_start', 'lavfi.freezedetect.freeze_end', videoEnd) / videoEnd), 4)
        : 0,
    blur: blur === null ? null : round(blur, 3),
    sharpness: blur === null ? null : round(sharpnessFromBlur(blur)!, 4),
    mean_luma: meanLuma === null ? null : round(meanLuma, 2),
    clipped_highlights_ratio: round(ratio(count((frame) => (numericTag(frame, 'lavfi.signalstats.YHIGH') ?? 0) >= HIGHLIGHT_CLIP_LUMA)), 4),
    crushed_shadows_ratio: round(ratio(count((frame) => (numericTag(frame, 'lavfi.signalstats.YLOW') ?? 255) <= SHADOW_CLIP_LUMA)), 4),
    mean_saturation: meanSaturation === null ? null : round(meanSaturation, 2),
    scene_cuts: count((frame) => frame.tags.has('lavfi.scd.time')),
    has_audio: run.hasAudio,
    audio_expected: run.audioExpected,
    motion_expected: run.motionExpected,
    loudness_lufs: loudness,
    true_peak_dbtp: peak,
    silence_ratio: silenceRatio,
  };
}

/** Where the video ends: after its last analysed frame, else the container duration. */
function videoEndSeconds(frames: readonly MetadataFrame[], fps: number, fallback: number): number {
  const last = lastPts(frames);
  if (last <= 0) return fallback;
  return last + (fps > 0 ? 1 / fps : 0);
}

function lastPts(frames: readonly MetadataFrame[]): number {
  for (let i = frames.length - 1; i >= 0; i--) {
    const time = frames[i]!.ptsTime;
    if (Number.isFinite(time)) return time;
  }
  return 0;
}

function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
