/**
 * Whitelists what an answer about a shot carries.
 */
import type { ShotTransitionDto } from '../../../src/lib/api/episodes.schema.ts';
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
    transition_in: presentShotTransition(shot),
    title_card: shot.title_card,
  };
}

/** The shot's own transition in, or null when the compile's applies. */
export function presentShotTransition(shot: Pick<Shot, 'transition_in' | 'transition_in_duration'>): ShotTransitionDto | null {
  if (!shot.transition_in) return null;
  return { style: shot.transition_in, ...(shot.transition_in_duration !== null && { duration_seconds: shot.transition_in_duration }) };
}
