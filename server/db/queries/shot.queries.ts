/**
 * Shots: lookups and the edits made before generation.
 */
import type { Database } from '../database.ts';
import type { DialogueLine, Shot } from '../schema.ts';

export async function findShot(db: Database, id: string): Promise<Shot | undefined> {
  return db.selectFrom('shots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setShotPosition(db: Database, episodeId: string, shotNumber: number, position: number): Promise<void> {
  await db.updateTable('shots').set({ position }).where('episode_id', '=', episodeId).where('shot_number', '=', shotNumber).execute();
}

export interface ShotChanges {
  prompt?: string;
  style?: string | null;
  duration?: number;
  camera?: Shot['camera'];
  camera_note?: string;
  character_keys?: string[];
  dialogue?: DialogueLine[];
  transition_in?: Shot['transition_in'];
  transition_in_duration?: number | null;
}

export async function updateShot(db: Database, id: string, changes: ShotChanges): Promise<Shot> {
  const { character_keys, dialogue, ...plain } = changes;
  return db
    .updateTable('shots')
    .set({
      ...plain,
      ...(character_keys !== undefined && { character_keys: JSON.stringify(character_keys) }),
      ...(dialogue !== undefined && { dialogue: JSON.stringify(dialogue) }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
