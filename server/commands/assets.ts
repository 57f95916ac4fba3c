/**
 * Uploading background music for compiles. The file is checked with ffprobe before anything is
 * stored: it must carry an audio stream and last more than nothing. A refused upload leaves no
 * file and no row.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { insertAsset } from '../db/queries/asset.queries.ts';
import { insertAuditEvent } from '../db/queries/audit.queries.ts';
import type { Asset } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { probeMedia } from '../media/probe.ts';
import type { Actor, Services } from './services.ts';

/** Largest music upload. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const EXTENSIONS = new Set(['mp3', 'm4a', 'aac', 'wav', 'ogg', 'oga', 'opus', 'flac']);

const tooLarge = () => new AppError('payload_too_large', `Music files may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, { status: 413 });

/** Stores an uploaded music file for an episode after checking that it is audio. */
export async function uploadMusic(
  services: Services,
  episodeId: string,
  upload: { filename: string; contentType: string; body: ReadableStream<Uint8Array> | null },
  actor: Actor,
): Promise<Asset> {
  if (!upload.body) throw new AppError('validation_failed', 'Send the music file as the request body.', { status: 400 });
  const extension = upload.filename.split('.').pop()?.toLowerCase() ?? '';
  await mkdir(services.scratchDir, { recursive: true });
  const workDir = await mkdtemp(join(services.scratchDir, 'upload-'));
  try {
    const local = join(workDir, 'upload');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        done(size > MAX_UPLOAD_BYTES ? tooLarge() : null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(upload.body as import('node:stream/web').ReadableStream<Uint8Array>), counter, createWriteStream(local));
    if (size === 0) throw new AppError('validation_failed', 'The music file is empty.', { status: 400 });
    const info = await probeMedia(local).catch((cause: Error) => {
      throw new AppError('not_audio', `That file is not audio we can read (${cause.message.split('\n')[0]}): upload MP3, AAC, WAV, OGG or FLAC.`, { status: 422, cause });
    });
    if (!info.audio || !(info.durationSeconds > 0)) {
      throw new AppError('not_audio', 'That file has no sound to play: upload MP3, AAC, WAV, OGG or FLAC.', { status: 422 });
    }
    const id = randomUUID();
    const key = `uploads/${episodeId}/${id}.${EXTENSIONS.has(extension) ? extension : 'audio'}`;
    await services.storage.putFile(key, local, { move: true });
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
      await insertAuditEvent(trx, {
        action: 'asset.uploaded',
        episode_id: episodeId,
        actor_user_id: actor.userId,
        actor_name: actor.name,
        ip: actor.ip ?? null,
        details: { asset_id: id, filename: asset.filename, duration: asset.duration },
      });
      return asset;
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
