/**
 * The one module that starts ffmpeg and ffprobe. Arguments are always arrays handed to `spawn`
 * (never a shell string), so file names and text can hold any character. The binaries default to
 * `ffmpeg`/`ffprobe` on PATH and can be overridden with FFMPEG_PATH / FFPROBE_PATH.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { FfmpegError, FfmpegMissingError, MediaAbortedError, MediaDiskFullError, saysDiskFull } from './errors.ts';

const STDERR_TAIL_LINES = 20;
/** At most ~4 progress calls a second: the live document and the UI need no more. */
const PROGRESS_INTERVAL_MS = 250;
const MIN_MAJOR_VERSION = 5;

export interface RunFfmpegOptions {
  signal?: AbortSignal;
  /** Called with 0..1, throttled, never decreasing; called with 1 once on success. */
  onProgress?: (fraction: number) => void;
  /** Length of the output in seconds; progress fractions need it. */
  expectedDurationSeconds?: number;
  cwd?: string;
  /**
   * `background`: the process runs at a lower CPU priority (nice 10), so that work someone waits
   * for (making a rendered take reviewable) is not slowed down by work queued behind it (renders).
   */
  priority?: 'normal' | 'background';
  /** What the run is for ("window", "clip-audio"…), passed on to run observers. */
  purpose?: string;
}

/** One finished ffmpeg run, as seen by `observeFfmpegRuns`. */
export interface FfmpegRunRecord {
  purpose: string | undefined;
  args: readonly string[];
  ok: boolean;
}

const runObservers = new Set<(run: FfmpegRunRecord) => void>();

/**
 * Calls `observer` after every ffmpeg run of this process ends (succeeded or not), until the
 * returned function is called: for counting and logging what the media code spends its time on.
 */
export function observeFfmpegRuns(observer: (run: FfmpegRunRecord) => void): () => void {
  runObservers.add(observer);
  return () => runObservers.delete(observer);
}

function notifyObservers(run: FfmpegRunRecord): void {
  for (const observer of runObservers) {
    try {
      observer(run);
    } catch {
      // An observer's failure is its own business, never the run's.
    }
  }
}

/** The niceness of `background` ffmpeg runs. */
const BACKGROUND_NICENESS = 10;

/** The ffmpeg binary in use (FFMPEG_PATH or `ffmpeg`). */
export function ffmpegBinary(): string {
  return process.env.FFMPEG_PATH || 'ffmpeg';
}

/** The ffprobe binary in use (FFPROBE_PATH or `ffprobe`). */
export function ffprobeBinary(): string {
  return process.env.FFPROBE_PATH || 'ffprobe';
}

/**
 * Reads ffmpeg's `-progress` output (key=value lines, possibly split across chunks) and turns it
 * into a fraction of the expected duration.
 */
export class FfmpegProgressParser {
  readonly #expectedSeconds: number | undefined;
  #pending = '';
  #fraction = 0;

  constructor(expectedDurationSeconds?: number) {
    this.#expectedSeconds =
      expectedDurationSeconds !== undefined && expectedDurationSeconds > 0 ? expectedDurationSeconds : undefined;
  }

  /** The latest fraction seen (0..1). */
  get fraction(): number {
    return this.#fraction;
  }

  /** Feeds a chunk of stdout; returns the new fraction when it grew, else undefined. */
  push(chunk: string): number | undefined {
    const text = this.#pending + chunk;
    const lines = text.split('\n');
    this.#pending = lines.pop() ?? '';
    const before = this.#fraction;
    for (const raw of lines) {
      const line = raw.trim();
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1).trim();
      if (key === 'progress' && value === 'end') {
        this.#fraction = 1;
        continue;
      }
      const seconds = outTimeSeconds(key, value);
      if (seconds === undefined || this.#expectedSeconds === undefined) continue;
      const fraction = Math.min(1, Math.max(0, seconds / this.#expectedSeconds));
      if (fraction > this.#fraction) this.#fraction = fraction;
    }
    return this.#fraction > before ? this.#fraction : undefined;
  }
}

function outTimeSeconds(key: string, value: string): number | undefined {
  // ffmpeg's `out_time_ms` is in microseconds too (a long-standing naming bug kept for compatibility).
  if (key === 'out_time_us' || key === 'out_time_ms') {
    const micros = Number(value);
    return Number.isFinite(micros) && micros >= 0 ? micros / 1_000_000 : undefined;
  }
  if (key === 'out_time') {
    const match = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
    if (!match || match[1]) return undefined;
    return Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  }
  return undefined;
}

/** Keeps the last N complete lines of a stream without holding the whole stream. */
/**
 * What ffmpeg logs when a file opened with `codec_whitelist none` (the smart compile's window
 * files, so that probing them decodes nothing) would have had a decoder: expected, and never the
 * reason a run failed, so it is kept out of the tail that error messages quote.
 */
const WHITELIST_REFUSAL = /Codec \([\w-]+\) not on whitelist 'none'/u;

class LineTail {
  readonly #max: number;
  readonly #lines: string[] = [];
  #partial = '';

  constructor(max: number) {
    this.#max = max;
  }

  push(chunk: string): void {
    const parts = (this.#partial + chunk).split(/\r?\n|\r/);
    this.#partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.trim() === '' || WHITELIST_REFUSAL.test(line)) continue;
      this.#lines.push(line);
      if (this.#lines.length > this.#max) this.#lines.shift();
    }
  }

  text(): string {
    const lines = this.#partial.trim() ? [...this.#lines, this.#partial] : this.#lines;
    return lines.slice(-this.#max).join('\n');
  }
}

interface SpawnResult {
  stdout: string;
}

function runTool(
  tool: 'ffmpeg' | 'ffprobe',
  binary: string,
  args: readonly string[],
  options: { signal?: AbortSignal; cwd?: string; onStdout?: (chunk: string) => void; keepStdout: boolean; niceness?: number },
): Promise<SpawnResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(new MediaAbortedError(`${tool} was aborted before it started`, signal.reason));

  return new Promise<SpawnResult>((resolve, reject) => {
    const child = spawn(binary, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    if (options.niceness && child.pid !== undefined) {
      try {
        setPriority(child.pid, options.niceness);
      } catch {
        // Not allowed here, or already gone: it runs at normal priority.
      }
    }
    const stderr = new LineTail(STDERR_TAIL_LINES);
    const stdoutChunks: string[] = [];
    let aborted = false;
    let settled = false;

    const onAbort = () => {
      aborted = true;
      // SIGKILL, not SIGTERM: on SIGTERM ffmpeg finishes writing the file, which is work nobody wants.
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    const finish = (error: Error | undefined, result?: SpawnResult) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(result ?? { stdout: '' });
    };

    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (options.keepStdout) stdoutChunks.push(chunk);
      options.onStdout?.(chunk);
    });
    child.stderr.on('data', (chunk: string) => stderr.push(chunk));

    child.on('error', (error: NodeJS.ErrnoException) => {
      // spawn also says ENOENT for a missing working folder; that is not a missing ffmpeg.
      if (error.code === 'ENOENT' && options.cwd && !existsSync(options.cwd)) {
        finish(new Error(`Cannot run ${tool}: the working folder ${options.cwd} does not exist`, { cause: error }));
      } else if (error.code === 'ENOENT' || error.code === 'EACCES') {
        finish(new FfmpegMissingError(binary, { cause: error }));
      } else {
        finish(error);
      }
    });

    child.on('close', (exitCode, exitSignal) => {
      if (aborted) {
        finish(new MediaAbortedError(`${tool} was aborted`, signal?.reason));
      } else if (exitCode === 0) {
        finish(undefined, { stdout: stdoutChunks.join('') });
      } else {
        const details = { exitCode, exitSignal, stderrTail: stderr.text(), args: [...args] };
        finish(saysDiskFull(details.stderrTail) ? new MediaDiskFullError(tool, details) : new FfmpegError(tool, details));
      }
    });
  });
}

/**
 * Runs ffmpeg with `args` (inputs, filters, outputs). Adds the flags every run needs: no banner,
 * no stdin, overwrite, machine-readable progress on stdout. Rejects with `FfmpegError` (exit code
 * and stderr tail), `FfmpegMissingError`, or an `AbortError` when `signal` aborts (ffmpeg is killed).
 */
export async function runFfmpeg(args: readonly string[], options: RunFfmpegOptions = {}): Promise<void> {
  const { onProgress } = options;
  const parser = new FfmpegProgressParser(options.expectedDurationSeconds);
  let lastCallAt = 0;

  const onStdout = onProgress
    ? (chunk: string) => {
        const fraction = parser.push(chunk);
        if (fraction === undefined || fraction >= 1) return;
        const now = performance.now();
        if (now - lastCallAt < PROGRESS_INTERVAL_MS) return;
        lastCallAt = now;
        onProgress(fraction);
      }
    : undefined;

  // ffmpeg writes progress every 0.5 s by default; more often lets the throttle below set the pace.
  const fullArgs = ['-hide_banner', '-nostdin', '-y', '-loglevel', 'warning', '-nostats', '-stats_period', '0.1', '-progress', 'pipe:1', ...args];
  try {
    await runTool('ffmpeg', ffmpegBinary(), fullArgs, {
      signal: options.signal,
      cwd: options.cwd,
      onStdout,
      keepStdout: false,
      ...(options.priority === 'background' ? { niceness: BACKGROUND_NICENESS } : {}),
    });
  } catch (error) {
    notifyObservers({ purpose: options.purpose, args, ok: false });
    throw error;
  }
  notifyObservers({ purpose: options.purpose, args, ok: true });
  onProgress?.(1);
}

/** Runs ffprobe with `args` and returns what it printed on stdout. */
export async function runFfprobe(args: readonly string[], options: { signal?: AbortSignal } = {}): Promise<string> {
  const { stdout } = await runTool('ffprobe', ffprobeBinary(), ['-hide_banner', ...args], {
    signal: options.signal,
    keepStdout: true,
  });
  return stdout;
}

/**
 * Parses the first line of `ffmpeg -version` / `ffprobe -version`. Returns the version text and its
 * major number; git snapshots ("N-1234-g…") have no major and are taken to be recent.
 */
export function parseFfmpegVersion(output: string): { version: string; major: number | undefined } | undefined {
  const match = /^\S+ version (\S+)/m.exec(output);
  const version = match?.[1];
  if (!version) return undefined;
  const major = /^n?(\d+)\./.exec(version);
  return { version, major: major?.[1] ? Number(major[1]) : undefined };
}

async function checkBinary(tool: 'ffmpeg' | 'ffprobe', binary: string): Promise<string> {
  let output: string;
  try {
    ({ stdout: output } = await runTool(tool, binary, ['-version'], { keepStdout: true }));
  } catch (error) {
    if (error instanceof FfmpegMissingError) throw error;
    // It exists but cannot even print its version: as good as missing for us.
    throw new FfmpegMissingError(binary, { cause: error });
  }
  const parsed = parseFfmpegVersion(output);
  if (!parsed) throw new FfmpegMissingError(binary, { cause: new Error(`unrecognized -version output from ${binary}`) });
  if (parsed.major !== undefined && parsed.major < MIN_MAJOR_VERSION) {
    throw new FfmpegMissingError(binary, { foundVersion: parsed.version });
  }
  return parsed.version;
}

/**
 * Checks that ffmpeg and ffprobe (≥ 5) can be run. Resolves with ffmpeg's version text; rejects
 * with `FfmpegMissingError`, whose one-line message tells the reader how to install ffmpeg.
 */
export async function checkFfmpeg(): Promise<{ version: string }> {
  const [version] = await Promise.all([checkBinary('ffmpeg', ffmpegBinary()), checkBinary('ffprobe', ffprobeBinary())]);
  return { version };
}
