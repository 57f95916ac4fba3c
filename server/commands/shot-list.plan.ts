/**
 * Turns a shot list given as JSON into a plan: consecutive shots under one heading form a scene;
 * every name a shot mentions becomes a character (with a fixed colour) unless the list's
 * character sheet already has it.
 */
import type { CharacterSheetInput, ShotListItem } from '../../src/lib/api/episodes.schema.ts';
import { paletteColour } from '../providers/builtin/planner/palette.ts';
import { uniqueKey } from '../providers/builtin/planner/text-utils.ts';
import type { EpisodePlan, PlannedCharacter, PlannedScene } from '../providers/planner.types.ts';

function locationOf(heading: string): { location: string; timeOfDay: string } {
  const match = /^(?:INT\.?\/EXT\.?|INT\.?|EXT\.?|EST\.?|I\/E\.?)?\s*(.*?)(?:\s+-\s+([^-]+))?$/i.exec(heading.trim());
  return { location: match?.[1]?.trim() || heading.trim(), timeOfDay: match?.[2]?.trim().toUpperCase() ?? '' };
}

export function planFromShotList(shots: ShotListItem[], sheet: CharacterSheetInput[], title: string): EpisodePlan {
  const taken = new Set<string>();
  const byName = new Map<string, PlannedCharacter>();
  const add = (input: CharacterSheetInput) => {
    if (byName.has(input.name.toLowerCase())) return;
    const character: PlannedCharacter = {
      key: uniqueKey(input.name, taken),
      name: input.name,
      description: input.description,
      visualTraits: input.visual_traits,
      color: input.color ?? paletteColour(byName.size).hex,
    };
    byName.set(input.name.toLowerCase(), character);
  };
  for (const character of sheet) add(character);
  for (const shot of shots) {
    for (const name of [...shot.characters, ...shot.dialogue.map((line) => line.character)]) {
      add({ name, description: '', visual_traits: [] });
    }
  }
  const keyOf = (name: string) => byName.get(name.toLowerCase())!.key;
  const scenes: PlannedScene[] = [];
  for (const shot of shots) {
    let scene = scenes.at(-1);
    if (!scene || scene.heading !== shot.scene) {
      const { location, timeOfDay } = locationOf(shot.scene);
      scene = {
        number: scenes.length + 1,
        heading: shot.scene,
        location,
        locationDescription: shot.location_description ?? location,
        timeOfDay,
        summary: '',
        shots: [],
      };
      scenes.push(scene);
    }
    const speakers = shot.dialogue.map((line) => line.character);
    scene.shots.push({
      number: scene.shots.length + 1,
      prompt: shot.prompt,
      camera: shot.camera,
      cameraNote: shot.camera_note,
      duration: shot.duration,
      characters: [...new Set([...shot.characters, ...speakers].map(keyOf))],
      dialogue: shot.dialogue.map((line) => ({ ...line, character: keyOf(line.character) })),
      ...(shot.transition_in && {
        transitionIn: { style: shot.transition_in.style, ...(shot.transition_in.duration_seconds !== undefined && { durationSeconds: shot.transition_in.duration_seconds }) },
      }),
      ...(shot.title_card && { titleCard: shot.title_card }),
    });
  }
  return { title, logline: '', story: '', characters: [...byName.values()], scenes };
}
