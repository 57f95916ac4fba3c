/**
 * /api/v1/episodes/{id}/assets: upload background music (the raw file as the body) and list it.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { actorOf } from '../../auth/principal.ts';
import { MAX_UPLOAD_BYTES, uploadMusic } from '../../commands/assets.ts';
import { listAssets } from '../../db/queries/asset.queries.ts';
import type { Asset } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { mediaUrl } from '../../storage/storage.ts';
import type { AppEnv } from '../context.ts';
import { endpoint } from '../endpoint.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

const uploadQuery = z.strictObject({
  kind: z.literal('music').default('music'),
  filename: z.string().trim().min(1).max(255).regex(/^[^/\\\0]+$/, 'must be a plain file name'),
});

const present = (asset: Asset) => ({
  id: asset.id,
  kind: asset.kind,
  filename: asset.filename,
  content_type: asset.content_type,
  duration: asset.duration,
  file_size: asset.file_size,
  url: mediaUrl(asset.storage_key),
  created_at: asset.created_at.toISOString(),
});

export function assetsRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .post('/:id/assets', endpoint(db, { rule: { kind: 'episode', permission: 'episode.compile', id: 'episode' }, summary: 'Upload background music (the file is the body; ?filename=…)', success: 201 }), async (c: Context<AppEnv>) => {
      const query = parseWith(uploadQuery, c.req.query());
      if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) {
        throw new AppError('payload_too_large', `Music files may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`, { status: 413 });
      }
      const asset = await uploadMusic(
        services,
        c.get('episodeId'),
        { filename: query.filename, contentType: c.req.header('content-type') ?? 'application/octet-stream', body: c.req.raw.body },
        { ...actorOf(c.get('principal')), ip: c.get('ip') },
      );
      return c.json(present(asset), 201);
    })
    .get('/:id/assets', endpoint(db, { rule: { kind: 'episode', permission: 'episode.read', id: 'episode' }, summary: 'The episode’s uploaded music' }), async (c) =>
      c.json({ assets: (await listAssets(db, c.get('episodeId'))).map(present) }),
    );
}
