/**
 * The compiled video's sound, rendered on its own from PCM: every clip's audio decoded, joined with
 * crossfades at the same times as the picture's transitions, optional background music ducked
 * under it, and EBU R128 loudness normalization in two passes (measure here, apply when the final
 * file is encoded).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { chain, filter, seconds } from './filtergraph.ts';

export interface SoundtrackOptions {
  /** In playing order; each clip's sound is used for `durationSeconds` (padded with silence). */
  clips: readonly { path: string; durationSeconds: number; hasAudio: boolean }[];
  /** Crossfade length at each join; 0 joins end to end. */
  overlapSeconds: number;
  /** Background music, looped to length and ducked whenever the clips' sound is loud. */
  music?: { path: string; volumeDb: number };
  /** Where the soundtrack goes: 32-bit float WAV, or AAC in MP4 ready to be muxed. */
  outputPath: string;
  format: 'wav' | 'aac';
  /**
   * When given, the same run also takes loudnorm's first-pass measurement of the soundtrack
   * (written to a log report in a private folder under `workDir`).
   */
  measure?: { target: LoudnessTarget; workDir: string };
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

const PCM = { sample_fmts: 'fltp', sample_rates: 48000, channel_layouts: 'stereo' } as const;

/** Length of the soundtrack `clips` make with `overlapSeconds` crossfades. */
export function soundtrackSeconds(clips: SoundtrackOptions['clips'], overlapSeconds: number): number {
  return clips.reduce((sum, clip) => sum + clip.durationSeconds, 0) - Math.max(0, clips.length - 1) * overlapSeconds;
}

/**
 * Renders the joined (and, with music, mixed) soundtrack to a float WAV in one ffmpeg run, and
 * returns its loudness measurement when `measure` is given (undefined for silence).
 */
export async function renderSoundtrack(options: SoundtrackOptions): Promise<LoudnessMeasurement | undefined> {
  const { clips, overlapSeconds: overlap } = options;
  const total = soundtrackSeconds(clips, overlap);
  const inputs: string[] = [];
  const graph: string[] = [];
  clips.forEach((clip, index) => {
    inputs.push('-i', resolve(clip.path));
    const head = clip.hasAudio ? [filter('aresample', { osr: 48000 })] : [filter('anullsrc', { r: 48000, cl: 'stereo' })];
    graph.push(
      chain(
        clip.hasAudio ? [`${index}:a:0`] : [],
        [...head, filter('aformat', PCM), 'asetpts=PTS-STARTPTS', 'apad', filter('atrim', { duration: seconds(clip.durationSeconds) }), 'asetpts=PTS-STARTPTS'],
        [`a${index}`],
      ),
    );
  });

  let joined = 'a0';
  if (clips.length > 1 && overlap > 0) {
    for (let index = 1; index < clips.length; index++) {
      const next = `x${index}`;
      graph.push(chain([joined, `a${index}`], [filter('acrossfade', { d: seconds(overlap), c1: 'tri', c2: 'tri' })], [next]));
      joined = next;
    }
  } else if (clips.length > 1) {
    graph.push(chain(clips.map((_, index) => `a${index}`), [filter('concat', { n: clips.length, v: 0, a: 1 })], ['joined']));
    joined = 'joined';
  }

  let out = joined;
  if (options.music) {
    const musicIndex = clips.length;
    inputs.push('-stream_loop', '-1', '-i', resolve(options.music.path));
    graph.push(
      chain([joined], [filter('asplit', { outputs: 2 })], ['dialogue', 'key']),
      chain(
        [`${musicIndex}:a:0`],
        [
          filter('aresample', { osr: 48000 }),
          filter('aformat', PCM),
          filter('atrim', { duration: seconds(total) }),
          'asetpts=PTS-STARTPTS',
          filter('volume', { volume: `${options.music.volumeDb}dB` }),
        ],
        ['music'],
      ),
      // Keyed by the clips' own sound: the music dips under speech and comes back in the gaps.
      chain(['music', 'key'], [filter('sidechaincompress', { threshold: 0.02, ratio: 8, attack: 20, release: 400 })], ['ducked']),
      chain(['dialogue', 'ducked'], [filter('amix', { inputs: 2, duration: 'first', dropout_transition: 0, normalize: 0 })], ['mixed']),
    );
    out = 'mixed';
  }

  const wavArgs = ['-t', seconds(total), ...(options.format === 'wav' ? ['-c:a', 'pcm_f32le', '-f', 'wav'] : [...aacArgs(), '-f', 'mp4']), resolve(options.outputPath)];
  const run = { signal: options.signal, onProgress: options.onProgress, expectedDurationSeconds: total };
  if (!options.measure) {
    await runFfmpeg([...inputs, '-filter_complex', graph.join(';'), '-map', `[${out}]`, ...wavArgs], run);
    return undefined;
  }
  // Measuring in the same run saves decoding the whole soundtrack a second time.
  graph.push(
    chain([out], [filter('asplit', { outputs: 2 })], ['wav', 'measure']),
    chain(['measure'], [loudnormFirstPass(options.measure.target)], ['measured']),
  );
  return withLogReport(options.measure.workDir, (cwd) =>
    runFfmpeg(
      ['-report', ...inputs, '-filter_complex', graph.join(';'), '-map', '[wav]', ...wavArgs, '-map', '[measured]', '-f', 'null', '-'],
      { ...run, cwd },
    ),
  );
}

/**
 * AAC settings of the compiled sound. The final encode of a long soundtrack is on the compile's
 * critical path, so: the "fast" coder (the default two-loop search costs a third more time), and
 * no mid/side stereo decision per band (it costs another third). At 160 kb/s neither is audible.
 */
export function aacArgs(): string[] {
  return ['-c:a', 'aac', '-aac_coder', 'fast', '-aac_ms', '0', '-b:a', '160k', '-ar', '48000', '-ac', '2'];
}

/** Encodes a rendered WAV soundtrack to AAC in MP4, through `audioFilter` when given. */
export async function encodeSoundtrack(
  wavPath: string,
  outputPath: string,
  options: { audioFilter?: string; signal?: AbortSignal; onProgress?: (fraction: number) => void; durationSeconds?: number },
): Promise<void> {
  await runFfmpeg(
    ['-i', resolve(wavPath), ...(options.audioFilter ? ['-af', options.audioFilter] : []), ...aacArgs(), '-f', 'mp4', resolve(outputPath)],
    { signal: options.signal, onProgress: options.onProgress, expectedDurationSeconds: options.durationSeconds },
  );
}

/** loudnorm's first-pass measurement of a file. */
export interface LoudnessMeasurement {
  inputI: number;
  inputTp: number;
  inputLra: number;
  inputThresh: number;
  targetOffset: number;
}

/** The loudness target; LUFS and dBTP. */
export interface LoudnessTarget {
  targetLufs: number;
  truePeakDb: number;
}

/**
 * Loudness range allowed before loudnorm switches from one linear gain to dynamic compression.
 * Wide on purpose: a film soundtrack's range is part of it, and linear gain keeps it intact.
 */
const TARGET_LRA = 20;

function loudnormFirstPass(target: LoudnessTarget): string {
  return filter('loudnorm', { I: target.targetLufs, TP: target.truePeakDb, LRA: TARGET_LRA, print_format: 'json' });
}

/**
 * Runs `work` with a log report enabled and returns loudnorm's measurement from it. loudnorm
 * reports only to ffmpeg's log, so the run writes a report (`-report`, into a private folder under
 * `workDir` as its working folder) and the numbers are read from there.
 */
async function withLogReport(workDir: string, work: (cwd: string) => Promise<void>): Promise<LoudnessMeasurement | undefined> {
  const logDir = await mkdtemp(join(workDir, 'loudness-'));
  try {
    await work(logDir);
    const report = (await readdir(logDir)).find((name) => name.startsWith('ffmpeg-') && name.endsWith('.log'));
    if (!report) throw new Error('ffmpeg wrote no log report for the loudness measurement');
    return parseLoudnormReport(await readFile(join(logDir, report), 'utf8'));
  } finally {
    await rm(logDir, { recursive: true, force: true });
  }
}

/** Reads loudnorm's JSON summary out of an ffmpeg log; undefined for silence. */
export function parseLoudnormReport(text: string): LoudnessMeasurement | undefined {
  const value = (key: string) => {
    const match = new RegExp(`"${key}"\\s*:\\s*"([^"]+)"`).exec(text);
    if (!match?.[1]) throw new Error(`The loudness measurement lacks ${key}.`);
    return Number(match[1]);
  };
  const measured: LoudnessMeasurement = {
    inputI: value('input_i'),
    inputTp: value('input_tp'),
    inputLra: value('input_lra'),
    inputThresh: value('input_thresh'),
    targetOffset: value('target_offset'),
  };
  // loudnorm prints -inf for digital silence; below -70 LUFS the gate leaves nothing to measure.
  if (!Number.isFinite(measured.inputI) || measured.inputI < -70 || !Number.isFinite(measured.inputTp)) return undefined;
  return measured;
}

/**
 * The second-pass filter chain. When one gain reaches the target without pushing the true peak
 * over the limit, that gain is all loudnorm's linear mode would apply, so a plain `volume` does
 * it at a fraction of the cost (loudnorm resamples to 192 kHz). Otherwise loudnorm runs with the
 * measurement and limits the peaks.
 */
export function loudnessFilter(measured: LoudnessMeasurement, target: LoudnessTarget): string {
  const gain = target.targetLufs - measured.inputI;
  if (measured.inputTp + gain <= target.truePeakDb) return filter('volume', { volume: `${gain.toFixed(2)}dB` });
  return loudnormSecondPass(measured, target);
}

/** The second-pass filter chain (loudnorm with the measurement, back to 48 kHz). */
export function loudnormSecondPass(measured: LoudnessMeasurement, target: LoudnessTarget): string {
  return [
    filter('loudnorm', {
      I: target.targetLufs,
      TP: target.truePeakDb,
      LRA: TARGET_LRA,
      measured_I: measured.inputI,
      measured_TP: measured.inputTp,
      measured_LRA: measured.inputLra,
      measured_thresh: measured.inputThresh,
      offset: measured.targetOffset,
      linear: true,
    }),
    filter('aresample', { osr: 48000 }),
  ].join(',');
}

/** Checks a loudness target before any work starts. */
export function validateLoudnessTarget(target: LoudnessTarget): void {
  if (!Number.isFinite(target.targetLufs) || target.targetLufs < -70 || target.targetLufs > -5) {
    throw new MediaInputError(`Loudness target ${target.targetLufs} LUFS is out of range: use -70 to -5 (streaming uses -16 or -14).`);
  }
  if (!Number.isFinite(target.truePeakDb) || target.truePeakDb < -9 || target.truePeakDb > 0) {
    throw new MediaInputError(`True-peak limit ${target.truePeakDb} dBTP is out of range: use -9 to 0.`);
  }
}
