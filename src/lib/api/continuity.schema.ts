/**
 * Request schemas of the continuity graph: editing a character's looks or a scene's set (which
 * marks the takes made from them stale), and regenerating the stale takes.
 */
import { z } from 'zod';
import type { TakeInputKind } from '../domain/continuity.ts';

export const patchCharacterBody = z
  .strictObject({
    name: z.string().trim().min(1).max(80).optional(),
    description: z.string().trim().max(2000).optional(),
    visual_traits: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');

export const patchSceneBody = z
  .strictObject({
    heading: z.string().trim().min(1).max(300).optional(),
    location: z.string().trim().min(1).max(200).optional(),
    location_description: z.string().trim().max(2000).optional(),
    time_of_day: z.string().trim().max(40).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'give at least one field to change');

export const sceneParam = z.object({ number: z.coerce.number().int('must be a whole number').min(1, 'scenes are numbered from 1') });

export const regenerateStaleBody = z.strictObject({
  /** The stale takes to regenerate; all of them when left out. */
  segment_ids: z.array(z.uuid()).min(1).max(500).optional(),
  mode: z.enum(['parallel', 'sequential']).default('parallel'),
});

/** One take in the graph (GET /episodes/{id}/graph). */
export interface GraphTake {
  id: string;
  kind: 'take';
  segment_id: string;
  shot_id: string;
  slot: number;
  version: number;
  status: string;
  approval_status: string;
  stale: boolean;
  stale_reasons: { kind: TakeInputKind; ref_id: string; message: string; changed_at: string | null }[];
}

export type GraphNode =
  | GraphTake
  | { id: string; kind: 'character'; character_id: string; key: string; name: string; looks_version: number; reference_asset_id: string | null }
  | { id: string; kind: 'location'; scene_id: string; scene_number: number; location: string; set_version: number }
  | { id: string; kind: 'template'; template_id: string; name: string };

export interface GraphEdge {
  /** The take made from it. */
  from: string;
  /** What it was made from: a character, a location, a template or another take. */
  to: string;
  kind: TakeInputKind;
  version_used: number | null;
  asset_id_used: string | null;
  sent: boolean;
  stale: boolean;
}

export interface EpisodeGraph {
  episode_id: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}


/** The shots whose current take an edit left stale, with why. */
export interface StaleAfterEditDto {
  shot_id: string;
  reasons: string[];
}

export interface CharacterEditedDto {
  character: { id: string; key: string; name: string; description: string; visual_traits: string[]; color: string; looks_version: number; reference_asset_id: string | null };
  stale_takes: StaleAfterEditDto[];
}

export interface SceneEditedDto {
  scene: { id: string; scene_number: number; heading: string; location: string; location_description: string; time_of_day: string; set_version: number };
  stale_takes: StaleAfterEditDto[];
}

/**
 * POST /episodes/{id}/generate-segments/stale: the run and the new takes (a `candidate` replaces an
 * approved take once approved, which stays current until then), and the stale takes left as they
 * are: those whose candidate already waits for a decision, and those of shots being voted on.
 */
export interface StaleRegenerationDto {
  job_id: string;
  total_segments: number;
  /** A run was active: the new takes are made with it (`job_id` is that run's). */
  joined_active_run: boolean;
  regenerated: { shot_id: string; segment_number: number; replaced_segment_id: string; new_segment_id: string; new_version: number; candidate: boolean; reasons: string[] }[];
  waiting: { shot_id: string; segment_number: number; segment_id: string; candidate_id: string }[];
  /** Stale takes of shots whose takes are being voted on: not made again until the vote closes. */
  voting: { shot_id: string; segment_number: number; segment_id: string; choice_id: string }[];
}
