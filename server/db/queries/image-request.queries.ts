/**
 * Requests for a character picture from an image model (see commands/character-images.ts).
 */
import { sql, type Updateable } from 'kysely';
import type { Database } from '../database.ts';
import type { CharacterImageRequest, CharacterImageRequestsTable } from '../schema.ts';

export async function insertImageRequest(
  db: Database,
  row: { episode_id: string; character_key: string; image_model: string; seed: number; created_by: string | null },
): Promise<CharacterImageRequest> {
  return db.insertInto('character_image_requests').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findImageRequest(db: Database, id: string): Promise<CharacterImageRequest | undefined> {
  return db.selectFrom('character_image_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateImageRequest(db: Database, id: string, patch: Updateable<CharacterImageRequestsTable>): Promise<CharacterImageRequest | undefined> {
  return db
    .updateTable('character_image_requests')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** The character's requests under way, and those that ended in the last day (done or failed), newest first. */
export async function listRecentImageRequests(db: Database, episodeId: string, key: string): Promise<CharacterImageRequest[]> {
  return db
    .selectFrom('character_image_requests')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('character_key', '=', key)
    .where((eb) => eb.or([eb('status', 'in', ['queued', 'running']), eb('updated_at', '>', new Date(Date.now() - 86_400_000))]))
    .orderBy('created_at', 'desc')
    .execute();
}
