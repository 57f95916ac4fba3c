/**
 * Downloads a provider's result file to disk, streamed. Every failure is a retryable
 * ProviderError (the render can be asked for again); the URL is never put in a message, since
 * some providers sign it or carry the key in its query.
 */
import { createWriteStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { retryableError } from './errors.ts';

export interface DownloadOptions {
  providerId: string;
  headers?: Record<string, string>;
  /** Longest wait for the whole download. */
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** Bytes a result may not exceed (a few minutes of 4K). */
const MAX_RESULT_BYTES = 4 * 1024 ** 3;

export async function downloadResult(url: string, path: string, options: DownloadOptions): Promise<{ bytes: number; mimeType: string }> {
  const { providerId } = options;
  const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { headers: options.headers ?? {}, signal, redirect: 'follow' });
  } catch (cause) {
    const timedOut = (cause as Error).name === 'TimeoutError';
    throw retryableError(providerId, timedOut ? 'The result file did not download in time.' : `The result file could not be fetched: ${(cause as Error).message}`, cause);
  }
  return saveResult(response, path, providerId);
}

/** Streams a fetched result to `path`, checking that it is a video of sensible size. */
export async function saveResult(response: Response, path: string, providerId: string): Promise<{ bytes: number; mimeType: string }> {
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw retryableError(providerId, `The result file could not be downloaded (HTTP ${response.status}${response.status === 404 ? ': it is gone' : ''}).`);
  }
  const mimeType = (response.headers.get('content-type') ?? 'video/mp4').split(';')[0]!.trim();
  if (/^(text\/|application\/json)/.test(mimeType)) {
    await response.body.cancel();
    throw retryableError(providerId, `The result is not a video (${mimeType}).`);
  }
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > MAX_RESULT_BYTES) {
    await response.body.cancel();
    throw retryableError(providerId, `The result file is too large (${Math.round(length / 1024 ** 2)} MB).`);
  }
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(path));
  } catch (cause) {
    await unlink(path).catch(() => undefined);
    throw retryableError(providerId, `The result file download broke off: ${(cause as Error).message}`, cause);
  }
  const { size } = await stat(path);
  if (size === 0) {
    await unlink(path).catch(() => undefined);
    throw retryableError(providerId, 'The result file is empty.');
  }
  return { bytes: size, mimeType };
}
