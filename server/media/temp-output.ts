/**
 * Writes an output file under a temporary name next to its final path and renames it on success,
 * so a reader never sees half a file under the final name and a crash leaves only a hidden
 * `.partial` file behind.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** A hidden sibling of `outputPath` (same folder, so the final rename stays on one filesystem). */
export function temporarySibling(outputPath: string): string {
  return join(dirname(outputPath), `.${basename(outputPath)}.${randomBytes(4).toString('hex')}.partial`);
}

/**
 * Runs `write(tempPath)` (an absolute path), then renames the temporary file to `outputPath`. On any failure the
 * temporary file is removed and the error is rethrown; an existing `outputPath` is left untouched.
 */
export async function writeAtomically<T>(outputPath: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  // Absolute, because the writer may run ffmpeg in another working folder.
  const finalPath = resolve(outputPath);
  await mkdir(dirname(finalPath), { recursive: true });
  const tempPath = temporarySibling(finalPath);
  try {
    const result = await write(tempPath);
    await rename(tempPath, finalPath);
    return result;
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}
