/**
 * Failure messages are stored and shown to reviewers (a take's, a compile's, a picture request's);
 * they come from ffmpeg, ffprobe and providers, which name the files they worked on. Stored through
 * here, they name a file by its last part only, never by where the server keeps it.
 */
import { tmpdir } from 'node:os';
import { hidePaths } from '../errors.ts';
import type { Services } from './services.ts';

/** `text` without the server's folders in it. */
export function publicMessage(services: Pick<Services, 'dataDir' | 'scratchDir'>, text: string): string {
  return hidePaths(text, [services.dataDir, services.scratchDir, tmpdir()]);
}
