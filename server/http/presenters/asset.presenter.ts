/**
 * Whitelists what responses about uploaded files and character pictures carry: a media URL,
 * never a storage key.
 */
import type { AssetDto, CharacterImageDto, CharacterImageRequestDto } from '../../../src/lib/api/episodes.schema.ts';
import type { Asset, CharacterImageRequest } from '../../db/schema.ts';
import { mediaUrl } from '../../storage/storage.ts';

export function presentAsset(asset: Asset): AssetDto {
  return {
    id: asset.id,
    kind: asset.kind,
    filename: asset.filename,
    content_type: asset.content_type,
    duration: asset.duration,
    file_size: asset.file_size,
    url: mediaUrl(asset.storage_key),
    created_at: asset.created_at.toISOString(),
  };
}

/** A picture of a character; `referenceId` is the character's current reference, if any. */
export function presentCharacterImage(asset: Asset, referenceId: string | null): CharacterImageDto {
  return {
    id: asset.id,
    url: mediaUrl(asset.storage_key),
    filename: asset.filename,
    content_type: asset.content_type,
    provenance: asset.provenance,
    is_reference: asset.id === referenceId,
    created_at: asset.created_at.toISOString(),
  };
}

/** A request for a picture: queued, running, done (with the picture's `asset_id`), or failed with the model's reason. */
export function presentCharacterImageRequest(request: CharacterImageRequest): CharacterImageRequestDto {
  return {
    id: request.id,
    status: request.status,
    image_model: request.image_model,
    seed: request.seed,
    attempts: request.attempts,
    error: request.error_message ? { kind: request.error_kind, message: request.error_message } : null,
    asset_id: request.asset_id,
    created_at: request.created_at.toISOString(),
  };
}
