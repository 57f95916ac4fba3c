/**
 * POST /episodes/{id}/batch: one action on many cards of one episode, all or nothing. Each action
 * is the single one (PUT /segments/{id}/decision, request-regeneration, regenerate, a template's
 * apply, PATCH /shots/{id}, PUT /episodes/{id}/order) applied to every item in one transaction.
 */
import { z } from 'zod';
import { CAMERA_MOVES, TAKE_DECISIONS, type ApprovalStatus, type SegmentStatus } from '../domain/enums.ts';
import { generationChanges } from './segments.schema.ts';

/** Most cards one batch may name. */
export const MAX_BATCH_ITEMS = 500;

export const BATCH_ACTIONS = ['decide', 'request_regeneration', 'regenerate', 'apply_template', 'edit_shots', 'move'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

const ids = (what: string) =>
  z
    .array(z.uuid({ message: 'must be a UUID' }))
    .min(1, `name at least one ${what}`)
    .max(MAX_BATCH_ITEMS, `at most ${MAX_BATCH_ITEMS} items in one batch`)
    .optional();

/** The cards, by their current takes (`segment_ids`) or by their shots (`shot_ids`): one of the two. */
const items = { segment_ids: ids('take'), shot_ids: ids('shot') };

export const batchBody = z
  .discriminatedUnion(
    'action',
    [
      z.strictObject({
        action: z.literal('decide'),
        ...items,
        decision: z.enum(TAKE_DECISIONS),
        rating: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5').optional(),
        note: z.string().trim().max(4000).optional(),
        suggested_changes: generationChanges.optional(),
      }),
      z.strictObject({
        action: z.literal('request_regeneration'),
        ...items,
        reason: z.string().trim().min(1, 'a reason is required').max(4000),
        suggested_changes: generationChanges.optional(),
      }),
      z.strictObject({
        action: z.literal('regenerate'),
        ...items,
        changes: generationChanges.default({}),
        keep_original: z.boolean().default(true),
      }),
      z.strictObject({ action: z.literal('apply_template'), ...items, template_id: z.uuid({ message: 'must be a UUID' }) }),
      z.strictObject({
        action: z.literal('edit_shots'),
        ...items,
        style: z.string().trim().min(1).max(200).nullable().optional(),
        camera: z.enum(CAMERA_MOVES).optional(),
      }),
      z.strictObject({
        action: z.literal('move'),
        ...items,
        /** Where the cards go in the compile order (1 = first), together, in their present order. */
        position: z.number().int().min(1),
      }),
    ],
    { error: `action must be one of ${BATCH_ACTIONS.join(', ')}` },
  )
  .superRefine((body, ctx) => {
    if ((body.segment_ids === undefined) === (body.shot_ids === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give segment_ids or shot_ids (one of them)', path: ['segment_ids'], input: body });
    }
    if (body.action === 'edit_shots' && body.style === undefined && body.camera === undefined) {
      ctx.addIssue({ code: 'custom', message: 'give style or camera to change', path: ['style'], input: body });
    }
  });

export type BatchBody = z.infer<typeof batchBody>;

/** What happened to one card. */
export interface BatchItemDto {
  shot_id: string;
  shot_number: number;
  /** The card's current take after the action (the new take, for regenerate). */
  segment_id: string | null;
  version: number | null;
  status: SegmentStatus | null;
  approval_status: ApprovalStatus | null;
  /** approved, pending, needs_revision, rejected (decisions); regenerating; edited; moved. */
  outcome: string;
  /** For move: the card's place in the compile order now. */
  position?: number;
}

/** The answer to a batch: every card's outcome, and how many had each. */
export interface BatchResultDto {
  action: BatchAction;
  count: number;
  counts: Record<string, number>;
  items: BatchItemDto[];
  /** For move: the whole compile order now, by shot number. */
  order?: number[];
  /** For apply_template: the template as applied. */
  template?: { id: string; name: string; version: number };
}

/** One card a batch refused, and why (in the 409's details.refused). */
export interface BatchRefusalDto {
  id: string;
  shot_number: number | null;
  code: string;
  message: string;
}
