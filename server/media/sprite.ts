/**
 * Hover-scrub sprite sheets: evenly spaced thumbnails of a take tiled into one JPEG, so the review
 * grid can show any moment of a take by moving a background position, with one request per take.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { filter, seconds } from './filtergraph.ts';
import { probeMedia } from './probe.ts';
import { writeAtomically } from './temp-output.ts';

/** With `rows: 'auto'`, about one thumbnail per this many seconds… */
const AUTO_SECONDS_PER_TILE = 1;
/** …but never more rows than this, which keeps the JPEG a reasonable download. */
const MAX_AUTO_ROWS = 10;

export interface SpriteSheetOptions {
  /** Thumbnails per row. Default 10. */
  columns?: number;
  /** Rows of thumbnails, or 'auto' for about one thumbnail a second (up to 10 rows). Default 1. */
  rows?: number | 'auto';
  /** Width of one thumbnail in pixels (even). Default 160. */
  tileWidth?: number;
  signal?: AbortSignal;
}

/** Where each thumbnail is, for the player: tile k (row-major) shows the frame near (k + 0.5) × intervalSeconds. */
export interface SpriteSheetInfo {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
  /** Seconds of video each tile stands for. */
  intervalSeconds: number;
  /** Thumbnails actually in the sheet (less than columns × rows only for clips with fewer frames). */
  count: number;
}

/**
 * Writes a sprite sheet of `videoPath` to `outputJpegPath`: columns × rows tiles, each
 * `tileWidth` wide and as high as the video's aspect ratio asks (even). Tile k shows the first
 * frame from about the middle of the k-th of `count` equal slices of the video. The sheet is
 * always columns × tileWidth wide; unused tiles stay black. The file appears under its final name only
 * when complete. Rejects with `MediaInputError` for bad options or a file without video,
 * `MediaProbeError`, `FfmpegError`, or an `AbortError`.
 */
export async function makeSpriteSheet(
  videoPath: string,
  outputJpegPath: string,
  options: SpriteSheetOptions = {},
): Promise<SpriteSheetInfo> {
  const columns = options.columns ?? 10;
  const tileWidth = options.tileWidth ?? 160;
  if (!Number.isInteger(columns) || columns < 1 || columns > 100) throw new MediaInputError(`Sprite columns must be a whole number from 1 to 100, not ${columns}.`);
  if (!Number.isInteger(tileWidth) || tileWidth < 16 || tileWidth > 1920 || tileWidth % 2 !== 0) {
    throw new MediaInputError(`Sprite tile width must be an even whole number from 16 to 1920, not ${tileWidth}.`);
  }
  const signal = options.signal ? { signal: options.signal } : {};
  const info = await probeMedia(videoPath, signal);
  if (!info.video || info.video.width <= 0 || info.video.height <= 0) throw new MediaInputError(`${videoPath} has no video stream to make a sprite sheet from.`);
  const duration = info.durationSeconds;
  if (!(duration > 0)) throw new MediaInputError(`${videoPath} has no duration to spread thumbnails over.`);

  const rows = resolveRows(options.rows ?? 1, columns, duration);
  // Even, because JPEG's 4:2:0 chroma wants even sizes; computed here (not `-2`) so the caller knows it.
  const tileHeight = Math.max(2, 2 * Math.round((tileWidth * info.video.height) / info.video.width / 2));
  const frames = info.video.frames ?? Math.floor(duration * info.video.fps);
  const count = Math.max(1, Math.min(columns * rows, frames > 0 ? frames : columns * rows));
  const interval = duration / count;

  // Variable 0 counts the thumbnails taken: keep the first frame at or after each slice's middle.
  // The slack of 0.6 frame lets a frame just before the middle count, which matters when there
  // are as many tiles as frames (the last middle then lies after the last frame's timestamp).
  const slack = info.video.fps > 0 ? 0.6 / info.video.fps : 0;
  const select = `if(lt(ld(0),${count})*gte(t,${seconds(interval / 2 - slack)}+ld(0)*${seconds(interval)}),st(0,ld(0)+1),0)`;
  const graph = [
    filter('select', { expr: select }),
    filter('scale', { w: tileWidth, h: tileHeight, out_range: 'pc' }),
    filter('setsar', { r: 1 }),
    // A partly filled tile is still written when the video ends, so short clips give a sheet too.
    filter('tile', { layout: `${columns}x${rows}` }),
    filter('format', { pix_fmts: 'yuvj420p' }),
  ].join(',');

  await writeAtomically(outputJpegPath, async (tempPath) => {
    await runFfmpeg(['-i', resolve(videoPath), '-an', '-vf', graph, '-frames:v', '1', '-q:v', '4', '-update', '1', '-f', 'image2', '-c:v', 'mjpeg', tempPath], signal);
    const written = await stat(tempPath).catch(() => undefined);
    if (!written || written.size === 0) throw new MediaInputError(`ffmpeg produced no sprite sheet for ${videoPath}.`);
  });
  return { columns, rows, tileWidth, tileHeight, intervalSeconds: Math.round(interval * 1_000_000) / 1_000_000, count };
}

function resolveRows(rows: number | 'auto', columns: number, duration: number): number {
  if (rows === 'auto') return Math.min(MAX_AUTO_ROWS, Math.max(1, Math.ceil(duration / AUTO_SECONDS_PER_TILE / columns)));
  if (!Number.isInteger(rows) || rows < 1 || rows > 100) throw new MediaInputError(`Sprite rows must be a whole number from 1 to 100, or 'auto', not ${rows}.`);
  return rows;
}
