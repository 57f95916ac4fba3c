/**
 * Builds what a video provider receives for one segment: the shot, its scene, and the episode's
 * whole character sheet, so that every generation of a shot sees the same characters and place.
 */
import { findEpisode } from '../db/queries/episode.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import type { Database } from '../db/database.ts';
import type { VideoSegment } from '../db/schema.ts';
import type { VideoRequest } from '../providers/video.types.ts';

export async function buildVideoRequest(db: Database, segment: VideoSegment): Promise<VideoRequest | undefined> {
  const episode = await findEpisode(db, segment.episode_id);
  if (!episode) return undefined;
  const plan = await findPlanRows(db, episode.id);
  const shot = plan.shots.find((row) => row.id === segment.shot_id);
  const scene = shot && plan.scenes.find((row) => row.id === shot.scene_id);
  if (!shot || !scene) return undefined;
  const params = segment.generation_params as { prompt?: string; style?: string; duration?: number };
  return {
    episodeTitle: episode.title,
    scene: {
      number: scene.scene_number,
      heading: scene.heading,
      location: scene.location,
      locationDescription: scene.location_description,
      timeOfDay: scene.time_of_day,
    },
    shot: {
      number: shot.number_in_scene,
      prompt: params.prompt ?? shot.prompt,
      camera: shot.camera,
      cameraNote: shot.camera_note,
      duration: params.duration ?? shot.duration,
      characterKeys: shot.character_keys,
      dialogue: shot.dialogue,
    },
    characters: plan.characters.map((character) => ({
      key: character.key,
      name: character.name,
      description: character.description,
      visualTraits: character.visual_traits,
      color: character.color,
      ...(character.reference_asset_url ? { referenceImage: character.reference_asset_url } : {}),
    })),
    style: params.style ?? shot.style ?? episode.style,
    seed: segment.seed,
    width: episode.width,
    height: episode.height,
    fps: episode.fps,
  };
}
