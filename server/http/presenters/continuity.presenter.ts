/**
 * The cast and sets as an edit returns them, with the takes the edit left stale.
 */
import type { CharacterEditedDto, SceneEditedDto } from '../../../src/lib/api/continuity.schema.ts';
import type { StaleAfterEdit } from '../../commands/cast-and-sets.ts';
import type { Character, Scene } from '../../db/schema.ts';

export function presentEditedCharacter(character: Character, stale: StaleAfterEdit[]): CharacterEditedDto {
  return {
    character: {
      id: character.id,
      key: character.key,
      name: character.name,
      description: character.description,
      visual_traits: character.visual_traits,
      color: character.color,
      looks_version: character.looks_version,
      reference_asset_id: character.reference_asset_id,
    },
    stale_takes: stale,
  };
}

export function presentEditedScene(scene: Scene, stale: StaleAfterEdit[]): SceneEditedDto {
  return {
    scene: {
      id: scene.id,
      scene_number: scene.scene_number,
      heading: scene.heading,
      location: scene.location,
      location_description: scene.location_description,
      time_of_day: scene.time_of_day,
      set_version: scene.set_version,
    },
    stale_takes: stale,
  };
}
