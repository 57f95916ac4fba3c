/**
 * The checks a smart compile makes before any work: options, clips (normalized, matching the
 * output's size, rate and codec, long enough) and the music file. Each refusal is a
 * MediaInputError that says what to change.
 */
import type { LoudnessTarget } from './audio-mix.ts';
import { MediaInputError, MediaProbeError } from './errors.ts';
import { probeMedia, type MediaInfo } from './probe.ts';
import type { SmartCompileOptions } from './smart-compile.ts';
import { fileIdentity, SMART_TRANSITIONS } from './transitions.ts';

const PROBE_CONCURRENCY = 4;

export function resolveLoudness(loudness: NonNullable<SmartCompileOptions['loudness']>): LoudnessTarget {
  return { targetLufs: loudness.targetLufs ?? -16, truePeakDb: loudness.truePeakDb ?? -1 };
}

export function validate(options: SmartCompileOptions, clipFrames: number[], overlapFrames: number): void {
  const { clips, fps, width, height } = options;
  if (clips.length === 0) throw new MediaInputError('Nothing to compile: pass at least one clip.');
  if (!(SMART_TRANSITIONS as readonly string[]).includes(options.transition)) {
    throw new MediaInputError(`Unknown transition "${String(options.transition)}": use ${SMART_TRANSITIONS.join(', ')}.`);
  }
  if (!Number.isFinite(fps) || fps <= 0 || fps > 120) throw new MediaInputError(`Cannot compile at ${fps} fps: use a rate between 1 and 120.`);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2) {
    throw new MediaInputError(`Cannot compile at ${width}×${height}: use whole numbers of pixels.`);
  }
  clips.forEach((clip, index) => {
    if (!Number.isFinite(clip.durationSeconds) || (clipFrames[index] ?? 0) < 1) {
      throw new MediaInputError(`Clip ${index + 1} (${clip.path}) has duration ${clip.durationSeconds}: durations must be at least one frame.`);
    }
  });
  if (options.transition === 'cut' || clips.length < 2) return;
  if (!Number.isFinite(options.transitionDurationSeconds) || overlapFrames < 1) {
    throw new MediaInputError(`A ${options.transition} needs a transition of at least one frame, not ${options.transitionDurationSeconds} s.`);
  }
  const shortest = Math.min(...clipFrames);
  if (overlapFrames >= shortest) {
    throw new MediaInputError(
      `The ${options.transitionDurationSeconds} s ${options.transition} is as long as the shortest clip (${shortest / fps} s): shorten the transition or use a cut.`,
    );
  }
}

/**
 * Probe results by file identity (path, size, inode, mtime). A re-compile of the same clips, the
 * common case while a team reorders shots, then starts joining at once instead of running one
 * ffprobe per clip. Bounded, oldest entries evicted first.
 */
const probeMemo = new Map<string, MediaInfo>();
const PROBE_MEMO_LIMIT = 512;

export async function probeClips(options: SmartCompileOptions): Promise<MediaInfo[]> {
  const { clips, signal } = options;
  const results = new Array<MediaInfo>(clips.length);
  let next = 0;
  const worker = async () => {
    while (next < clips.length) {
      const index = next++;
      const clip = clips[index]!;
      try {
        const identity = await fileIdentity(clip.path).catch(() => undefined);
        const known = identity ? probeMemo.get(identity) : undefined;
        const info = known ?? (await probeMedia(clip.path, signal ? { signal } : {}));
        if (identity && !known) {
          probeMemo.set(identity, info);
          if (probeMemo.size > PROBE_MEMO_LIMIT) probeMemo.delete(probeMemo.keys().next().value!);
        }
        results[index] = info;
      } catch (error) {
        if (error instanceof MediaProbeError) throw new MediaInputError(`Clip ${index + 1} cannot be compiled: ${error.message}`, error);
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, clips.length) }, worker));
  return results;
}

/** Stream copy only works for clips in exactly the compile's format, so anything else is refused. */
export function checkClips(options: SmartCompileOptions, infos: MediaInfo[], clipFrames: number[]): void {
  options.clips.forEach((clip, index) => {
    const video = infos[index]?.video;
    const name = `Clip ${index + 1} (${clip.path})`;
    if (!video) throw new MediaInputError(`${name} has no video stream.`);
    if (video.codec !== 'h264' || video.pixFmt !== 'yuv420p' || video.width !== options.width || video.height !== options.height || Math.abs(video.fps - options.fps) > 0.01) {
      throw new MediaInputError(
        `${name} is ${video.codec} ${video.pixFmt} ${video.width}×${video.height} at ${Math.round(video.fps * 100) / 100} fps, not H.264 yuv420p ${options.width}×${options.height} at ${options.fps} fps: run it through normalizeClip first.`,
      );
    }
    const wanted = clipFrames[index] ?? 0;
    if (video.frames !== undefined && video.frames < wanted) {
      throw new MediaInputError(`${name} has ${video.frames} frames but ${wanted} (${clip.durationSeconds} s) were asked for.`);
    }
  });
}

export async function checkMusic(path: string, signal?: AbortSignal): Promise<void> {
  let info: MediaInfo;
  try {
    info = await probeMedia(path, signal ? { signal } : {});
  } catch (error) {
    if (error instanceof MediaProbeError) throw new MediaInputError(`The music file cannot be used: ${error.message}`, error);
    throw error;
  }
  if (!info.audio) throw new MediaInputError(`The music file ${path} has no audio stream: choose an audio file (MP3, AAC, WAV…).`);
  if (!(info.durationSeconds > 0)) throw new MediaInputError(`The music file ${path} is empty (no duration).`);
}
