/**
 * Which picture sizes and frame rates a video provider can make, checked when an episode is
 * created: asking the built-in renderer for 4096×4096 at 60 fps took 230 s per second of video,
 * and asking a remote model for more than it makes only upscales in normalization.
 */
import type { VideoOutputRange, VideoProvider } from './video.types.ts';

/**
 * For providers that do not say: today's video models make at most 1080p (Veo, Kling, MiniMax,
 * Sora's 1792×1024 is close), usually at 24–30 fps; 60 fps is allowed as a delivery rate.
 */
export const DEFAULT_OUTPUT_RANGE: VideoOutputRange = { maxLongSide: 1920, maxShortSide: 1080, maxFps: 60 };

/** The smallest side any episode may have (ffmpeg's scalers and the subtitle layout need room). */
export const MIN_SIDE = 16;

export interface AskedOutput {
  width: number;
  height: number;
  fps: number;
}

export function outputRangeOf(provider: VideoProvider): VideoOutputRange {
  return provider.outputRange ?? DEFAULT_OUTPUT_RANGE;
}

/** The range in words, e.g. "up to 1920×1080 (or 1080×1920) at up to 30 fps". */
export function describeOutputRange(range: VideoOutputRange): string {
  return `up to ${range.maxLongSide}×${range.maxShortSide} (or ${range.maxShortSide}×${range.maxLongSide}) at up to ${range.maxFps} fps`;
}

/** True when the provider can make takes of this size and rate. */
export function withinOutputRange(range: VideoOutputRange, asked: AskedOutput): boolean {
  const long = Math.max(asked.width, asked.height);
  const short = Math.min(asked.width, asked.height);
  return short >= MIN_SIDE && long <= range.maxLongSide && short <= range.maxShortSide && asked.fps <= range.maxFps;
}
