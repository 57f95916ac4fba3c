/**
 * Reads and validates request input with zod. Bad input never reaches a command.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, validationError } from '../errors.ts';

/** Largest JSON body the API accepts. */
export const MAX_JSON_BYTES = 1024 * 1024;

/** Parses the JSON body against `schema`; 400/413/415 with the error body otherwise. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.', { status: 415 });
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_JSON_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw tooLarge();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON.', { status: 400 });
  }
  return parseWith(schema, value);
}

/** Validates path or query parameters. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw validationError(
      'The request is not valid: see details.',
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data;
}

function tooLarge() {
  return new AppError('payload_too_large', `The body is larger than ${MAX_JSON_BYTES} bytes.`, { status: 413 });
}
