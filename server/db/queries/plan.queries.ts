/**
 * Writes a plan (characters, scenes, shots, and a first pending segment per shot) and reads it back.
 */
import type { EpisodePlan } from '../../providers/planner.types.ts';
import type { Database } from '../database.ts';
import type { Character, Scene, Shot } from '../schema.ts';

/** Inserts the plan's rows for an episode that has none yet. Call inside a transaction. */
export async function insertPlanRows(
  db: Database,
  episodeId: string,
  plan: EpisodePlan,
  generation: { seed: number; style: string; provider: string },
): Promise<void> {
  if (plan.characters.length > 0) {
    await db
      .insertInto('characters')
      .values(
        plan.characters.map((character, index) => ({
          episode_id: episodeId,
          key: character.key,
          name: character.name,
          description: character.description,
          visual_traits: JSON.stringify(character.visualTraits),
          color: character.color,
          reference_asset_url: null,
          position: index + 1,
        })),
      )
      .execute();
  }
  let shotNumber = 0;
  for (const scene of plan.scenes) {
    const sceneRow = await db
      .insertInto('scenes')
      .values({
        episode_id: episodeId,
        scene_number: scene.number,
        heading: scene.heading,
        location: scene.location,
        location_description: scene.locationDescription,
        time_of_day: scene.timeOfDay,
        summary: scene.summary,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const shot of scene.shots) {
      shotNumber += 1;
      const shotRow = await db
        .insertInto('shots')
        .values({
          episode_id: episodeId,
          scene_id: sceneRow.id,
          shot_number: shotNumber,
          number_in_scene: shot.number,
          prompt: shot.prompt,
          camera: shot.camera,
          camera_note: shot.cameraNote,
          duration: shot.duration,
          character_keys: JSON.stringify(shot.characters),
          dialogue: JSON.stringify(shot.dialogue),
          position: shotNumber,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('video_segments')
        .values({
          episode_id: episodeId,
          shot_id: shotRow.id,
          segment_number: shotNumber,
          provider: generation.provider,
          // Each slot gets its own seed, derived from the episode's, so re-planning is reproducible.
          seed: (generation.seed * 1009 + shotNumber * 7919) % 2_147_483_647,
          // Overrides only: a take resolves its parameters from the shot when it is generated.
          generation_params: JSON.stringify({}),
        })
        .execute();
    }
  }
}

export interface EpisodePlanRows {
  characters: Character[];
  scenes: Scene[];
  shots: Shot[];
}

/** The episode's characters, scenes and shots, in their natural order (shots by compile position). */
export async function findPlanRows(db: Database, episodeId: string): Promise<EpisodePlanRows> {
  const [characters, scenes, shots] = await Promise.all([
    db.selectFrom('characters').selectAll().where('episode_id', '=', episodeId).orderBy('position').execute(),
    db.selectFrom('scenes').selectAll().where('episode_id', '=', episodeId).orderBy('scene_number').execute(),
    db.selectFrom('shots').selectAll().where('episode_id', '=', episodeId).orderBy('position').orderBy('shot_number').execute(),
  ]);
  return { characters, scenes, shots };
}

/** One character of the episode, by key. */
export async function findCharacter(db: Database, episodeId: string, key: string): Promise<Character | undefined> {
  return db.selectFrom('characters').selectAll().where('episode_id', '=', episodeId).where('key', '=', key).executeTakeFirst();
}

/** True when the episode already has shots (a plan was stored). */
export async function hasPlan(db: Database, episodeId: string): Promise<boolean> {
  const row = await db.selectFrom('shots').select('id').where('episode_id', '=', episodeId).limit(1).executeTakeFirst();
  return row !== undefined;
}
