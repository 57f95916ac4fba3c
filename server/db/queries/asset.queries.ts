/**
 * Uploaded assets (background music).
 */
import type { Database } from '../database.ts';
import type { Asset } from '../schema.ts';

export async function insertAsset(
  db: Database,
  values: {
    id: string;
    episode_id: string;
    kind: Asset['kind'];
    character_key?: string | null;
    provenance?: string | null;
    filename: string;
    content_type: string;
    storage_key: string;
    duration: number | null;
    file_size: number;
    created_by: string | null;
  },
): Promise<Asset> {
  return db.insertInto('assets').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findAsset(db: Database, id: string): Promise<Asset | undefined> {
  return db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAssets(db: Database, episodeId: string, kind: Asset['kind'] = 'music'): Promise<Asset[]> {
  return db.selectFrom('assets').selectAll().where('episode_id', '=', episodeId).where('kind', '=', kind).orderBy('created_at', 'desc').execute();
}

/** Sets (or, with null, clears) a character's reference image. */
export async function setCharacterReference(db: Database, episodeId: string, key: string, assetId: string | null) {
  return db
    .updateTable('characters')
    .set({ reference_asset_id: assetId, updated_at: new Date() })
    .where('episode_id', '=', episodeId)
    .where('key', '=', key)
    .returningAll()
    .executeTakeFirst();
}

/** The reference images of an episode's characters, by character key. */
export async function listCharacterReferences(db: Database, episodeId: string) {
  return db
    .selectFrom('characters as c')
    .innerJoin('assets as a', 'a.id', 'c.reference_asset_id')
    .select(['c.key', 'a.id as asset_id', 'a.storage_key', 'a.content_type'])
    .where('c.episode_id', '=', episodeId)
    .execute();
}

/** A character's pictures (uploaded or proposed by an image model), newest first. */
export async function listCharacterImages(db: Database, episodeId: string, key: string): Promise<Asset[]> {
  return db
    .selectFrom('assets')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('kind', '=', 'character_image')
    .where('character_key', '=', key)
    .orderBy('created_at', 'desc')
    .execute();
}
