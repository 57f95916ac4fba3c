/**
 * Reading a request body under a size limit, shared by JSON bodies (held in memory) and uploads
 * (streamed to a file).
 */
import type { AppError } from './errors.ts';

/**
 * Yields the body's chunks, and throws `tooLarge()` at the first chunk that takes the total past
 * `maxBytes`, after cancelling the read. So a body without Content-Length (chunked) is never read
 * whole: one chunk past the limit, not the rest.
 */
export async function* cappedChunks(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => AppError): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    yield value;
  }
}
