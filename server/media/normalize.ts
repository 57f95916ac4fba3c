/**
 * The ingest step every provider's clip goes through before review and compile. Whatever a
 * provider returns (any size, rate, codec, with or without sound) becomes one uniform MP4:
 * H.264 yuv420p at exactly `fps` (constant frame rate, fixed track timescale), closed GOPs with a
 * keyframe on every whole second and on every quarter second of the first one, no B-frames, AAC
 * 48 kHz stereo exactly as long as the video, and the index up front. That uniformity is what lets
 * the final compile copy most of every clip untouched (smart-compile.ts): any keyframe is a clean
 * cut point, and pieces encoded later with the same settings can be joined to it without
 * re-encoding. The extra keyframes early in the clip are where a transition into it usually ends
 * (0.25, 0.5, 0.75 or 1 s), so the compile re-encodes only the transition itself.
 */
import { resolve } from 'node:path';
import { frameRateArg } from './encode-args.ts';
import { FfmpegError, MediaInputError, MediaProbeError } from './errors.ts';
import { runFfmpeg, runFfprobe } from './ffmpeg.ts';
import { chain, filter, seconds } from './filtergraph.ts';
import { probeMedia, type MediaInfo } from './probe.ts';
import { writeAtomically } from './temp-output.ts';

export interface NormalizeClipOptions {
  width: number;
  height: number;
  fps: number;
  signal?: AbortSignal;
  /** 0..1, a few times a second at most. */
  onProgress?: (fraction: number) => void;
}

/**
 * A source whose video ends more than this many frames before its declared length is treated as
 * truncated. A frame or two of slack absorbs rounding between the source's rate and ours.
 */
const TRUNCATION_SLACK_FRAMES = 2;

/** Keyframes every this many frames: one second, so every whole second is a cut point. */
export function gopFrames(fps: number): number {
  return Math.max(1, Math.round(fps));
}

/**
 * The frames of a normalized clip that are keyframes before the first regular one: each quarter
 * second of the first second (frames 6, 12 and 18 at 24 fps).
 */
export function earlyKeyframes(fps: number): number[] {
  const gop = gopFrames(fps);
  const frames = [1, 2, 3].map((quarter) => Math.round((gop * quarter) / 4));
  return [...new Set(frames)].filter((frame) => frame > 0 && frame < gop);
}

/** The MP4 track timescale for `fps`: a whole multiple of the rate so every frame time is exact. */
export function videoTimescale(fps: number): number {
  if (Number.isInteger(fps)) return fps * 512;
  const rate = frameRateArg(fps);
  const numerator = Number(rate.split('/')[0]);
  return Number.isInteger(numerator) && numerator > 0 ? numerator : 90000;
}

/**
 * x264 settings shared by normalized clips and by every piece the smart compile re-encodes.
 * Everything that ends up in the codec headers (SPS/PPS) must stay identical between the two:
 * pieces are joined by stream copy into one track with one set of headers, so any difference in
 * profile, level, reference count, entropy coder or colour tags would make the joined stream
 * undecodable after the first piece. `stitchable=1` keeps x264 from tuning headers to content for
 * the same reason, and `-bf 0` makes decode order equal display order, so a cut at a keyframe
 * drops exactly the frames before or after it. Only `extra` (keyframe placement, thread count)
 * and `analysis` (x264 search effort, which never reaches the headers) may differ.
 */
function stitchableVideoEncodeArgs(fps: number, analysis: string, extra: string[], muxer: 'mp4' | 'segment' = 'mp4'): string[] {
  const gop = String(gopFrames(fps));
  return [
    '-c:v', 'libx264',
    '-preset', 'veryfast',
    '-crf', '20',
    '-pix_fmt', 'yuv420p',
    '-profile:v', 'high',
    '-level:v', '4.1',
    '-bf', '0',
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-flags:v', '+cgop',
    '-x264-params', ['stitchable=1', analysis].filter(Boolean).join(':'),
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    // The segment muxer hands the MP4 muxer its options itself (see windowVideoEncodeArgs).
    ...(muxer === 'mp4' ? ['-video_track_timescale', String(videoTimescale(fps))] : []),
    ...extra,
    '-fflags', '+bitexact', '-flags:v', '+bitexact',
  ];
}

/** Video settings of a normalized clip. */
export function clipVideoEncodeArgs(fps: number): string[] {
  const gop = gopFrames(fps);
  const keyframes = [`eq(mod(n,${gop}),0)`, ...earlyKeyframes(fps).map((frame) => `eq(n,${frame})`)].join('+');
  return stitchableVideoEncodeArgs(fps, '', [
    // Keyframes forced on the one-second grid and the early frames, as IDR frames so that
    // decoding can start at any of them.
    '-force_key_frames', `expr:${keyframes}`,
    '-forced-idr', '1',
    // x264 output depends on its thread count; fixing it keeps re-runs byte-identical.
    '-threads:v', '2',
  ]);
}

/**
 * Video settings of a transition window the smart compile re-encodes: the clips' headers, the
 * lightest analysis x264 has (a window lasts a second and is mostly a blend of two pictures: no
 * sub-pixel refinement, no partitions, no adaptive quantisation; about a fifth less CPU for 2 %
 * more bytes), none of it in the headers, and one thread (x264's own threading gains little on a second of video).
 * For the segment muxer (several windows in one run) the MP4 options go in its own argument.
 */
export function windowVideoEncodeArgs(fps: number, muxer: 'mp4' | 'segment' = 'mp4'): string[] {
  return stitchableVideoEncodeArgs(
    fps,
    'subme=0:me=dia:trellis=0:rc-lookahead=0:mbtree=0:partitions=none:aq-mode=0:no-mixed-refs=1:fast-pskip=1',
    ['-threads:v', '1'],
    muxer,
  );
}

/** Audio settings of a normalized clip and of the compiled video. */
export function clipAudioEncodeArgs(): string[] {
  return ['-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2', '-flags:a', '+bitexact'];
}

/**
 * Converts `input` into the uniform clip format at `output` and returns the output's facts.
 * Rejects with `MediaInputError` for a missing, empty, truncated, unreadable or audio-only input
 * (and for bad options), `FfmpegError` when ffmpeg fails otherwise, and an `AbortError` on abort.
 * Nothing appears at `output` unless the whole conversion succeeds.
 */
export async function normalizeClip(input: string, output: string, options: NormalizeClipOptions): Promise<MediaInfo> {
  const { width, height, fps } = options;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2 || width % 2 || height % 2) {
    throw new MediaInputError(`Cannot normalize to ${width}×${height}: width and height must be even whole numbers of pixels.`);
  }
  if (!Number.isFinite(fps) || fps <= 0 || fps > 120) throw new MediaInputError(`Cannot normalize to ${fps} fps: use a rate between 1 and 120.`);

  let source: MediaInfo;
  try {
    source = await probeMedia(input, { signal: options.signal });
  } catch (error) {
    if (error instanceof MediaProbeError) throw new MediaInputError(`Cannot use ${input} as a clip: ${error.message}`, error);
    throw error;
  }
  if (!source.video) throw new MediaInputError(`Cannot use ${input} as a clip: it has no video stream (audio only?).`);
  const videoSeconds = (await videoStreamSeconds(input, options.signal)) ?? source.durationSeconds;
  const frames = Math.round(videoSeconds * fps);
  if (!(frames > 0)) throw new MediaInputError(`Cannot use ${input} as a clip: its video is empty (duration ${videoSeconds} s).`);
  const lengthSeconds = frames / fps;

  const video = chain(
    ['0:v:0'],
    [
      'setpts=PTS-STARTPTS',
      filter('scale', { w: width, h: height, force_original_aspect_ratio: 'decrease' }),
      filter('pad', { w: width, h: height, x: '(ow-iw)/2', y: '(oh-ih)/2', color: 'black' }),
      'setsar=1',
      filter('fps', { fps: frameRateArg(fps) }),
      'format=yuv420p',
      // Covers the frame or two that rate conversion can lose at the end, and no more: a source
      // that stops earlier than that is truncated and must fail the check below.
      filter('tpad', { stop_mode: 'clone', stop: TRUNCATION_SLACK_FRAMES }),
      // Trimmed in the graph, not with -frames:v, which would end the file before the audio is all written.
      filter('trim', { end_frame: frames }),
    ],
    ['v'],
  );
  const audioTail = [
    filter('aformat', { sample_fmts: 'fltp', sample_rates: 48000, channel_layouts: 'stereo' }),
    'apad',
    filter('atrim', { duration: seconds(lengthSeconds) }),
    'asetpts=PTS-STARTPTS',
  ];
  const audio = source.audio
    ? chain(['0:a:0'], ['asetpts=PTS-STARTPTS', filter('aresample', { osr: 48000 }), ...audioTail], ['a'])
    : chain([], [filter('anullsrc', { r: 48000, cl: 'stereo' }), ...audioTail], ['a']);

  const result = await writeAtomically(output, async (tempPath) => {
    try {
      await runFfmpeg(
        [
          '-i', resolve(input),
          '-filter_complex', `${video};${audio}`,
          '-map', '[v]', '-map', '[a]',
          // The first subtitle track (the dialogue), when the clip has one, as mov_text with its
          // language and default flag; a clip without one simply has none.
          '-map', '0:s:0?', '-c:s', 'mov_text',
          ...clipVideoEncodeArgs(fps),
          ...clipAudioEncodeArgs(),
          // The file's own tags (a provider's title, prompt, shot information) stay; chapters do not.
          '-map_metadata', '0:g', '-map_chapters', '-1',
          '-movflags', '+faststart',
          '-f', 'mp4', tempPath,
        ],
        { signal: options.signal, onProgress: options.onProgress, expectedDurationSeconds: lengthSeconds },
      );
    } catch (error) {
      if (error instanceof FfmpegError) {
        throw new MediaInputError(`Cannot normalize ${input}: ffmpeg could not decode it (${error.stderrTail.split('\n').at(-1) ?? 'no details'}).`, error);
      }
      throw error;
    }
    const info = await probeMedia(tempPath, { signal: options.signal });
    const written = info.video?.frames ?? 0;
    if (written < frames) {
      throw new MediaInputError(
        `Cannot use ${input} as a clip: it declares ${seconds(videoSeconds)} s of video but only ${seconds(Math.max(0, written - TRUNCATION_SLACK_FRAMES) / fps)} s could be decoded; the file is truncated or damaged.`,
      );
    }
    return info;
  });
  return result;
}

/** The video stream's own duration (the container's may include longer audio), when recorded. */
async function videoStreamSeconds(path: string, signal?: AbortSignal): Promise<number | undefined> {
  const stdout = await runFfprobe(
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=duration', '-of', 'default=noprint_wrappers=1:nokey=1', path],
    signal ? { signal } : {},
  );
  const value = Number(stdout.trim().split('\n')[0]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
