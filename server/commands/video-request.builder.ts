/**
 * Builds what a video provider receives for one segment: the shot as the segment's parameters
 * say, its scene, and the episode's whole character sheet, so that every generation of a shot sees
 * the same characters and place. Also resolves the parameters the take is made with.
 */
import type { NewTakeInput } from '../db/queries/continuity.queries.ts';
import { takeInputsOf } from './continuity.ts';
import { findEpisode } from '../db/queries/episode.queries.ts';
import { findPlanRows } from '../db/queries/plan.queries.ts';
import type { Database } from '../db/database.ts';
import type { Character, Episode, Shot, VideoSegment } from '../db/schema.ts';
import type { CameraMove } from '../providers/planner.types.ts';
import { shotSizeOf } from '../providers/shot-size.ts';
import type { VideoRequest } from '../providers/video.types.ts';

/** The parameters of one take, as stored on its segment once it is generated. */
export interface ResolvedParams {
  prompt: string;
  style: string;
  duration: number;
  camera: CameraMove;
  seed: number;
  [extra: string]: unknown;
}

/**
 * A take's parameters: the shot and episode defaults, overridden by what the segment carries. A
 * take that moves the camera otherwise than planned loses the plan's camera sentence from its
 * prompt, so that a model is never told two moves at once. A shot's prompt suffix (from a
 * template) ends the prompt once; the template its settings came from is recorded as it was
 * when applied, so a later edit or deletion of the template does not change what the take says.
 */
export function resolveParams(episode: Episode, shot: Shot, segment: VideoSegment): ResolvedParams {
  const own = segment.generation_params as Partial<ResolvedParams>;
  const camera = own.camera ?? shot.camera;
  const planned = own.prompt ?? shot.prompt;
  const prompt = withSuffix(camera === shot.camera ? planned : withoutCameraSentence(planned, shot.camera_note), shot.prompt_suffix);
  const options = { ...(own.provider_options as Record<string, unknown> | undefined), ...shot.provider_options };
  return {
    ...own,
    prompt,
    style: own.style ?? shot.style ?? episode.style,
    duration: own.duration ?? shot.duration,
    camera,
    seed: segment.seed,
    ...(shot.prompt_suffix ? { prompt_suffix: shot.prompt_suffix } : {}),
    ...(Object.keys(options).length > 0 ? { provider_options: options } : {}),
    ...(shot.template_id && shot.template_name && shot.template_version
      ? { template: { id: shot.template_id, name: shot.template_name, version: shot.template_version } }
      : {}),
  };
}

/** The prompt ending with the suffix, never twice (a regenerated take carries its prompt). */
function withSuffix(prompt: string, suffix: string | null): string {
  if (!suffix || prompt.trimEnd().endsWith(suffix)) return prompt;
  return `${prompt.trimEnd()} ${suffix}`;
}

/**
 * The prompt without the sentence that describes the planned move (`Camera: slow push-in on
 * Ruby's face.`, `镜头：…。`, or the planned note standing as a sentence of its own); the prompt
 * as it is when no such sentence is found.
 */
export function withoutCameraSentence(prompt: string, plannedNote: string): string {
  const note = plannedNote.trim().replace(/[.!?…。！]*$/u, '').toLowerCase();
  if (!note) return prompt;
  const sentences = prompt.match(/[^.!?。！]+[.!?。！]*\s*/gu) ?? [prompt];
  const kept = sentences.filter((sentence) => {
    const text = sentence.trim().toLowerCase();
    return !(text.includes(note) && (/^(camera:|镜头：)/u.test(text) || text.replace(/[.!?。！]*$/u, '') === note));
  });
  return kept.length === sentences.length ? prompt : kept.join('').trim();
}

export async function buildVideoRequest(
  db: Database,
  segment: VideoSegment,
): Promise<{ request: VideoRequest; params: ResolvedParams; inputs: NewTakeInput[]; characters: Character[] } | undefined> {
  const episode = await findEpisode(db, segment.episode_id);
  if (!episode) return undefined;
  const plan = await findPlanRows(db, episode.id);
  const shot = plan.shots.find((row) => row.id === segment.shot_id);
  const scene = shot && plan.scenes.find((row) => row.id === shot.scene_id);
  if (!shot || !scene) return undefined;
  const params = resolveParams(episode, shot, segment);
  const request: VideoRequest = {
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
      prompt: params.prompt,
      camera: params.camera,
      cameraNote: shot.camera_note,
      size: shotSizeOf({ prompt: params.prompt, cameraNote: shot.camera_note }),
      duration: params.duration,
      characterKeys: shot.character_keys,
      dialogue: shot.dialogue,
      ...(shot.title_card ? { titleCard: shot.title_card } : {}),
    },
    characters: plan.characters.map((character) => ({
      key: character.key,
      name: character.name,
      description: character.description,
      visualTraits: character.visual_traits,
      color: character.color,
      ...(character.reference_asset_url ? { referenceImage: character.reference_asset_url } : {}),
    })),
    ...(typeof params.character_prompt === 'string' && params.character_prompt ? { characterPrompt: params.character_prompt } : {}),
    ...(params.provider_options ? { providerOptions: params.provider_options as Record<string, string | number | boolean> } : {}),
    style: params.style,
    seed: params.seed,
    width: episode.width,
    height: episode.height,
    fps: episode.fps,
  };
  return { request, params, inputs: takeInputsOf(plan.characters, shot, scene), characters: plan.characters };
}
