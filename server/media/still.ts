/**
 * Stills written as pictures: the centre of a painted canvas, or a picture fitted to a frame size, as a PNG.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from './ffmpeg.ts';
import type { Raster } from './raster.ts';

/** Writes the centre `width`×`height` of `raster` to `outputPngPath`, using `workDir` for the raw frame. */
export async function writeCentrePng(raster: Raster, width: number, height: number, outputPngPath: string, options: { workDir: string; signal?: AbortSignal }): Promise<void> {
  const still = join(options.workDir, 'still.ppm');
  await writeFile(still, raster.toPpm());
  await runFfmpeg(['-i', still, '-vf', `crop=${width}:${height}`, '-frames:v', '1', '-c:v', 'png', outputPngPath], options.signal ? { signal: options.signal } : {});
}

/** Scales a picture to cover `width`×`height` and crops the overflow from the centre, as a PNG. */
export async function coverPng(inputPath: string, width: number, height: number, outputPngPath: string, options: { signal?: AbortSignal } = {}): Promise<void> {
  await runFfmpeg(
    ['-i', inputPath, '-vf', `scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height}`, '-frames:v', '1', '-c:v', 'png', outputPngPath],
    options.signal ? { signal: options.signal } : {},
  );
}
