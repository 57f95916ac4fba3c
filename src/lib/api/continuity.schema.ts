/**
 * Request schemas of the continuity graph: editing a character's looks or a scene's set (which
 * marks the takes made from them stale), and regenerating the stale takes.
 */
import { z } from 'zod';

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
