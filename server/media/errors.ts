/**
 * Errors raised by the media layer. Each keeps its `cause` and says what to do next; none of them
 * knows about HTTP or jobs, so callers map them (a provider turns a crash into a retryable error).
 */

const INSTALL_HINT = 'install it (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install ffmpeg) and try again';

/** ffmpeg or ffprobe is not installed, not executable, or older than version 5. */
export class FfmpegMissingError extends Error {
  /** The binary we tried to run. */
  readonly binary: string;
  /** The version we found, when one was found but is too old. */
  readonly foundVersion: string | undefined;

  constructor(binary: string, options: { foundVersion?: string; cause?: unknown } = {}) {
    const found = options.foundVersion;
    // One line on purpose: the CLI prints this message alone as its whole answer.
    const message = found
      ? `ffmpeg ≥ 5 is required but ${binary} is version ${found}: upgrade it (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew upgrade ffmpeg) or point FFMPEG_PATH/FFPROBE_PATH at a newer build`
      : `ffmpeg ≥ 5 was not found on PATH (tried "${binary}"): ${INSTALL_HINT}, or set FFMPEG_PATH/FFPROBE_PATH`;
    super(message, { cause: options.cause });
    this.name = 'FfmpegMissingError';
    this.binary = binary;
    this.foundVersion = found;
  }
}

/** ffmpeg or ffprobe ran and exited unsuccessfully. */
export class FfmpegError extends Error {
  readonly tool: 'ffmpeg' | 'ffprobe';
  /** Exit code, or null when the process died from a signal. */
  readonly exitCode: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  /** The last lines ffmpeg wrote to stderr, which is where it explains itself. */
  readonly stderrTail: string;
  readonly args: readonly string[];

  constructor(
    tool: 'ffmpeg' | 'ffprobe',
    details: { exitCode: number | null; exitSignal: NodeJS.Signals | null; stderrTail: string; args: readonly string[] },
  ) {
    const lastLine = details.stderrTail.trim().split('\n').at(-1)?.trim() ?? '';
    const how = details.exitCode === null ? `was killed by ${details.exitSignal ?? 'a signal'}` : `exited with code ${details.exitCode}`;
    super(`${tool} ${how}${lastLine ? `: ${lastLine}` : ''} (see stderrTail for the full reason)`);
    this.name = 'FfmpegError';
    this.tool = tool;
    this.exitCode = details.exitCode;
    this.exitSignal = details.exitSignal;
    this.stderrTail = details.stderrTail;
    this.args = details.args;
  }
}

/**
 * A media operation was aborted through its AbortSignal. Named `AbortError` so that code written
 * for `fetch` and Node's own APIs (`err.name === 'AbortError'`) recognizes it.
 */
/**
 * ffmpeg could not write because the disk (or the folder's quota) is full. A FfmpegError too, so
 * callers that handle ffmpeg failures handle it; its message says what to do.
 */
export class MediaDiskFullError extends FfmpegError {
  constructor(tool: 'ffmpeg' | 'ffprobe', details: ConstructorParameters<typeof FfmpegError>[1]) {
    super(tool, details);
    this.name = 'MediaDiskFullError';
    this.message = `The disk is full: ${tool} could not write its output (no space left on device). Free some space in the data folder and try again.`;
  }
}

/** True when ffmpeg's own explanation says it ran out of space. */
export function saysDiskFull(stderr: string): boolean {
  return /No space left on device|Disk quota exceeded/i.test(stderr);
}

export class MediaAbortedError extends Error {
  constructor(message = 'The media operation was aborted', cause?: unknown) {
    super(message, { cause });
    this.name = 'AbortError';
  }
}

/** A file could not be read as media (missing, empty, or not audio/video). */
export class MediaProbeError extends Error {
  readonly path: string;
  /** Why, without the path: what may be shown to the person who sent the file. */
  readonly reason: string;

  constructor(path: string, reason: string, cause?: unknown) {
    super(`Cannot read media file ${path}: ${reason}. Check that the file exists and is a complete video or audio file.`, {
      cause,
    });
    this.name = 'MediaProbeError';
    this.path = path;
    this.reason = reason;
  }
}

/** The caller asked for something the media layer cannot do (bad durations, no clips…). */
export class MediaInputError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'MediaInputError';
  }
}

/** True for the error media functions reject with when their signal aborts. */
export function isAbortError(value: unknown): value is Error {
  return value instanceof Error && value.name === 'AbortError';
}
