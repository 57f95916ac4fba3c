/**
 * The last steps of the compiled video's sound, on the joined clips' PCM (soundtrack-pieces.ts):
 * optional background music ducked under it, and EBU R128 loudness normalization in two passes.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MediaInputError } from './errors.ts';
import { runFfmpeg } from './ffmpeg.ts';
import { chain, filter, seconds } from './filtergraph.ts';

export interface FinishOptions {
  /** Background music, looped to length and ducked whenever the clips' sound is loud. */
  music?: { path: string; volumeDb: number };
  /** EBU R128 loudness normalization of the whole, in two passes (measure, then apply). */
  loudness?: LoudnessTarget;
  /** Scratch folder for the intermediate PCM and the loudness log. */
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

const PCM = { sample_fmts: 'flt', sample_rates: 48000, channel_layouts: 'stereo' } as const;
const RAW_INPUT = ['-f', 'f32le', '-ar', '48000', '-ac', '2'];
const RAW_OUTPUT = ['-c:a', 'pcm_f32le', '-f', 'f32le'];

/**
 * Mixes the music under the joined clips' sound (raw PCM at `joinedPath`) and normalizes the
 * loudness of the whole, and returns the raw PCM file to encode: `joinedPath` itself when there
 * is nothing to do, else a file in `workDir`. Music and measurement share one run with two inputs;
 * the loudness gain, known only once the whole has been measured, takes a second.
 */
export async function finishSoundtrack(joinedPath: string, totalSeconds: number, options: FinishOptions): Promise<string> {
  const { music, loudness } = options;
  if (!music && !loudness) return joinedPath;
  const run = { signal: options.signal, expectedDurationSeconds: totalSeconds, purpose: 'audio-finish' };
  const half = (offset: number) => (fraction: number) => options.onProgress?.(offset + fraction / 2);
  let current = joinedPath;
  let measured: LoudnessMeasurement | undefined;
  if (music) {
    const mixedPath = join(options.workDir, 'soundtrack-mixed.pcm');
    const graph = [
      chain(['0:a:0'], [filter('asplit', { outputs: 2 })], ['dialogue', 'key']),
      chain(
        ['1:a:0'],
        [
          filter('aresample', { osr: 48000 }),
          filter('aformat', PCM),
          filter('atrim', { duration: seconds(totalSeconds) }),
          'asetpts=PTS-STARTPTS',
          filter('volume', { volume: `${music.volumeDb}dB` }),
        ],
        ['music'],
      ),
      // Keyed by the clips' own sound: the music dips under speech and comes back in the gaps.
      chain(['music', 'key'], [filter('sidechaincompress', { threshold: 0.02, ratio: 8, attack: 20, release: 400 })], ['ducked']),
      chain(['dialogue', 'ducked'], [filter('amix', { inputs: 2, duration: 'first', dropout_transition: 0, normalize: 0 })], ['mixed']),
    ];
    const inputs = [...RAW_INPUT, '-i', resolve(joinedPath), '-stream_loop', '-1', '-i', resolve(music.path)];
    if (!loudness) {
      await runFfmpeg([...inputs, '-filter_complex', graph.join(';'), '-map', '[mixed]', ...RAW_OUTPUT, mixedPath], { ...run, onProgress: options.onProgress });
      return mixedPath;
    }
    // Measuring in the same run saves reading the whole mix a second time.
    graph.push(chain(['mixed'], [filter('asplit', { outputs: 2 })], ['pcm', 'measure']), chain(['measure'], [loudnormFirstPass(loudness)], ['measured']));
    measured = await withLogReport(options.workDir, (cwd) =>
      runFfmpeg(['-report', ...inputs, '-filter_complex', graph.join(';'), '-map', '[pcm]', ...RAW_OUTPUT, mixedPath, '-map', '[measured]', '-f', 'null', '-'], {
        ...run,
        cwd,
        onProgress: half(0),
      }),
    );
    current = mixedPath;
  } else if (loudness) {
    measured = await withLogReport(options.workDir, (cwd) =>
      runFfmpeg(['-report', ...RAW_INPUT, '-i', resolve(joinedPath), '-af', loudnormFirstPass(loudness), '-f', 'null', '-'], { ...run, cwd, onProgress: half(0) }),
    );
  }
  if (!loudness || !measured) return current;
  const normalizedPath = join(options.workDir, 'soundtrack-normalized.pcm');
  await runFfmpeg([...RAW_INPUT, '-i', resolve(current), '-af', loudnessFilter(measured, loudness), ...RAW_OUTPUT, normalizedPath], { ...run, onProgress: half(0.5) });
  return normalizedPath;
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
  // The measurement in steps of GAIN_STEP_DB: a compile that changed a join or two measures a few
  // hundredths of a dB apart and gets the same gain, so the sound it did not change stays
  // byte-identical and its encoded chunks are reused. The result stays within 0.1 LU of the target.
  const steady = { ...measured, inputI: inSteps(measured.inputI), inputTp: inSteps(measured.inputTp) };
  const gain = target.targetLufs - steady.inputI;
  if (steady.inputTp + gain <= target.truePeakDb) return filter('volume', { volume: `${gain.toFixed(2)}dB` });
  return loudnormSecondPass(steady, target);
}

const GAIN_STEP_DB = 0.2;
const inSteps = (db: number): number => Math.round(db / GAIN_STEP_DB) * GAIN_STEP_DB;

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
    // loudnorm leaves the channel layout unset, which raw PCM output cannot take.
    filter('aformat', PCM),
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
