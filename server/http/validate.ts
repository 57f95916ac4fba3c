/**
 * Reads and validates request input with zod. Bad input never reaches a command.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError, payloadTooLarge, validationError } from '../errors.ts';

/** Largest JSON body the API accepts. */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * Reads a request body into memory, at most `maxBytes` of it. The body is read chunk by chunk and
 * the read stops (413) the moment the count passes the limit, so a body without Content-Length
 * (chunked) is never held whole: the server reads one chunk past the limit, not the rest. What
 * the client still sends is drained and dropped by the HTTP server after the answer.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number, tooLarge: () => AppError): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

const jsonTooLarge = () => payloadTooLarge(`The body is larger than ${MAX_JSON_BYTES} bytes: send less (uploads have their own routes).`);

/** Parses the JSON body against `schema`; 400/413/415 with the error body otherwise. */
export async function readJson<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new AppError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.', { status: 415 });
  }
  // A declared length over the limit is refused before a byte is read.
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_JSON_BYTES) throw jsonTooLarge();
  const bytes = await readCapped(c.req.raw.body, MAX_JSON_BYTES, jsonTooLarge);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
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
