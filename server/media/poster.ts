/**
 * Poster frames: one JPEG from a video, 640 px wide, for lists and the review grid.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { filter, seconds } from './filtergraph.ts';
import { probeMedia } from './probe.ts';
import { writeAtomically } from './temp-output.ts';

export const POSTER_WIDTH = 640;

/**
 * Writes the frame at `atSeconds` of `videoPath` to `outputJpegPath`, scaled to 640 px wide.
 * A time past the end (or before the start) is clamped into the video, so a poster is always
 * produced for a playable file. Resolves with the time actually used.
 */
export async function extractPoster(
  videoPath: string,
  outputJpegPath: string,
  atSeconds: number,
  options: { signal?: AbortSignal } = {},
): Promise<{ atSeconds: number }> {
  const info = await probeMedia(videoPath, options);
  if (!info.video) throw new MediaInputError(`${videoPath} has no video stream to take a poster from.`);
  // Seeking to the very last instant can land after the last frame and yield nothing.
  const frameTime = info.video.fps > 0 ? 1 / info.video.fps : 0.1;
  const latest = Math.max(0, info.durationSeconds - 2 * frameTime);
  const at = Math.min(Math.max(0, Number.isFinite(atSeconds) ? atSeconds : 0), latest);

  await writeAtomically(outputJpegPath, async (tempPath) => {
    await runFfmpeg(
      [
        '-ss', seconds(at),
        '-i', resolve(videoPath),
        '-frames:v', '1',
        '-vf', `${filter('scale', { w: POSTER_WIDTH, h: -2, out_range: 'pc' })},format=yuvj420p`,
        '-q:v', '3',
        '-f', 'image2', '-c:v', 'mjpeg',
        tempPath,
      ],
      options,
    );
    const written = await stat(tempPath).catch(() => undefined);
    if (!written || written.size === 0) throw new MediaInputError(`ffmpeg produced no poster frame at ${at} s of ${videoPath}.`);
  });
  return { atSeconds: at };
}

/**
 * Writes the last frame of `videoPath` to `outputPngPath` at full size: the frame a following shot
 * of the same scene starts from when its model animates an image.
 */
export async function extractLastFrame(videoPath: string, outputPngPath: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  const info = await probeMedia(videoPath, options);
  if (!info.video) throw new MediaInputError(`${videoPath} has no video stream to take a frame from.`);
  const frameTime = info.video.fps > 0 ? 1 / info.video.fps : 0.1;
  const at = Math.max(0, info.durationSeconds - 2 * frameTime);
  await writeAtomically(outputPngPath, async (tempPath) => {
    await runFfmpeg(['-ss', seconds(at), '-i', resolve(videoPath), '-frames:v', '1', '-f', 'image2', '-c:v', 'png', tempPath], options);
    const written = await stat(tempPath).catch(() => undefined);
    if (!written || written.size === 0) throw new MediaInputError(`ffmpeg produced no frame at ${at} s of ${videoPath}.`);
  });
}
