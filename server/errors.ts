/**
 * Errors that reach a person: each has a stable `code`, a message that says what to do next,
 * optional `details`, and the HTTP status the API answers with. The CLI prints the message
 * alone (no stack) and exits with `exitCode`.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  readonly exitCode: number;
  /** Extra response headers (Retry-After for 429). */
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    message: string,
    options: { status?: number; details?: unknown; cause?: unknown; exitCode?: number; headers?: Record<string, string> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details;
    this.exitCode = options.exitCode ?? 1;
    this.headers = options.headers ?? {};
  }
}

export const configError = (message: string, cause?: unknown) =>
  new AppError('config_invalid', message, { status: 500, exitCode: 2, cause });

export const databaseUnreachable = (message: string, cause?: unknown) =>
  new AppError('database_unreachable', message, { status: 503, exitCode: 2, cause });

export const dataDirError = (message: string, cause?: unknown) =>
  new AppError('data_dir_unusable', message, { status: 500, exitCode: 2, cause });

/** A queued job whose payload its task's schema refuses (server/db/job-payloads.ts). */
export const jobPayloadInvalid = (message: string, cause?: unknown) => new AppError('job_payload_invalid', message, { status: 500, cause });

export const usageError = (message: string) => new AppError('usage', message, { status: 400, exitCode: 2 });

export const validationError = (message: string, details?: unknown) =>
  new AppError('validation_failed', message, { status: 400, details, exitCode: 2 });

export const notFound = (what: string, id?: string) =>
  new AppError('not_found', id ? `${what} ${id} does not exist.` : `${what} does not exist.`, { status: 404 });

/** 400: text with a character Postgres cannot store (NUL, an unpaired surrogate) or that is not UTF-8. */
export const invalidText = (message: string, details?: unknown, cause?: unknown) =>
  new AppError('invalid_text', message, { status: 400, details, cause });

/** 413: a body over its route's limit; said as soon as the limit is passed, before the rest is read. */
export const payloadTooLarge = (message: string) => new AppError('payload_too_large', message, { status: 413 });

export const conflict = (message: string, details?: unknown) =>
  new AppError('conflict', message, { status: 409, details });

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** 503: the database is not answering; the pool reconnects by itself when it is back. */
export const databaseUnavailable = (cause?: unknown) =>
  new AppError('database_unavailable', 'The database is not answering: try again in a moment.', { status: 503, cause, headers: { 'Retry-After': '5' } });

/** 503: every connection of the request pool is busy and its queue is full. */
export const serverBusy = (cause?: unknown) =>
  new AppError('server_busy', 'The server is busy: try again in a moment.', { status: 503, cause, headers: { 'Retry-After': '1' } });

/** 507: a write found no space left on the server's disk. */
export const diskFull = (cause?: unknown) =>
  new AppError('disk_full', 'The disk is full: the server could not write what you sent. Ask its operator to free some space in the data folder, then try again.', {
    status: 507,
    cause,
  });

/** True when `error` (or what caused it) is a write that found the disk or the quota full. */
export function isDiskFull(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT' || error.name === 'MediaDiskFullError') return true;
  return isDiskFull(error.cause, depth + 1);
}

/**
 * `text` with every path under one of `roots` (the data folder, the system's temporary folder)
 * shortened to its last part: messages that reach people never show where the server keeps files.
 */
export function hidePaths(text: string, roots: string[]): string {
  let result = text;
  for (const root of [...new Set(roots.map((r) => r.replace(/\/+$/, '')))].filter((r) => r.length > 1).sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`${root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![^/\\s'"()<>,;:])(?:/[^\\s'"()<>,;:]*)?`, 'g');
    result = result.replace(pattern, (path) => {
      const trimmed = path.replace(/\/+$/, '');
      return trimmed.slice(trimmed.lastIndexOf('/') + 1);
    });
  }
  return result;
}

/** 422: a webhook URL the address check refuses (server/webhooks/address-check.ts); `code` says why. */
export const webhookUrlRefused = (code: string, message: string, url: string) => new AppError(code, message, { status: 422, details: { url } });
