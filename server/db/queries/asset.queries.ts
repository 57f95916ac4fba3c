/**
 * Uploaded assets (background music).
 */
import type { Database } from '../database.ts';
import type { Asset } from '../schema.ts';

export async function insertAsset(
  db: Database,
  values: { id: string; episode_id: string; kind: 'music'; filename: string; content_type: string; storage_key: string; duration: number; file_size: number; created_by: string | null },
): Promise<Asset> {
  return db.insertInto('assets').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findAsset(db: Database, id: string): Promise<Asset | undefined> {
  return db.selectFrom('assets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAssets(db: Database, episodeId: string): Promise<Asset[]> {
  return db.selectFrom('assets').selectAll().where('episode_id', '=', episodeId).orderBy('created_at', 'desc').execute();
}
