/**
 * The checks a smart compile makes before any work: options, clips (normalized, matching the
 * output's size, rate and codec, long enough) and the music file. Each refusal is a
 * MediaInputError that says what to change.
 */
import type { LoudnessTarget } from './audio-mix.ts';
import { MediaInputError, MediaProbeError } from './errors.ts';
import { probeLeadingKeyframes, probeMedia, type MediaInfo } from './probe.ts';
import { mapWithConcurrency } from './concurrency.ts';
import { readMp4Index } from './mp4-index.ts';
import type { SmartCompileOptions } from './smart-compile.ts';
import { fileIdentity, SMART_TRANSITIONS, type ResolvedJoin } from './transitions.ts';

const PROBE_CONCURRENCY = 4;

/** What the checks read of a compile's options (a pre-render of transitions has no output). */
export type CompileShape = Pick<SmartCompileOptions, 'clips' | 'transition' | 'transitionDurationSeconds' | 'joins' | 'fps' | 'width' | 'height' | 'signal'>;

export function resolveLoudness(loudness: NonNullable<SmartCompileOptions['loudness']>): LoudnessTarget {
  return { targetLufs: loudness.targetLufs ?? -16, truePeakDb: loudness.truePeakDb ?? -1 };
}

/**
 * Every join's transition (join i between clip i and clip i + 1): its own where `joins` gives one,
 * the compile's elsewhere, settled on the frame grid.
 */
export function resolveJoins(options: CompileShape): ResolvedJoin[] {
  const { clips, fps } = options;
  return clips.slice(1).map((_, join) => {
    const own = options.joins?.[join];
    const transition = own?.transition ?? options.transition;
    const durationSeconds = own?.durationSeconds ?? options.transitionDurationSeconds;
    return { transition, durationSeconds, frames: transition === 'cut' ? 0 : Math.round(durationSeconds * fps) };
  });
}

const isTransition = (value: unknown) => (SMART_TRANSITIONS as readonly unknown[]).includes(value);

export function validate(options: CompileShape, clipFrames: number[], joins: ResolvedJoin[]): void {
  const { clips, fps, width, height } = options;
  if (clips.length === 0) throw new MediaInputError('Nothing to compile: pass at least one clip.');
  if (!isTransition(options.transition)) {
    throw new MediaInputError(`Unknown transition "${String(options.transition)}": use ${SMART_TRANSITIONS.join(', ')}.`);
  }
  if (options.joins && options.joins.length > Math.max(0, clips.length - 1)) {
    throw new MediaInputError(`${options.joins.length} joins were given for ${clips.length} clips: give at most one per pair of neighbouring clips.`);
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
  joins.forEach((join, index) => {
    const between = `between clips ${index + 1} and ${index + 2}`;
    if (!isTransition(join.transition)) {
      throw new MediaInputError(`Unknown transition "${String(join.transition)}" ${between}: use ${SMART_TRANSITIONS.join(', ')}.`);
    }
    if (join.transition === 'cut') return;
    if (!Number.isFinite(join.durationSeconds) || join.frames < 1) {
      throw new MediaInputError(`A ${join.transition} needs a transition of at least one frame, not ${join.durationSeconds} s (${between}).`);
    }
    const shorter = Math.min(clipFrames[index] ?? 0, clipFrames[index + 1] ?? 0);
    if (join.frames >= shorter) {
      throw new MediaInputError(
        `The ${join.durationSeconds} s ${join.transition} ${between} is as long as the shorter of them (${shorter / fps} s): shorten the transition or use a cut.`,
      );
    }
  });
}

/**
 * Probe results by file identity (path, size, inode, mtime). A re-compile of the same clips, the
 * common case while a team reorders shots, then starts joining at once instead of running one
 * ffprobe per clip. Bounded, oldest entries evicted first.
 */
const probeMemo = new Map<string, MediaInfo | number[]>();
const PROBE_MEMO_LIMIT = 1024;

async function memoized<T extends MediaInfo | number[]>(identity: string | undefined, probe: () => Promise<T>): Promise<T> {
  const known = identity ? probeMemo.get(identity) : undefined;
  if (known) return known as T;
  const result = await probe();
  if (identity) {
    probeMemo.set(identity, result);
    if (probeMemo.size > PROBE_MEMO_LIMIT) probeMemo.delete(probeMemo.keys().next().value!);
  }
  return result;
}

export interface ProbedClips {
  infos: MediaInfo[];
  /**
   * Per clip, its keyframes (ascending frame numbers): all of them when read from the index, else
   * those among the first `overlapFrames` + one GOP frames (none for the first clip).
   */
  keyframes: number[][];
}

/**
 * Probes every clip, and every clip a transition leads into for the keyframes early in it (where
 * the re-encoded window can end and copying resume).
 */
export async function probeClips(options: CompileShape, overlapFrames: number, gopFrames: number): Promise<ProbedClips> {
  const { clips, signal } = options;
  const packets = overlapFrames + gopFrames;
  const probeOne = async (clip: CompileShape['clips'][number], index: number) => {
    try {
      // Normalized clips carry their index up front: read it directly, and fall back to ffprobe
      // for anything the reader does not know.
      const indexed = await readMp4Index(clip.path);
      if (indexed) return { info: indexed.info, keyframes: indexed.keyframes };
      const identity = await fileIdentity(clip.path).catch(() => undefined);
      const info = await memoized(identity, () => probeMedia(clip.path, signal ? { signal } : {}));
      const keyframes =
        index > 0 && overlapFrames > 0 && info.video
          ? await memoized(identity && `${identity}|keyframes|${packets}|${options.fps}`, () =>
              probeLeadingKeyframes(clip.path, { packets, fps: options.fps, ...(signal ? { signal } : {}) }),
            )
          : [];
      return { info, keyframes };
    } catch (error) {
      if (error instanceof MediaProbeError) throw new MediaInputError(`Clip ${index + 1} cannot be compiled: ${error.message}`, error);
      throw error;
    }
  };
  const probed = await mapWithConcurrency(clips, PROBE_CONCURRENCY, probeOne);
  return { infos: probed.map((entry) => entry.info), keyframes: probed.map((entry) => entry.keyframes) };
}

/** Stream copy only works for clips in exactly the compile's format, so anything else is refused. */
export function checkClips(options: CompileShape, infos: MediaInfo[], clipFrames: number[]): void {
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
