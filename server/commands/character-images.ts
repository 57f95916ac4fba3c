/**
 * Characters' reference pictures made by an image model: each one is proposed (stored, shown,
 * not used), and a person approves the one that becomes the character's reference, which
 * image-to-video models then receive for every shot the character is in.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findAsset, insertAsset, listCharacterImages, setCharacterReference } from '../db/queries/asset.queries.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { findEpisode } from '../db/queries/episode.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import type { Asset, Character } from '../db/schema.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { isProviderError } from '../providers/errors.ts';
import type { ImageRequest } from '../providers/image.types.ts';
import type { Actor, Services } from './services.ts';

/** Pixels a side of a generated reference picture. */
export const REFERENCE_IMAGE_SIZE = 512;

/** The words an image model gets: who the character is and how they look, in the episode's style. */
export function referencePrompt(character: Pick<Character, 'name' | 'description' | 'visual_traits'>, style: string): string {
  const look = [character.description, ...character.visual_traits].filter(Boolean).join(', ');
  return [`Character reference picture of ${character.name}${look ? `: ${look}` : ''}.`, 'Full figure, facing the viewer, neutral pose, plain background.', style ? `Style: ${style}.` : '']
    .filter(Boolean)
    .join(' ');
}

async function characterOf(services: Services, episodeId: string, key: string): Promise<Character> {
  const character = (await findPlanRows(services.db, episodeId)).characters.find((entry) => entry.key === key);
  if (!character) throw notFound('character', key);
  return character;
}

/** Asks an image model for a picture of the character and stores it as a proposal. */
export async function proposeCharacterImage(
  services: Services,
  episodeId: string,
  key: string,
  input: { imageModel?: string; seed?: number },
  actor: Actor,
): Promise<Asset> {
  const episode = await findEpisode(services.db, episodeId);
  if (!episode) throw notFound('episode', episodeId);
  const character = await characterOf(services, episodeId, key);
  const provider = services.providers.image(input.imageModel ?? 'builtin');
  const request: ImageRequest = {
    prompt: referencePrompt(character, episode.style),
    size: REFERENCE_IMAGE_SIZE,
    seed: input.seed ?? Math.floor(Math.random() * 2 ** 31),
    character: { name: character.name, description: character.description, visualTraits: character.visual_traits, color: character.color },
    style: episode.style,
  };
  await mkdir(services.scratchDir, { recursive: true });
  const workDir = await mkdtemp(join(services.scratchDir, 'image-'));
  try {
    let result;
    try {
      result = await provider.generate(request, { workDir });
    } catch (error) {
      if (!isProviderError(error)) throw error;
      const status = error.kind === 'rate_limited' ? 429 : error.kind === 'retryable' ? 502 : 422;
      throw new AppError(error.kind === 'refused_by_policy' ? 'refused_by_policy' : 'image_model_failed', error.message, {
        status,
        details: { image_model: provider.id, kind: error.kind, ...(error.retryAfterMs !== undefined ? { retry_after_ms: error.retryAfterMs } : {}) },
      });
    }
    const id = randomUUID();
    const extension = result.mimeType === 'image/jpeg' ? 'jpg' : result.mimeType === 'image/webp' ? 'webp' : 'png';
    const storageKey = `uploads/${episodeId}/${id}.${extension}`;
    const { size } = await stat(result.path);
    await services.storage.putFile(storageKey, result.path, { move: true });
    return await services.db.transaction().execute(async (trx) => {
      const asset = await insertAsset(trx, {
        id,
        episode_id: episodeId,
        kind: 'character_image',
        character_key: key,
        provenance: JSON.stringify({ image_model: provider.id, ...result.provenance }),
        filename: `${key}-${provider.id}.${extension}`,
        content_type: result.mimeType,
        storage_key: storageKey,
        duration: null,
        file_size: size,
        created_by: actor.userId,
      });
      await auditEpisodeAction(trx, actor, episodeId, 'character.reference_proposed', { character: key, asset_id: id, image_model: provider.id, seed: request.seed });
      return asset;
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Makes a proposed (or earlier) picture of this character its reference. */
export async function approveCharacterImage(services: Services, episodeId: string, key: string, assetId: string, actor: Actor): Promise<Character> {
  await characterOf(services, episodeId, key);
  return services.db.transaction().execute(async (trx) => {
    const asset = await findAsset(trx, assetId);
    if (!asset || asset.episode_id !== episodeId || asset.kind !== 'character_image' || (asset.character_key !== null && asset.character_key !== key)) {
      throw validationError(`That picture is not one of ${key}'s.`, [{ path: 'asset_id', message: 'not a picture of this character' }]);
    }
    const updated = await setCharacterReference(trx, episodeId, key, assetId);
    await auditEpisodeAction(trx, actor, episodeId, 'character.reference_approved', { character: key, asset_id: assetId });
    return updated!;
  });
}

/** Every picture of the character, newest first, and which one is its reference. */
export async function characterImages(services: Services, episodeId: string, key: string) {
  const character = await characterOf(services, episodeId, key);
  const images = await listCharacterImages(services.db, episodeId, key);
  return { character, images };
}
