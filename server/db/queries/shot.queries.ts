/**
 * Shots: lookups and the edits made before generation.
 */
import type { Database } from '../database.ts';
import type { DialogueLine, Shot } from '../schema.ts';

/** An episode's shots by id or segment number (those that exist in it; others are left out). */
export async function findEpisodeShots(db: Database, episodeId: string, by: { ids?: string[]; numbers?: number[] }): Promise<Shot[]> {
  let query = db.selectFrom('shots').selectAll().where('episode_id', '=', episodeId);
  if (by.ids) query = query.where('id', 'in', by.ids.length > 0 ? by.ids : ['00000000-0000-0000-0000-000000000000']);
  if (by.numbers) query = query.where('shot_number', 'in', by.numbers.length > 0 ? by.numbers : [-1]);
  return query.orderBy('shot_number').execute();
}

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
  prompt_suffix?: string | null;
  provider_options?: Record<string, string | number | boolean>;
  template_id?: string | null;
  template_name?: string | null;
  template_version?: number | null;
}

export async function updateShot(db: Database, id: string, changes: ShotChanges): Promise<Shot> {
  const { character_keys, dialogue, provider_options, ...plain } = changes;
  return db
    .updateTable('shots')
    .set({
      ...plain,
      ...(character_keys !== undefined && { character_keys: JSON.stringify(character_keys) }),
      ...(dialogue !== undefined && { dialogue: JSON.stringify(dialogue) }),
      ...(provider_options !== undefined && { provider_options: JSON.stringify(provider_options) }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
