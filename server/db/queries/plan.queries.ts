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
  // A few statements whatever the plan's size: every scene, then every shot, then a first take
  // for each, in chunks that stay under Postgres's limit on parameters per statement.
  const sceneRows = await inChunks(plan.scenes.map((scene) => ({
    episode_id: episodeId,
    scene_number: scene.number,
    heading: scene.heading,
    location: scene.location,
    location_description: scene.locationDescription,
    time_of_day: scene.timeOfDay,
    summary: scene.summary,
  })), (chunk) => db.insertInto('scenes').values(chunk).returning(['id', 'scene_number as number']).execute());
  const sceneIds = new Map(sceneRows.map((row) => [row.number, row.id]));
  const shots = plan.scenes.flatMap((scene) => scene.shots.map((shot) => ({ shot, sceneId: sceneIds.get(scene.number)! })));
  const shotRows = await inChunks(shots.map(({ shot, sceneId }, index) => ({
    episode_id: episodeId,
    scene_id: sceneId,
    shot_number: index + 1,
    number_in_scene: shot.number,
    prompt: shot.prompt,
    camera: shot.camera,
    camera_note: shot.cameraNote,
    duration: shot.duration,
    character_keys: JSON.stringify(shot.characters),
    dialogue: JSON.stringify(shot.dialogue),
    position: index + 1,
    transition_in: shot.transitionIn?.style ?? null,
    transition_in_duration: shot.transitionIn?.durationSeconds ?? null,
    title_card: shot.titleCard ?? null,
  })), (chunk) => db.insertInto('shots').values(chunk).returning(['id', 'shot_number as number']).execute());
  await inChunks(shotRows.map((shotRow, index) => {
    const shotNumber = index + 1;
    return {
      episode_id: episodeId,
      shot_id: shotRow.id,
      segment_number: shotNumber,
      provider: generation.provider,
      // Each slot gets its own seed, derived from the episode's, so re-planning is reproducible.
      seed: (generation.seed * 1009 + shotNumber * 7919) % 2_147_483_647,
      // Overrides only: a take resolves its parameters from the shot when it is generated.
      generation_params: JSON.stringify({}),
    };
  }), (chunk) => db.insertInto('video_segments').values(chunk).returning(['id', 'segment_number as number']).execute());
}

/** Rows per insert: 1000 rows of a dozen columns stay well under the 65535 parameters a statement may carry. */
const CHUNK = 1000;

/**
 * Runs `insert` over the rows in chunks and answers the inserted ids in the order of the rows'
 * numbers (scene, shot or segment number, unique in the episode, and ascending in the list).
 */
async function inChunks<R>(rows: R[], insert: (chunk: R[]) => Promise<{ id: string; number: number }[]>): Promise<{ id: string; number: number }[]> {
  const inserted: { id: string; number: number }[] = [];
  for (let start = 0; start < rows.length; start += CHUNK) inserted.push(...(await insert(rows.slice(start, start + CHUNK))));
  return inserted.sort((a, b) => a.number - b.number);
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

/** Changes a character's name or looks (a trigger bumps its looks version when the looks change). */
export async function updateCharacter(db: Database, id: string, changes: { name?: string; description?: string; visual_traits?: string[] }): Promise<Character> {
  const { visual_traits, ...rest } = changes;
  return db
    .updateTable('characters')
    .set({ ...rest, ...(visual_traits !== undefined && { visual_traits: JSON.stringify(visual_traits) }), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One scene of the episode, by number, locked until the transaction ends. */
export async function lockScene(db: Database, episodeId: string, number: number): Promise<Scene | undefined> {
  return db.selectFrom('scenes').selectAll().where('episode_id', '=', episodeId).where('scene_number', '=', number).forUpdate().executeTakeFirst();
}

/** Changes a scene's heading or set (a trigger bumps its set version when the set changes). */
export async function updateScene(db: Database, id: string, changes: { heading?: string; location?: string; location_description?: string; time_of_day?: string }): Promise<Scene> {
  return db.updateTable('scenes').set({ ...changes, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** True when the episode already has shots (a plan was stored). */
export async function hasPlan(db: Database, episodeId: string): Promise<boolean> {
  const row = await db.selectFrom('shots').select('id').where('episode_id', '=', episodeId).limit(1).executeTakeFirst();
  return row !== undefined;
}
