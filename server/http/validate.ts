/**
 * Reads and validates request input with zod. Bad input never reaches a command.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { cappedChunks } from '../capped-body.ts';
import { AppError, invalidText, payloadTooLarge, validationError } from '../errors.ts';
import { findUnstorableText, MAX_JSON_DEPTH } from './storable-text.ts';

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
  const chunks: Uint8Array[] = [];
  for await (const chunk of cappedChunks(body, maxBytes, tooLarge)) chunks.push(chunk);
  return Buffer.concat(chunks);
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
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw invalidText('The body is not valid UTF-8: send the JSON as UTF-8 text.', [{ path: 'body', message: 'not UTF-8' }], cause);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON.', { status: 400 });
  }
  const unstorable = findUnstorableText(value);
  if (unstorable?.kind === 'depth') {
    throw validationError(`The body nests deeper than ${MAX_JSON_DEPTH} levels: no request needs that many; flatten it.`, [
      { path: `body.${unstorable.path}`, message: `nested more than ${MAX_JSON_DEPTH} deep` },
    ]);
  }
  if (unstorable) throw unstorableText('body', unstorable.path);
  return parseWith(schema, value);
}

/** The 400 for text that cannot be stored, naming where it was found. */
export function unstorableText(where: 'body' | 'path' | 'query', path: string): AppError {
  const place = path ? `${where} field ${path}` : `the ${where}`;
  return invalidText(
    `The ${place} holds a character that cannot be stored (NUL or an unpaired surrogate): remove it and send again.`,
    [{ path: path ? `${where}.${path}` : where, message: 'contains NUL or an unpaired UTF-16 surrogate' }],
  );
}

/**
 * Refuses (400) a request whose path parameters or query names and values hold text that cannot
 * be stored, or whose URL has a `%` escape that is not UTF-8 (`%ED%A0%80` is how a lone surrogate
 * is sent; the router would otherwise pass such an escape on undecoded, as literal text).
 */
export function assertStorableUrl(url: string, params: Record<string, string>, queries: Record<string, string[]>): void {
  const { pathname, search } = new URL(url);
  const undecodable = (parts: string[]) => parts.some((part) => {
    try {
      decodeURIComponent(part);
      return false;
    } catch {
      return true;
    }
  });
  if (undecodable(pathname.split('/'))) throw invalidText('The path holds a % escape that is not UTF-8 text: encode it as UTF-8.', [{ path: 'path', message: 'malformed % escape' }]);
  if (undecodable(search.slice(1).replaceAll('+', ' ').split(/[&=]/))) {
    throw invalidText('The query holds a % escape that is not UTF-8 text: encode it as UTF-8.', [{ path: 'query', message: 'malformed % escape' }]);
  }
  const inPath = findUnstorableText(params);
  if (inPath) throw unstorableText('path', inPath.path);
  // Query values come as lists; the field is named without the index.
  const inQuery = findUnstorableText(queries);
  if (inQuery) throw unstorableText('query', inQuery.path.replace(/\.\d+$/, ''));
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
