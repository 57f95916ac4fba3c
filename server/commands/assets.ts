/**
 * Uploads: background music for compiles, and characters' reference images. The file is checked with ffprobe before anything is
 * stored: it must carry an audio stream and last more than nothing. A refused upload leaves no
 * file and no row.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cappedChunks } from '../capped-body.ts';
import { insertAsset, setCharacterReference } from '../db/queries/asset.queries.ts';
import { findCharacter } from '../db/queries/plan.queries.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import type { Asset, Character } from '../db/schema.ts';
import { AppError, diskFull, isDiskFull, notFound, payloadTooLarge } from '../errors.ts';
import { MediaProbeError } from '../media/errors.ts';
import { probeMedia } from '../media/probe.ts';
import type { Actor, Services } from './services.ts';

/** Largest music upload. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const EXTENSIONS = new Set(['mp3', 'm4a', 'aac', 'wav', 'ogg', 'oga', 'opus', 'flac']);

/** The 413 for music; also used by the route when the declared length is over. */
export const musicTooLarge = () => payloadTooLarge(`Music files may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: upload a shorter or more compressed file.`);

/** What to receive: the body, what it is called in messages, and its limit with the 413 to answer past it. */
interface UploadLimit {
  body: ReadableStream<Uint8Array> | null;
  what: string;
  maxBytes: number;
  tooLarge: () => AppError;
}

/**
 * Streams an upload to `workDir/upload`, refusing an empty body or one over `maxBytes`. Reading
 * stops at the first chunk past the limit, so a chunked body with no Content-Length is refused
 * there (413) instead of being read whole. A write that fails (a full disk) stops the writing but
 * not the reading: the rest of the body, bounded by the limit, is read and dropped, so that the
 * client, still sending, gets the answer (507) instead of a connection cut under it.
 */
async function receiveUpload({ body, what, maxBytes, tooLarge }: UploadLimit, workDir: string) {
  if (!body) throw new AppError('validation_failed', `Send the ${what} as the request body.`, { status: 400 });
  const local = join(workDir, 'upload');
  let size = 0;
  let failure: unknown;
  const file = await open(local, 'w').catch((error: unknown) => {
    failure = error;
    return undefined;
  });
  try {
    for await (const chunk of cappedChunks(body, maxBytes, tooLarge)) {
      size += chunk.byteLength;
      if (file && failure === undefined) {
        await file.write(chunk).catch((error: unknown) => {
          failure = error;
        });
      }
    }
  } finally {
    await file?.close().catch(() => {});
  }
  if (failure !== undefined) throw isDiskFull(failure) ? diskFull(failure) : failure;
  if (size === 0) throw new AppError('validation_failed', `The ${what} is empty.`, { status: 400 });
  return { local, size };
}

/** What ffprobe found wrong with an upload, in words that do not show where the server keeps it. */
function probeReason(cause: Error): string {
  return cause instanceof MediaProbeError ? cause.reason.toLowerCase() : 'it could not be read';
}

/**
 * Receives an upload into a scratch folder of its own and hands it to `use`; the folder goes
 * afterwards whatever happens (a file that was kept has been moved out of it by then).
 */
async function withUpload<T>(
  services: Services,
  receive: UploadLimit,
  use: (upload: { local: string; size: number }) => Promise<T>,
): Promise<T> {
  await mkdir(services.scratchDir, { recursive: true });
  const workDir = await mkdtemp(join(services.scratchDir, 'upload-'));
  try {
    return await use(await receiveUpload(receive, workDir));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Moves a checked upload into storage under a new asset id. */
async function keepUpload(services: Services, episodeId: string, local: string, extension: string): Promise<{ id: string; key: string }> {
  const id = randomUUID();
  const key = `uploads/${episodeId}/${id}.${extension}`;
  await services.storage.putFile(key, local, { move: true });
  return { id, key };
}

/** Stores an uploaded music file for an episode after checking that it is audio. */
export async function uploadMusic(
  services: Services,
  episodeId: string,
  upload: { filename: string; contentType: string; body: ReadableStream<Uint8Array> | null },
  actor: Actor,
): Promise<Asset> {
  const extension = upload.filename.split('.').pop()?.toLowerCase() ?? '';
  const receive = { body: upload.body, what: 'music file', maxBytes: MAX_UPLOAD_BYTES, tooLarge: musicTooLarge };
  return withUpload(services, receive, async ({ local, size }) => {
    const info = await probeMedia(local).catch((cause: Error) => {
      throw new AppError('not_audio', `That file is not audio we can read (${probeReason(cause)}): upload MP3, AAC, WAV, OGG or FLAC.`, { status: 422, cause });
    });
    if (!info.audio || !(info.durationSeconds > 0)) {
      throw new AppError('not_audio', 'That file has no sound to play: upload MP3, AAC, WAV, OGG or FLAC.', { status: 422 });
    }
    const { id, key } = await keepUpload(services, episodeId, local, EXTENSIONS.has(extension) ? extension : 'audio');
    return await services.db.transaction().execute(async (trx) => {
      const asset = await insertAsset(trx, {
        id,
        episode_id: episodeId,
        kind: 'music',
        filename: upload.filename.slice(0, 255) || 'music',
        content_type: upload.contentType.slice(0, 100),
        storage_key: key,
        duration: Number(info.durationSeconds.toFixed(3)),
        file_size: size,
        created_by: actor.userId,
      });
      await auditEpisodeAction(trx, actor, episodeId, 'asset.uploaded', { asset_id: id, filename: asset.filename, duration: asset.duration });
      return asset;
    });
  });
}

/** Largest character reference image. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The 413 for reference images; also used by the route when the declared length is over. */
export const imageTooLarge = () => payloadTooLarge(`Reference images may be at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB: upload a smaller picture.`);

const IMAGE_CODECS: Record<string, { extension: string; contentType: string }> = {
  png: { extension: 'png', contentType: 'image/png' },
  mjpeg: { extension: 'jpg', contentType: 'image/jpeg' },
  webp: { extension: 'webp', contentType: 'image/webp' },
};

/** The file extension for a picture of this content type (PNG unless JPEG or WebP). */
export function imageExtension(contentType: string): string {
  return Object.values(IMAGE_CODECS).find((format) => format.contentType === contentType)?.extension ?? 'png';
}

/**
 * Stores an uploaded reference image for one character and makes it the character's reference:
 * models that take reference images get it for every shot the character is in. Checked with
 * ffprobe: a PNG, JPEG or WebP still, 64 to 4096 pixels a side.
 */
export async function uploadCharacterImage(
  services: Services,
  episodeId: string,
  characterKey: string,
  upload: { filename: string; body: ReadableStream<Uint8Array> | null },
  actor: Actor,
): Promise<{ asset: Asset; character: Character }> {
  if (!(await findCharacter(services.db, episodeId, characterKey))) throw notFound('character', characterKey);
  const receive = { body: upload.body, what: 'image', maxBytes: MAX_IMAGE_BYTES, tooLarge: imageTooLarge };
  return withUpload(services, receive, async ({ local, size }) => {
    const notImage = (detail: string, cause?: unknown) => new AppError('not_an_image', `That file is not a usable reference image (${detail}): upload a PNG, JPEG or WebP picture.`, { status: 422, cause });
    const info = await probeMedia(local).catch((cause: Error) => {
      throw notImage(probeReason(cause), cause);
    });
    const format = info.video ? IMAGE_CODECS[info.video.codec] : undefined;
    if (!info.video || !format) throw notImage(info.video ? `${info.video.codec} pictures are not taken` : 'no picture in it');
    const { width, height } = info.video;
    if (Math.min(width, height) < 64 || Math.max(width, height) > 4096) throw notImage(`${width}×${height} pixels; 64 to 4096 a side`);
    const { id, key } = await keepUpload(services, episodeId, local, format.extension);
    return await services.db.transaction().execute(async (trx) => {
      const asset = await insertAsset(trx, {
        id,
        episode_id: episodeId,
        kind: 'character_image',
        character_key: characterKey,
        filename: upload.filename.slice(0, 255) || `${characterKey}.${format.extension}`,
        content_type: format.contentType,
        storage_key: key,
        duration: null,
        file_size: size,
        created_by: actor.userId,
      });
      const updated = await setCharacterReference(trx, episodeId, characterKey, id);
      await auditEpisodeAction(trx, actor, episodeId, 'character.reference_set', { character: characterKey, asset_id: id, width, height });
      return { asset, character: updated! };
    });
  });
}

/** Clears a character's reference image (the asset stays, for the takes that were made with it). */
export async function clearCharacterImage(services: Services, episodeId: string, characterKey: string, actor: Actor): Promise<Character> {
  return services.db.transaction().execute(async (trx) => {
    const updated = await setCharacterReference(trx, episodeId, characterKey, null);
    if (!updated) throw notFound('character', characterKey);
    await auditEpisodeAction(trx, actor, episodeId, 'character.reference_cleared', { character: characterKey });
    return updated;
  });
}
