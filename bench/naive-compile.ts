/**
 * The naive baseline the compile benchmark (and the smart compile's picture test) measures against:
 * one ffmpeg run with one filtergraph that decodes every clip, normalizes it to the first clip's
 * size and frame rate (silence when it has no sound) and re-encodes the whole film through a chain
 * of xfade + acrossfade dissolves. The app itself compiles with smartCompile.
 */
import { resolve } from 'node:path';
import { DEFAULT_VIDEO_FORMAT, frameRateArg, h264AacOutputArgs } from '../server/media/encode-args.ts';
import { mapWithConcurrency } from '../server/media/concurrency.ts';
import { MediaInputError } from '../server/media/errors.ts';
import { runFfmpeg } from '../server/media/ffmpeg.ts';
import { chain, filter, seconds } from '../server/media/filtergraph.ts';
import { probeMedia, type MediaInfo } from '../server/media/probe.ts';
import { writeAtomically } from '../server/media/temp-output.ts';

interface NaiveCompileOptions {
  /** In playing order; `durationSeconds` is how much of each clip to use, from its start. */
  clips: { path: string; durationSeconds: number }[];
  /** Length of each dissolve. */
  dissolveSeconds: number;
  outputPath: string;
}

const PROBE_CONCURRENCY = 4;

/**
 * Compiles `clips` into `outputPath` (MP4, H.264 + AAC), each join a `dissolveSeconds` dissolve.
 * The output lasts the sum of the clip durations minus one dissolve per join.
 */
export async function naiveCompile(options: NaiveCompileOptions): Promise<{ durationSeconds: number }> {
  const { clips } = options;
  const overlap = clips.length < 2 ? 0 : options.dissolveSeconds;
  validate(options, overlap);

  const infos = await probeAll(clips.map((clip) => clip.path));
  const first = infos[0]?.video;
  const width = even(first?.width || DEFAULT_VIDEO_FORMAT.width);
  const height = even(first?.height || DEFAULT_VIDEO_FORMAT.height);
  const fps = first?.fps && first.fps > 0 && first.fps <= 120 ? Math.round(first.fps * 1000) / 1000 : DEFAULT_VIDEO_FORMAT.fps;

  const graph: string[] = [];
  clips.forEach((clip, index) => {
    const d = seconds(clip.durationSeconds);
    graph.push(
      chain(
        [`${index}:v`],
        [
          filter('scale', { w: width, h: height, force_original_aspect_ratio: 'decrease' }),
          filter('pad', { w: width, h: height, x: '(ow-iw)/2', y: '(oh-ih)/2', color: 'black' }),
          'setsar=1',
          filter('fps', { fps: frameRateArg(fps) }),
          'format=yuv420p',
          'setpts=PTS-STARTPTS',
          // A clip shorter than announced holds its last frame rather than shifting every later join.
          filter('tpad', { stop_mode: 'clone', stop_duration: d }),
          filter('trim', { duration: d }),
          'setpts=PTS-STARTPTS',
        ],
        [`v${index}`],
      ),
    );
    const audioSource = infos[index]?.audio ? [`${index}:a`] : [];
    const audioHead = infos[index]?.audio
      ? [filter('aresample', { osr: 48000 })]
      : [filter('anullsrc', { r: 48000, cl: 'stereo' })];
    graph.push(
      chain(
        audioSource,
        [
          ...audioHead,
          filter('aformat', { sample_fmts: 'fltp', sample_rates: 48000, channel_layouts: 'stereo' }),
          'asetpts=PTS-STARTPTS',
          'apad',
          filter('atrim', { duration: d }),
          'asetpts=PTS-STARTPTS',
        ],
        [`a${index}`],
      ),
    );
  });

  if (overlap === 0) {
    const inputs = clips.flatMap((_, index) => [`v${index}`, `a${index}`]);
    graph.push(chain(inputs, [filter('concat', { n: clips.length, v: 1, a: 1 })], ['v', 'a']));
  } else {
    joinWithDissolves(graph, clips, overlap);
  }

  const expected = clips.reduce((sum, clip) => sum + clip.durationSeconds, 0) - overlap * (clips.length - 1);
  await writeAtomically(options.outputPath, (tempPath) =>
    runFfmpeg(
      [
        ...clips.flatMap((clip) => ['-i', resolve(clip.path)]),
        '-filter_complex', graph.join(';'),
        '-map', '[v]', '-map', '[a]',
        ...h264AacOutputArgs({ fps, bitexact: true }),
        '-f', 'mp4', tempPath,
      ],
      { expectedDurationSeconds: expected },
    ),
  );
  return { durationSeconds: expected };
}

/** Chains xfade/acrossfade pairwise: ((c0 × c1) × c2) × …, each join `overlap` seconds long. */
function joinWithDissolves(graph: string[], clips: NaiveCompileOptions['clips'], overlap: number): void {
  let videoLabel = 'v0';
  let audioLabel = 'a0';
  let elapsed = clips[0]?.durationSeconds ?? 0;
  for (let index = 1; index < clips.length; index++) {
    const last = index === clips.length - 1;
    const nextVideo = last ? 'v' : `vx${index}`;
    const nextAudio = last ? 'a' : `ax${index}`;
    // The join starts `overlap` before the end of everything so far (each earlier join shortened it).
    const offset = elapsed - overlap;
    graph.push(
      chain([videoLabel, `v${index}`], [filter('xfade', { transition: 'fade', duration: seconds(overlap), offset: seconds(offset) })], [nextVideo]),
      chain([audioLabel, `a${index}`], [filter('acrossfade', { d: seconds(overlap), c1: 'tri', c2: 'tri' })], [nextAudio]),
    );
    elapsed = offset + (clips[index]?.durationSeconds ?? 0);
    videoLabel = nextVideo;
    audioLabel = nextAudio;
  }
}

function validate(options: NaiveCompileOptions, overlap: number): void {
  const { clips } = options;
  if (clips.length === 0) throw new MediaInputError('Nothing to compile: pass at least one clip.');
  const shortest = Math.min(...clips.map((clip) => clip.durationSeconds));
  if (overlap > 0 && overlap >= shortest) {
    throw new MediaInputError(`The ${overlap} s dissolve is as long as the shortest clip (${shortest} s): shorten it.`);
  }
}

function probeAll(paths: string[]): Promise<MediaInfo[]> {
  return mapWithConcurrency(paths, PROBE_CONCURRENCY, (path) => probeMedia(path));
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}
