/**
 * /api/v1/episodes/{id}/assets: upload background music (the raw file as the body) and list it;
 * /api/v1/episodes/{id}/characters/{key}/reference: a character's reference image.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { approveCharacterImage, characterImages, requestCharacterImage } from '../../commands/character-images.ts';
import { clearCharacterImage, imageTooLarge, MAX_IMAGE_BYTES, MAX_UPLOAD_BYTES, musicTooLarge, uploadCharacterImage, uploadMusic } from '../../commands/assets.ts';
import { listAssets } from '../../db/queries/asset.queries.ts';
import { approveCharacterImageBody, characterImageProposalBody } from '../../../src/lib/api/episodes.schema.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint } from '../endpoint.ts';
import { presentAsset, presentCharacterImage, presentCharacterImageRequest } from '../presenters/asset.presenter.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

const uploadQuery = z.strictObject({
  kind: z.literal('music').default('music'),
  filename: z.string().trim().min(1).max(255).regex(/^[^/\\\0]+$/, 'must be a plain file name'),
});

const imageQuery = z.strictObject({
  filename: z.string().trim().min(1).max(255).regex(/^[^/\\\0]+$/, 'must be a plain file name').optional(),
});


export function assetsRoutes({ services }: RouteDeps) {
  const { db } = services;
  return new Hono<AppEnv>()
    .post('/:id/assets', endpoint(db, { rule: { kind: 'episode', permission: 'episode.compile', id: 'episode' }, summary: 'Upload background music (the file is the body; ?filename=…)', success: 201 }), async (c: Context<AppEnv>) => {
      const query = parseWith(uploadQuery, c.req.query());
      if (Number(c.req.header('content-length') ?? 0) > MAX_UPLOAD_BYTES) throw musicTooLarge();
      const asset = await uploadMusic(
        services,
        c.get('episodeId'),
        { filename: query.filename, contentType: c.req.header('content-type') ?? 'application/octet-stream', body: c.req.raw.body },
        c.get('actor'),
      );
      return c.json(presentAsset(asset), 201);
    })
    .get('/:id/assets', endpoint(db, { rule: { kind: 'episode', permission: 'episode.read', id: 'episode' }, summary: 'The episode’s uploaded music' }), async (c) =>
      c.json({ assets: (await listAssets(db, c.get('episodeId'))).map(presentAsset) }),
    )
    .put('/:id/characters/:key/reference', endpoint(db, { rule: { kind: 'episode', permission: 'episode.plan', id: 'episode' }, summary: 'Set a character’s reference image (PNG, JPEG or WebP as the body), sent to models that take images' }), async (c: Context<AppEnv>) => {
      if (Number(c.req.header('content-length') ?? 0) > MAX_IMAGE_BYTES) throw imageTooLarge();
      const { filename } = parseWith(imageQuery, c.req.query());
      const { asset, character } = await uploadCharacterImage(
        services,
        c.get('episodeId'),
        c.req.param('key')!,
        { filename: filename ?? '', body: c.req.raw.body },
        c.get('actor'),
      );
      return c.json({ character: character.key, reference_image: presentAsset(asset) });
    })
    .get('/:id/characters/:key/images', endpoint(db, { rule: { kind: 'episode', permission: 'episode.read', id: 'episode' }, summary: 'A character’s pictures, uploaded or proposed by an image model, and which is its reference' }), async (c: Context<AppEnv>) => {
      const { character, images, requests } = await characterImages(services, c.get('episodeId'), c.req.param('key')!);
      return c.json({ character: character.key, images: images.map((image) => presentCharacterImage(image, character.reference_asset_id)), requests: requests.map(presentCharacterImageRequest) });
    })
    .post('/:id/characters/:key/images', endpoint(db, { rule: { kind: 'episode', permission: 'episode.plan', id: 'episode' }, summary: 'Ask an image model for a picture of the character: queued for the worker; the picture is a proposal, not yet its reference', body: characterImageProposalBody, success: 202 }), async (c: Context<AppEnv>) => {
      const body = bodyOf(c, characterImageProposalBody);
      const request = await requestCharacterImage(
        services,
        c.get('episodeId'),
        c.req.param('key')!,
        { ...(body.image_model ? { imageModel: body.image_model } : {}), ...(body.seed !== undefined ? { seed: body.seed } : {}) },
        c.get('actor'),
      );
      return c.json(presentCharacterImageRequest(request), 202);
    })
    .post('/:id/characters/:key/reference/approve', endpoint(db, { rule: { kind: 'episode', permission: 'episode.plan', id: 'episode' }, summary: 'Make one of the character’s pictures its reference', body: approveCharacterImageBody }), async (c: Context<AppEnv>) => {
      const { asset_id: assetId } = bodyOf(c, approveCharacterImageBody);
      const character = await approveCharacterImage(services, c.get('episodeId'), c.req.param('key')!, assetId, c.get('actor'));
      return c.json({ character: character.key, reference_asset_id: character.reference_asset_id });
    })
    .delete('/:id/characters/:key/reference', endpoint(db, { rule: { kind: 'episode', permission: 'episode.plan', id: 'episode' }, summary: 'Clear a character’s reference image' }), async (c: Context<AppEnv>) => {
      const character = await clearCharacterImage(services, c.get('episodeId'), c.req.param('key')!, c.get('actor'));
      return c.json({ character: character.key, reference_image: null });
    });
}
