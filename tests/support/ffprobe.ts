/**
 * Reads facts from a media file with the real ffprobe, independently of the code under test.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbeFacts {
  duration: number;
  streams: { codec_type: string; codec_name: string; width?: number; height?: number; r_frame_rate?: string; pix_fmt?: string; sample_rate?: string; channels?: number }[];
}

export async function ffprobe(path: string): Promise<ProbeFacts> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path]);
  const parsed = JSON.parse(stdout) as { format: { duration: string }; streams: ProbeFacts['streams'] };
  return { duration: Number(parsed.format.duration), streams: parsed.streams };
}
