/**
 * The built-in renderer, except that a shot whose prompt says "poor N" gets N poor clips before a
 * good one: real MP4 files that ffmpeg makes and the analyzer measures like any other. The first
 * poor clip of a shot is a blurred test picture over silence (quality about 0.28), the later ones
 * black (about 0.01–0.04), so the best of a run of poor tries is the first. Optionally priced, to spend a budget.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runFfmpeg } from '../../server/media/ffmpeg.ts';
import { BuiltinVideoProvider } from '../../server/providers/builtin/builtin-video.provider.ts';
import type { VideoRequest, VideoResult } from '../../server/providers/video.types.ts';

const POOR = /\bpoor (\d+)\b/u;

export class PoorFirstProvider extends BuiltinVideoProvider {
  readonly pricePerSecondUsd: number | undefined;
  /** Renders so far, by prompt. */
  readonly #renders = new Map<string, number>();
  /** Jobs whose clip is replaced by a poor one, with its colour and where it goes. */
  readonly #poor = new Map<string, { colour: 'blurred' | 'black'; request: VideoRequest; path: string }>();

  constructor(options: { pricePerSecondUsd?: number } = {}) {
    super();
    this.pricePerSecondUsd = options.pricePerSecondUsd;
  }

  /** How many renders of `prompt` were asked for. */
  rendersOf(prompt: string): number {
    return this.#renders.get(prompt) ?? 0;
  }

  override async submit(request: VideoRequest, context: { workDir: string }): Promise<{ jobId: string }> {
    const prompt = request.shot.prompt;
    const done = this.#renders.get(prompt) ?? 0;
    this.#renders.set(prompt, done + 1);
    const submitted = await super.submit(request, context);
    const poor = Number(POOR.exec(prompt)?.[1] ?? 0);
    if (done < poor) this.#poor.set(submitted.jobId, { colour: done === 0 ? 'blurred' : 'black', request, path: join(context.workDir, `poor-${submitted.jobId}.mp4`) });
    return submitted;
  }

  override async result(jobId: string): Promise<VideoResult> {
    const rendered = await super.result(jobId);
    const poor = this.#poor.get(jobId);
    if (!poor) return rendered;
    this.#poor.delete(jobId);
    const { width, height, fps } = poor.request;
    const { duration } = poor.request.shot;
    await mkdir(join(poor.path, '..'), { recursive: true });
    await runFfmpeg([
      '-f', 'lavfi', '-i', poor.colour === 'blurred' ? `testsrc2=s=${width}x${height}:r=${fps}:d=${duration},boxblur=20` : `color=black:s=${width}x${height}:r=${fps}:d=${duration}`,
      '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo',
      '-shortest', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac',
      poor.path,
    ]);
    return { kind: 'file', path: poor.path, mimeType: 'video/mp4' };
  }
}
