/**
 * /media/<key>: segment videos, posters and compiled episodes, with HTTP Range, ETag and caching,
 * so that a browser starts playing without downloading the whole file.
 */
import { Readable } from 'node:stream';
import { Hono } from 'hono';
import type { Services } from '../../commands/services.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertValidKey, type ByteRange, episodeIdOfKey } from '../../storage/storage.ts';
import { authorizeEpisode, unauthenticated } from '../../auth/policies.ts';
import type { AppEnv } from '../context.ts';
import { errorBody } from '../errors.ts';

/** Parses a single `bytes=` range; undefined for no header, 'invalid' for one we cannot satisfy. */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined | 'invalid' {
  if (!header) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/** The storage key a `/media/` path names; a malformed `%` escape (or one that is not UTF-8) is a 400. */
function decodeMediaKey(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch (cause) {
    throw new AppError('invalid_storage_key', 'That media path is not valid: a % in it does not begin a UTF-8 escape.', { status: 400, cause });
  }
}

export function mediaRoutes(services: Services) {
  return new Hono<AppEnv>().on(['GET', 'HEAD'], '/*', async (c) => {
    const key = decodeMediaKey(c.req.path.replace(/^\/media\//, ''));
    assertValidKey(key);
    // Media follows the episode's rule: whoever may read the episode may watch its files.
    const principal = c.get('principal');
    if (principal.kind === 'anonymous') throw unauthenticated();
    const episodeId = episodeIdOfKey(key);
    if (!episodeId) throw notFound('Media');
    await authorizeEpisode(services.db, principal, episodeId, 'episode.read');
    const object = await services.storage.stat(key);
    if (!object) throw notFound('Media');
    // On object storage the browser fetches (and seeks in) the file from the bucket directly.
    if (services.storage.presignedUrl) {
      return c.redirect(await services.storage.presignedUrl(key), 302);
    }
    const etag = `"${object.size.toString(16)}-${object.modifiedAt.getTime().toString(16)}"`;
    const headers: Record<string, string> = {
      'Content-Type': object.contentType,
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Last-Modified': object.modifiedAt.toUTCString(),
      // Segment files never change under their key; compiled outputs are replaced, so revalidate.
      'Cache-Control': key.startsWith('segments/') ? 'private, max-age=86400' : 'private, no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const range = parseRange(c.req.header('range'), object.size);
    if (range === 'invalid') {
      return c.json(errorBody('range_not_satisfiable', 'The requested byte range is outside the file.'), 416, {
        'Content-Range': `bytes */${object.size}`,
      });
    }
    const length = range ? range.end - range.start + 1 : object.size;
    headers['Content-Length'] = String(length);
    if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${object.size}`;
    const status = range ? 206 : 200;
    if (c.req.method === 'HEAD') return c.body(null, status, headers);
    const stream = await services.storage.read(key, range);
    return c.body(Readable.toWeb(stream) as ReadableStream, status, headers);
  });
}
