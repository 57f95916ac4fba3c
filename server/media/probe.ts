/**
 * Reads the facts of a media file with ffprobe: duration, size, container, and the first video
 * and audio streams.
 */
import { stat } from 'node:fs/promises';
import { FfmpegError, FfmpegMissingError, MediaProbeError } from './errors.ts';
import { runFfprobe } from './ffmpeg.ts';

export interface ProbedVideoStream {
  codec: string;
  width: number;
  height: number;
  /** Average frame rate (frames per second). */
  fps: number;
  pixFmt: string;
  /** Frame count when the container records it. */
  frames?: number;
}

export interface ProbedAudioStream {
  codec: string;
  sampleRate: number;
  channels: number;
}

export interface MediaInfo {
  durationSeconds: number;
  sizeBytes: number;
  /** ffprobe's container name, e.g. `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: string;
  video?: ProbedVideoStream;
  audio?: ProbedAudioStream;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  pix_fmt?: string;
  nb_frames?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; size?: string };
}

/** Parses ffprobe's `num/den` rates ("24/1", "30000/1001"); 0 when unknown. */
export function parseFrameRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [num, den] = rate.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num)) return 0;
  if (den === undefined) return num;
  return den > 0 && Number.isFinite(den) ? num / den : 0;
}

/**
 * Probes `path`. Rejects with `MediaProbeError` when the file is missing or is not readable media,
 * and with `FfmpegMissingError` when ffprobe itself is missing.
 */
export async function probeMedia(path: string, options: { signal?: AbortSignal } = {}): Promise<MediaInfo> {
  let sizeBytes: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    sizeBytes = info.size;
  } catch (error) {
    throw new MediaProbeError(path, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'not a readable file', error);
  }
  if (sizeBytes === 0) throw new MediaProbeError(path, 'the file is empty');

  let parsed: FfprobeOutput;
  try {
    const stdout = await runFfprobe(['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], options);
    parsed = JSON.parse(stdout) as FfprobeOutput;
  } catch (error) {
    if (error instanceof FfmpegMissingError || (error instanceof Error && error.name === 'AbortError')) throw error;
    // ffprobe starts its explanation with the file's path: the reason is what follows.
    const said = error instanceof FfmpegError ? (error.stderrTail.trim().split('\n').at(-1) ?? '').replace(`${path}: `, '') : '';
    const reason = error instanceof FfmpegError ? said || 'ffprobe failed' : 'unreadable ffprobe output';
    throw new MediaProbeError(path, reason, error);
  }

  const streams = parsed.streams ?? [];
  // Cover art in audio files shows up as a one-frame "video" stream; it is not the video.
  const videoStream = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  if (!videoStream && !audioStream) throw new MediaProbeError(path, 'it has no audio or video stream');

  const durationSeconds =
    Number(parsed.format?.duration) || Number(videoStream?.duration) || Number(audioStream?.duration) || 0;

  const result: MediaInfo = {
    durationSeconds,
    sizeBytes,
    formatName: parsed.format?.format_name ?? 'unknown',
  };
  if (videoStream) {
    const frames = Number(videoStream.nb_frames);
    result.video = {
      codec: videoStream.codec_name ?? 'unknown',
      width: videoStream.width ?? 0,
      height: videoStream.height ?? 0,
      fps: parseFrameRate(videoStream.avg_frame_rate) || parseFrameRate(videoStream.r_frame_rate),
      pixFmt: videoStream.pix_fmt ?? 'unknown',
      ...(Number.isInteger(frames) && frames > 0 ? { frames } : {}),
    };
  }
  if (audioStream) {
    result.audio = {
      codec: audioStream.codec_name ?? 'unknown',
      sampleRate: Number(audioStream.sample_rate) || 0,
      channels: audioStream.channels ?? 0,
    };
  }
  return result;
}

/**
 * The frame numbers (at `fps`, counted from the first frame) of the video keyframes among the
 * first `packets` video packets of `path`, ascending. Reads only those packets, not the file.
 */
export async function probeLeadingKeyframes(path: string, options: { packets: number; fps: number; signal?: AbortSignal }): Promise<number[]> {
  const stdout = await runFfprobe(
    [
      '-v', 'error', '-select_streams', 'v:0',
      '-read_intervals', `%+#${Math.max(1, Math.floor(options.packets))}`,
      '-show_entries', 'stream=time_base:packet=pts,flags',
      '-of', 'json', path,
    ],
    options,
  );
  const parsed = JSON.parse(stdout) as { streams?: { time_base?: string }[]; packets?: { pts?: number; flags?: string }[] };
  const timeBase = parseFrameRate(parsed.streams?.[0]?.time_base);
  const packets = (parsed.packets ?? []).filter((packet) => typeof packet.pts === 'number');
  if (!(timeBase > 0) || packets.length === 0) return [];
  const first = Math.min(...packets.map((packet) => packet.pts!));
  return packets
    .filter((packet) => packet.flags?.startsWith('K'))
    .map((packet) => Math.round((packet.pts! - first) * timeBase * options.fps))
    .sort((a, b) => a - b);
}
