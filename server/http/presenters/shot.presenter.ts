/**
 * Whitelists what an answer about a shot carries.
 */
import type { ShotPatchedDto } from '../../../src/lib/api/segments.schema.ts';
import type { Shot } from '../../db/schema.ts';

export function presentShot(shot: Shot): ShotPatchedDto {
  return {
    id: shot.id,
    shot_number: shot.shot_number,
    prompt: shot.prompt,
    style: shot.style,
    duration: shot.duration,
    camera: shot.camera,
    camera_note: shot.camera_note,
    characters: shot.character_keys,
    dialogue: shot.dialogue,
  };
}
