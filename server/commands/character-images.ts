/**
 * Characters' reference pictures made by an image model: each one is requested (run by the
 * worker), proposed (stored, shown, not used), and a person approves the one that becomes the
 * character's reference, which image-to-video models then receive for every shot the character is in.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { findAsset, insertAsset, listCharacterImages, setCharacterReference } from '../db/queries/asset.queries.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { findImageRequest, insertImageRequest, listRecentImageRequests, updateImageRequest } from '../db/queries/image-request.queries.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { findEpisode, withEpisodeLock } from '../db/queries/episode.queries.ts';
import { findCharacter } from '../db/queries/plan.queries.ts';
import type { Character, CharacterImageRequest } from '../db/schema.ts';
import { notFound, validationError } from '../errors.ts';
import { isProviderError, ProviderError } from '../providers/errors.ts';
import type { ImageRequest } from '../providers/image.types.ts';
import { imageExtension } from './assets.ts';
import { retryDelayMs } from './segment-queue.ts';
import { assertAccountQuota } from './account-quotas.ts';
import { publicMessage } from './public-message.ts';
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
  const character = await findCharacter(services.db, episodeId, key);
  if (!character) throw notFound('character', key);
  return character;
}

/**
 * Asks an image model for a picture of the character: the request is stored and queued for the
 * worker (a remote model may take tens of seconds), and answered at once. The model and the
 * character are checked here, so a request that cannot run is refused before it is queued.
 */
export async function requestCharacterImage(
  services: Services,
  episodeId: string,
  key: string,
  input: { imageModel?: string; seed?: number },
  actor: Actor,
): Promise<CharacterImageRequest> {
  const episode = await findEpisode(services.db, episodeId);
  if (!episode) throw notFound('episode', episodeId);
  await characterOf(services, episodeId, key);
  const provider = services.providers.image(input.imageModel ?? 'builtin');
  const seed = input.seed ?? Math.floor(Math.random() * 2 ** 31);
  // The episode row first, as every workflow write locks it, then the account's quota.
  return withEpisodeLock(services.db, episodeId, async (trx) => {
    await assertAccountQuota(services, trx, 'pictureRequests', actor);
    const request = await insertImageRequest(trx, { episode_id: episodeId, character_key: key, image_model: provider.id, seed, created_by: actor.userId });
    await addJob(trx, 'propose_character_image', { requestId: request.id, attempt: 1 }, { jobKey: `image:${request.id}`, maxAttempts: 3 });
    await auditEpisodeAction(trx, actor, episodeId, 'character.reference_requested', { character: key, request_id: request.id, image_model: provider.id, seed });
    return request;
  });
}

/**
 * Runs one request (the `propose_character_image` job): the picture is stored as a proposal, not
 * yet the reference. A passing failure (rate limit, a failing service) is tried again later, up to
 * the engine's attempts; any other ends the request with the model's reason.
 */
export async function runCharacterImageRequest(services: Services, requestId: string, attempt: number): Promise<void> {
  const { db } = services;
  const row = await findImageRequest(db, requestId);
  if (!row || row.status === 'done' || row.status === 'failed') return;
  const episode = await findEpisode(db, row.episode_id);
  const character = episode ? await findCharacter(db, row.episode_id, row.character_key) : undefined;
  if (!episode || !character) {
    await updateImageRequest(db, requestId, { status: 'failed', error_kind: 'invalid_input', error_message: 'The character is no longer in the episode.' });
    return;
  }
  await updateImageRequest(db, requestId, { status: 'running', attempts: attempt });
  const provider = services.providers.image(row.image_model);
  const request: ImageRequest = {
    prompt: referencePrompt(character, episode.style),
    size: REFERENCE_IMAGE_SIZE,
    seed: row.seed,
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
      const failure = isProviderError(error) ? error : new ProviderError('retryable', provider.id, (error as Error).message, { cause: error });
      const delay = retryDelayMs(services, failure, attempt);
      if (delay !== undefined) {
        await db.transaction().execute(async (trx) => {
          await updateImageRequest(trx, requestId, { status: 'queued', error_kind: failure.kind, error_message: publicMessage(services, `Attempt ${attempt} failed (${failure.message}); trying again.`) });
          const runAt = new Date(Date.now() + delay);
          await addJob(trx, 'propose_character_image', { requestId, attempt: attempt + 1 }, { jobKey: `image:${requestId}`, maxAttempts: 3, runAt });
        });
        return;
      }
      await updateImageRequest(db, requestId, { status: 'failed', error_kind: failure.kind, error_message: publicMessage(services, failure.message) });
      return;
    }
    const id = randomUUID();
    const extension = imageExtension(result.mimeType);
    const storageKey = `uploads/${row.episode_id}/${id}.${extension}`;
    const { size } = await stat(result.path);
    await services.storage.putFile(storageKey, result.path, { move: true });
    await db.transaction().execute(async (trx) => {
      await insertAsset(trx, {
        id,
        episode_id: row.episode_id,
        kind: 'character_image',
        character_key: row.character_key,
        provenance: JSON.stringify({ image_model: provider.id, ...result.provenance }),
        filename: `${row.character_key}-${provider.id}.${extension}`,
        content_type: result.mimeType,
        storage_key: storageKey,
        duration: null,
        file_size: size,
        created_by: row.created_by,
      });
      await updateImageRequest(trx, requestId, { status: 'done', asset_id: id, error_kind: null, error_message: null });
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

/** Every picture of the character, newest first, which one is its reference, and its requests under way or ended in the last day. */
export async function characterImages(services: Services, episodeId: string, key: string) {
  const character = await characterOf(services, episodeId, key);
  const [images, requests] = await Promise.all([listCharacterImages(services.db, episodeId, key), listRecentImageRequests(services.db, episodeId, key)]);
  return { character, images, requests };
}
