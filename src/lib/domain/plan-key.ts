/**
 * A short key of what an episode's plan says: its characters, scenes and shots as the pages show
 * them, not their order (a reorder is in the live document itself). The episode page's data
 * carries the key it was made from and the live document the key now; when they differ, someone
 * changed the plan (a character's looks or picture, a set, a shot's length or template) and the
 * page fetches its data again.
 */
import { fnv1a } from './fnv.ts';

interface PlanRows {
  characters: readonly { id: string; name: string; description: string; visual_traits: readonly string[]; color: string; reference_asset_id: string | null }[];
  scenes: readonly { id: string; heading: string; location: string; location_description: string; time_of_day: string; summary: string }[];
  shots: readonly {
    id: string;
    scene_id: string;
    prompt: string;
    camera: string;
    camera_note: string;
    duration: number;
    character_keys: readonly string[];
    dialogue: unknown;
    style: string | null;
    title_card: string | null;
    prompt_suffix: string | null;
    provider_options: unknown;
    template_id: string | null;
    template_version: number | null;
    transition_in: unknown;
    transition_in_duration: number | null;
  }[];
}

const byId = <T extends { id: string }>(rows: readonly T[]): T[] => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export function planKey(plan: PlanRows): string {
  const text = JSON.stringify([
    byId(plan.characters).map((c) => [c.id, c.name, c.description, c.visual_traits, c.color, c.reference_asset_id]),
    byId(plan.scenes).map((s) => [s.id, s.heading, s.location, s.location_description, s.time_of_day, s.summary]),
    byId(plan.shots).map((s) => [
      s.id, s.scene_id, s.prompt, s.camera, s.camera_note, Number(s.duration), s.character_keys, s.dialogue, s.style, s.title_card,
      s.prompt_suffix, s.provider_options, s.template_id, s.template_version, s.transition_in, s.transition_in_duration,
    ]),
  ]);
  // Two hashes with different offsets: a change that collides in both is vanishingly unlikely.
  return `${fnv1a(text).toString(36)}${fnv1a(text, 0x01000193).toString(36)}`;
}
