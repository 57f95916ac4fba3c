/**
 * Turns anything thrown in a handler into the API's error body `{error: {code, message, details}}`.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { isAppError } from '../errors.ts';
import { createLog } from '../logger.ts';

const log = createLog('http');

export function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

/** Share-link tokens travel in paths; they never reach a log. */
export function redactPath(path: string): string {
  return path.replace(/\/share\/[^/]+/, '/share/[token]');
}

export function handleError(error: Error, c: Context): Response {
  if (isAppError(error)) {
    return c.json(errorBody(error.code, error.message, error.details ?? null), error.status as ContentfulStatusCode, error.headers);
  }
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
  log.error(`${c.req.method} ${redactPath(new URL(c.req.url).pathname)} failed: ${error.stack ?? error.message}`);
  return c.json(errorBody('internal', 'Something went wrong on the server; the error was logged.'), 500);
}
