/**
 * Request schemas and response shapes of generation templates: a named set of take parameters
 * (style, camera, duration, prompt suffix, provider and its options) kept in an episode or in a
 * person's account, and applied to shots before they are generated.
 */
import { z } from 'zod';
import { CAMERA_MOVES, type CameraMove } from '../domain/enums.ts';
import type { ProviderOptionValues, TemplateScope } from '../domain/templates.ts';

export type { ProviderOptionValues, TemplateScope } from '../domain/templates.ts';

/** Most shots one apply may name. */
export const MAX_APPLY_SHOTS = 500;

const providerOptions = z
  .record(z.string().min(1).max(64), z.union([z.string().max(500), z.number(), z.boolean()], 'an option must be text, a number or true/false'))
  .refine((options) => Object.keys(options).length <= 30, 'at most 30 options');

const templateName = z.string().trim().min(1, 'a template needs a name').max(100);

/** The parameters a template sets; each one left out (or null) keeps the shot's own. */
const templateFields = {
  style: z.string().trim().min(1).max(200).nullable().optional(),
  camera: z.enum(CAMERA_MOVES).nullable().optional(),
  duration: z.number().min(1).max(60).nullable().optional(),
  prompt_suffix: z.string().trim().min(1).max(1000).nullable().optional(),
  /** The video provider's id (GET /providers); null: the shot's own. */
  provider: z.string().trim().min(1).max(100).nullable().optional(),
  /** Options of that provider, by the names it declares (GET /providers, `options`). */
  provider_options: providerOptions.optional(),
};

/**
 * POST /episodes/{id}/templates and POST /me/templates: from an approved take
 * (`from_segment_id`, whose parameters are copied; fields given here replace them) or from the
 * fields alone.
 */
export const createTemplateBody = z
  .strictObject({ name: templateName, from_segment_id: z.uuid().optional(), ...templateFields })
  .refine((body) => body.from_segment_id !== undefined || Object.keys(body).some((key) => key in templateFields), 'give from_segment_id or at least one parameter');

/** PATCH …/templates/{templateId}: a new name and/or new parameters (the version goes up). */
export const patchTemplateBody = z
  .strictObject({ name: templateName.optional(), ...templateFields })
  .refine((body) => Object.keys(body).length > 0, 'give a new name or at least one parameter');

/** POST /episodes/{id}/templates/{templateId}/apply: the shots, by id or by segment number. */
export const applyTemplateBody = z
  .strictObject({
    shot_ids: z.array(z.uuid()).min(1).max(MAX_APPLY_SHOTS, `at most ${MAX_APPLY_SHOTS} shots at once`).optional(),
    segment_numbers: z.array(z.number().int().min(1)).min(1).max(MAX_APPLY_SHOTS, `at most ${MAX_APPLY_SHOTS} shots at once`).optional(),
  })
  .refine((body) => (body.shot_ids === undefined) !== (body.segment_numbers === undefined), 'give shot_ids or segment_numbers (one of them)');

export type CreateTemplateBody = z.infer<typeof createTemplateBody>;
export type PatchTemplateBody = z.infer<typeof patchTemplateBody>;
export type ApplyTemplateBody = z.infer<typeof applyTemplateBody>;

/** What a template sets on a shot; null keeps the shot's own. */
export interface TemplateParamsDto {
  style: string | null;
  camera: CameraMove | null;
  duration: number | null;
  prompt_suffix: string | null;
  provider: string | null;
  provider_options: ProviderOptionValues;
}

export interface TemplateDto {
  id: string;
  scope: TemplateScope;
  episode_id: string | null;
  name: string;
  version: number;
  params: TemplateParamsDto;
  source_segment_id: string | null;
  created_at: string;
  updated_at: string;
}

/** GET /episodes/{id}/templates: the episode's templates and the caller's own. */
export interface TemplateListDto {
  episode: TemplateDto[];
  account: TemplateDto[];
}

/** What a take records of the template its shot's settings came from, as the template was then. */
export interface TakeTemplateDto {
  id: string;
  name: string;
  version: number;
}

/** POST …/apply: the shots as changed. */
export interface TemplateAppliedDto {
  template: TakeTemplateDto;
  shots: { id: string; shot_number: number }[];
}
