/**
 * Turns anything thrown in a handler into the API's error body `{error: {code, message, details}}`.
 * A database that is not answering is a 503 and a full disk a 507 on every route, whatever was
 * running when it happened; no message shows where the server keeps its files.
 */
import { tmpdir } from 'node:os';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { isDatabaseUnavailable, isPoolSaturated } from '../db/connection-errors.ts';
import { type AppError, databaseUnavailable, diskFull, hidePaths, isAppError, isDiskFull, serverBusy } from '../errors.ts';
import { createLog } from '../logger.ts';

const log = createLog('http');

export function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

/** Share-link tokens travel in paths; they never reach a log. */
export function redactPath(path: string): string {
  return path.replace(/\/share\/[^/]+/, '/share/[token]');
}

/** The error handler of an app whose files live under `dataDir`. */
export function errorHandler(dataDir: string): (error: Error, c: Context) => Response {
  const roots = [dataDir, tmpdir()];
  const answer = (c: Context, error: AppError) =>
    c.json(errorBody(error.code, hidePaths(error.message, roots), error.details ?? null), error.status as ContentfulStatusCode, error.headers);
  return (error, c) => {
    if (isAppError(error)) return answer(c, error);
    if (error instanceof ZodError) {
      return c.json(
        errorBody('validation_failed', 'The request is not valid: see details.', error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }))),
        400,
      );
    }
    if (error instanceof HTTPException) {
      return c.json(errorBody('http_error', error.message || 'Request failed.'), error.status);
    }
    const where = `${c.req.method} ${redactPath(new URL(c.req.url).pathname)}`;
    if (isPoolSaturated(error)) {
      log.warn(`${where}: every database connection is busy and the queue is full; answered 503`);
      return answer(c, serverBusy(error));
    }
    if (isDatabaseUnavailable(error)) {
      log.warn(`${where}: the database is not answering (${error.message})`);
      return answer(c, databaseUnavailable(error));
    }
    if (isDiskFull(error)) {
      log.error(`${where}: the disk is full (${error.message})`);
      return answer(c, diskFull(error));
    }
    log.error(`${where} failed: ${error.stack ?? error.message}`);
    return c.json(errorBody('internal', 'Something went wrong on the server; the error was logged.'), 500);
  };
}
