/**
 * Joins clips into one video with cuts, dissolves or fades through black. One ffmpeg run with one
 * filtergraph: every clip is normalized to the first clip's size and frame rate (and given silence
 * when it has no sound), then joined with concat or a chain of xfade + acrossfade.
 */
import { resolve } from 'node:path';
import { DEFAULT_VIDEO_FORMAT, frameRateArg, h264AacOutputArgs } from './encode-args.ts';
import { mapWithConcurrency } from './concurrency.ts';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { chain, filter, seconds } from './filtergraph.ts';
import { probeMedia, type MediaInfo } from './probe.ts';
import { writeAtomically } from './temp-output.ts';

export type ClipTransition = 'cut' | 'dissolve' | 'fade';

export interface CompileClipsOptions {
  /** In playing order; `durationSeconds` is how much of each clip to use, from its start. */
  clips: { path: string; durationSeconds: number }[];
  transition: ClipTransition;
  /** Length of each dissolve or fade; ignored for cuts. */
  transitionDurationSeconds: number;
  outputPath: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

const PROBE_CONCURRENCY = 4;

/**
 * Compiles `clips` into `outputPath` (MP4, H.264 + AAC). The output lasts the sum of the clip
 * durations minus one transition per join (none for cuts). Nothing appears under `outputPath`
 * unless the whole compile succeeds.
 */
export async function compileClips(options: CompileClipsOptions): Promise<{ durationSeconds: number }> {
  const { clips, transition } = options;
  const overlap = transition === 'cut' || clips.length < 2 ? 0 : options.transitionDurationSeconds;
  validate(options, overlap);

  const infos = await probeAll(clips.map((clip) => clip.path), options.signal);
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
    joinWithTransitions(graph, clips, transition === 'fade' ? 'fadeblack' : 'fade', overlap);
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
      { signal: options.signal, onProgress: options.onProgress, expectedDurationSeconds: expected },
    ),
  );
  return { durationSeconds: expected };
}

/** Chains xfade/acrossfade pairwise: ((c0 × c1) × c2) × …, each join `overlap` seconds long. */
function joinWithTransitions(graph: string[], clips: CompileClipsOptions['clips'], xfade: string, overlap: number): void {
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
      chain([videoLabel, `v${index}`], [filter('xfade', { transition: xfade, duration: seconds(overlap), offset: seconds(offset) })], [nextVideo]),
      chain([audioLabel, `a${index}`], [filter('acrossfade', { d: seconds(overlap), c1: 'tri', c2: 'tri' })], [nextAudio]),
    );
    elapsed = offset + (clips[index]?.durationSeconds ?? 0);
    videoLabel = nextVideo;
    audioLabel = nextAudio;
  }
}

function validate(options: CompileClipsOptions, overlap: number): void {
  const { clips } = options;
  if (clips.length === 0) throw new MediaInputError('Nothing to compile: pass at least one clip.');
  if (!['cut', 'dissolve', 'fade'].includes(options.transition)) {
    throw new MediaInputError(`Unknown transition "${String(options.transition)}": use cut, dissolve or fade.`);
  }
  clips.forEach((clip, index) => {
    if (!Number.isFinite(clip.durationSeconds) || clip.durationSeconds <= 0) {
      throw new MediaInputError(`Clip ${index + 1} (${clip.path}) has duration ${clip.durationSeconds}: durations must be positive seconds.`);
    }
  });
  if (overlap === 0) return;
  if (!Number.isFinite(overlap) || overlap <= 0) {
    throw new MediaInputError(`A ${options.transition} needs a positive transition duration, not ${overlap}.`);
  }
  const shortest = Math.min(...clips.map((clip) => clip.durationSeconds));
  if (overlap >= shortest) {
    throw new MediaInputError(
      `The ${overlap} s ${options.transition} is as long as the shortest clip (${shortest} s): shorten the transition or use a cut.`,
    );
  }
}

function probeAll(paths: string[], signal?: AbortSignal): Promise<MediaInfo[]> {
  return mapWithConcurrency(paths, PROBE_CONCURRENCY, (path) => probeMedia(path, { signal }));
}

function even(value: number): number {
  return Math.max(2, Math.round(value / 2) * 2);
}
