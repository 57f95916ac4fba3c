/**
 * Visual consistency of a take with earlier approved takes (same characters, same place): does it
 * keep the palette and the look? Frames are sampled evenly from each clip, decoded small, and
 * compared two ways: colour histograms (palette, lighting) and structural similarity (layout,
 * shapes). Both are computed here from raw pixels, so the score depends on what is in the
 * pictures, never on bitrate or file size.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { filter, seconds } from './filtergraph.ts';
import { probeMedia } from './probe.ts';

/** Frames sampled from every clip (at the midpoints of equal slices of its duration). */
export const CONSISTENCY_SAMPLES = 8;
/** Sampled frames are scaled to this size whatever their aspect, so any two clips compare pixel for pixel. */
export const SAMPLE_WIDTH = 128;
export const SAMPLE_HEIGHT = 72;
/** Histogram bins per colour channel. */
export const HISTOGRAM_BINS = 32;
/** Weight of the histogram similarity in the score; SSIM gets the rest. */
export const HISTOGRAM_WEIGHT = 0.5;

const SSIM_WINDOW = 8;
const SSIM_STRIDE = 4;
// The usual SSIM stabilisers for 8-bit samples: (0.01 × 255)² and (0.03 × 255)².
const SSIM_C1 = (0.01 * 255) ** 2;
const SSIM_C2 = (0.03 * 255) ** 2;

/** How a take compares with one reference take. */
export interface ConsistencyComparison {
  /** The reference file as given. */
  reference: string;
  /** Colour-histogram intersection, 0 (no colours in common) to 1 (same distribution). */
  histogram: number;
  /** Mean over the take's sampled frames of the best SSIM against any reference frame, clamped to 0–1. */
  ssim: number;
}

export interface ConsistencyResult {
  /** 0–1, higher is more consistent; null when there was nothing to compare with. */
  score: number | null;
  /** How the score was computed, in one line. */
  method: string;
  comparisons: ConsistencyComparison[];
}

/** The one-line description stored with every result. */
export const CONSISTENCY_METHOD =
  `mean over references of ${HISTOGRAM_WEIGHT} × histogram + ${1 - HISTOGRAM_WEIGHT} × ssim; ` +
  `${CONSISTENCY_SAMPLES} evenly spaced frames per clip at ${SAMPLE_WIDTH}×${SAMPLE_HEIGHT}; ` +
  `histogram = mean per-channel intersection of ${HISTOGRAM_BINS}-bin RGB histograms over all sampled frames; ` +
  `ssim = for each frame of the take the best ${SSIM_WINDOW}×${SSIM_WINDOW}-window SSIM (luma) against the reference frames, averaged`;

/** Sampled frames of one clip. */
interface ClipSample {
  /** The frames as luma (BT.601 weights), SAMPLE_WIDTH × SAMPLE_HEIGHT each. */
  luma: Float64Array[];
  /** Normalised per-channel histograms, R then G then B, HISTOGRAM_BINS each. */
  histogram: Float64Array;
}

/**
 * Compares sampled frames of `path` with those of each reference clip:
 *
 *   per reference: similarity = 0.5 × histogram + 0.5 × ssim
 *   score        = mean of the similarities (null when `references` is empty)
 *
 * The mean, not the best match, because a take should fit the look the approved takes share,
 * not just resemble one of them. Rejects with `MediaProbeError` for an unreadable file (the
 * take or a reference), `MediaInputError` for a file without video, or an `AbortError`.
 */
export async function measureConsistency(
  path: string,
  references: readonly string[],
  options: { signal?: AbortSignal } = {},
): Promise<ConsistencyResult> {
  if (references.length === 0) return { score: null, method: CONSISTENCY_METHOD, comparisons: [] };
  const workDir = await mkdtemp(join(tmpdir(), 'dailies-consistency-'));
  try {
    const [take, ...samples] = await Promise.all(
      [path, ...references].map((clip, i) => sampleClip(clip, join(workDir, `clip-${i}.rgb`), options.signal)),
    );
    const comparisons = references.map((reference, i): ConsistencyComparison => {
      const sample = samples[i]!;
      return {
        reference,
        histogram: round(histogramIntersection(take!.histogram, sample.histogram)),
        ssim: round(bestMatchSsim(take!.luma, sample.luma)),
      };
    });
    const total = comparisons.reduce((sum, c) => sum + HISTOGRAM_WEIGHT * c.histogram + (1 - HISTOGRAM_WEIGHT) * c.ssim, 0);
    return { score: round(total / comparisons.length), method: CONSISTENCY_METHOD, comparisons };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Decodes CONSISTENCY_SAMPLES evenly spaced frames of `clip` to small rgb24 pictures. */
async function sampleClip(clip: string, rawPath: string, signal: AbortSignal | undefined): Promise<ClipSample> {
  const info = await probeMedia(clip, signal ? { signal } : {});
  if (!info.video) throw new MediaInputError(`${clip} has no video stream to compare.`);
  const duration = info.durationSeconds > 0 ? info.durationSeconds : 1;
  const interval = duration / CONSISTENCY_SAMPLES;
  // Take the first frame at or after each slice's midpoint; variable 0 counts the frames taken,
  // so exactly one frame per slice is kept without decoding the clip once per sample.
  // Slack of 0.6 frame so a clip with barely more frames than samples still yields every sample.
  const slack = info.video.fps > 0 ? 0.6 / info.video.fps : 0;
  const select = `if(lt(ld(0),${CONSISTENCY_SAMPLES})*gte(t,${seconds(interval / 2 - slack)}+ld(0)*${seconds(interval)}),st(0,ld(0)+1),0)`;
  await runFfmpeg(
    [
      '-i', resolve(clip),
      '-vf', [filter('select', { expr: select }), filter('scale', { w: SAMPLE_WIDTH, h: SAMPLE_HEIGHT, flags: 'area' }), filter('format', { pix_fmts: 'rgb24' })].join(','),
      '-fps_mode', 'passthrough',
      '-frames:v', String(CONSISTENCY_SAMPLES),
      '-f', 'rawvideo', rawPath,
    ],
    signal ? { signal } : {},
  );
  const raw = await readFile(rawPath);
  const frameBytes = SAMPLE_WIDTH * SAMPLE_HEIGHT * 3;
  const rgb: Buffer[] = [];
  for (let offset = 0; offset + frameBytes <= raw.length; offset += frameBytes) rgb.push(raw.subarray(offset, offset + frameBytes));
  if (rgb.length === 0) throw new MediaInputError(`No frames could be decoded from ${clip} to compare.`);
  return { luma: rgb.map(toLuma), histogram: colourHistogram(rgb) };
}

function toLuma(rgb: Buffer): Float64Array {
  const luma = new Float64Array(rgb.length / 3);
  for (let i = 0, p = 0; p < luma.length; i += 3, p++) luma[p] = 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
  return luma;
}

/** Per-channel histograms of all `frames` together, each channel normalised to sum 1. */
export function colourHistogram(frames: readonly Buffer[]): Float64Array {
  const histogram = new Float64Array(3 * HISTOGRAM_BINS);
  const shift = 256 / HISTOGRAM_BINS;
  let pixels = 0;
  for (const frame of frames) {
    for (let i = 0; i + 2 < frame.length; i += 3) {
      histogram[Math.floor(frame[i]! / shift)]! += 1;
      histogram[HISTOGRAM_BINS + Math.floor(frame[i + 1]! / shift)]! += 1;
      histogram[2 * HISTOGRAM_BINS + Math.floor(frame[i + 2]! / shift)]! += 1;
      pixels++;
    }
  }
  if (pixels > 0) for (let i = 0; i < histogram.length; i++) histogram[i]! /= pixels;
  return histogram;
}

/** Histogram intersection Σ min(a, b), averaged over the three channels: 1 for identical distributions. */
export function histogramIntersection(a: Float64Array, b: Float64Array): number {
  let shared = 0;
  for (let i = 0; i < a.length && i < b.length; i++) shared += Math.min(a[i]!, b[i]!);
  return clamp01(shared / 3);
}

/** For each frame of the take, the highest SSIM against any reference frame; then their mean, in 0–1. */
function bestMatchSsim(take: readonly Float64Array[], reference: readonly Float64Array[]): number {
  let total = 0;
  for (const frame of take) {
    let best = -1;
    for (const other of reference) best = Math.max(best, ssim(frame, other, SAMPLE_WIDTH, SAMPLE_HEIGHT));
    total += clamp01(best);
  }
  return take.length > 0 ? total / take.length : 0;
}

/**
 * Mean SSIM of two equally sized luma pictures over square windows (Wang et al. 2004, uniform
 * windows instead of Gaussian ones: on 128×72 thumbnails the difference does not matter).
 */
export function ssim(a: Float64Array, b: Float64Array, width: number, height: number): number {
  const n = SSIM_WINDOW * SSIM_WINDOW;
  let total = 0;
  let windows = 0;
  for (let top = 0; top + SSIM_WINDOW <= height; top += SSIM_STRIDE) {
    for (let left = 0; left + SSIM_WINDOW <= width; left += SSIM_STRIDE) {
      let sumA = 0, sumB = 0, sumAA = 0, sumBB = 0, sumAB = 0;
      for (let y = top; y < top + SSIM_WINDOW; y++) {
        for (let x = left; x < left + SSIM_WINDOW; x++) {
          const va = a[y * width + x]!;
          const vb = b[y * width + x]!;
          sumA += va;
          sumB += vb;
          sumAA += va * va;
          sumBB += vb * vb;
          sumAB += va * vb;
        }
      }
      const meanA = sumA / n;
      const meanB = sumB / n;
      const varA = sumAA / n - meanA * meanA;
      const varB = sumBB / n - meanB * meanB;
      const cov = sumAB / n - meanA * meanB;
      total += ((2 * meanA * meanB + SSIM_C1) * (2 * cov + SSIM_C2)) / ((meanA * meanA + meanB * meanB + SSIM_C1) * (varA + varB + SSIM_C2));
      windows++;
    }
  }
  return windows > 0 ? total / windows : 0;
}

function clamp01(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
