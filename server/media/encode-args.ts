/**
 * The output settings every Dailies video shares: H.264 (yuv420p, BT.709) + AAC stereo 48 kHz in
 * MP4 with the index up front (`+faststart`) so browsers start playing before the download ends.
 */

/** The frame size and rate used when a request or a clip does not say. */
export const DEFAULT_VIDEO_FORMAT = { width: 1280, height: 720, fps: 24 } as const;

/** Frame rate as ffmpeg wants it: integers stay integers, NTSC rates become n/1001. */
export function frameRateArg(fps: number): string {
  if (Number.isInteger(fps)) return String(fps);
  const ntsc = Math.round(fps * 1.001);
  if (Math.abs(ntsc / 1.001 - fps) < 0.001) return `${ntsc * 1000}/1001`;
  return `${Math.round(fps * 1000)}/1000`;
}

/**
 * Output arguments for `-f mp4 <path>`, to be placed after the inputs and `-map`s.
 * `bitexact` pins everything that could vary between runs (thread count, encoder version tags,
 * metadata), so the same input gives the same bytes.
 */
export function h264AacOutputArgs(options: { fps: number; preset?: string; crf?: number; bitexact?: boolean }): string[] {
  const args = [
    '-c:v', 'libx264',
    '-preset', options.preset ?? 'veryfast',
    '-crf', String(options.crf ?? 22),
    '-pix_fmt', 'yuv420p',
    '-profile:v', 'high',
    // A keyframe every two seconds keeps seeking in review snappy without bloating the file.
    '-g', String(Math.max(1, Math.round(options.fps * 2))),
    '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000', '-ac', '2',
    '-map_metadata', '-1', '-map_chapters', '-1',
    '-movflags', '+faststart',
  ];
  if (options.bitexact) {
    // x264 output depends on its thread count, so the count is fixed rather than left to the CPU.
    args.push('-threads:v', '2', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact');
  }
  return args;
}
