/**
 * Reviewers' notes on a take become the next take's changes by asking a language model, once: the
 * answer must match the schema of the changes a regeneration takes, or the call fails with a typed
 * ProviderError and the caller falls back to its rules. No retries here: an editor is waiting.
 */
import { generateText, NoObjectGeneratedError, Output } from 'ai';
import { z } from 'zod';
import { CAMERA_MOVES } from '../../../src/lib/domain/enums.ts';
import { DURATION_LIMITS, MAX_SEED } from '../../../src/lib/domain/note-directives.ts';
import { policyRefusalError, retryableError, type ProviderError } from '../errors.ts';
import type { PlannerModel } from '../planner.types.ts';
import { modelCallError } from './model-errors.ts';
import { fillPrompt } from './prompt-files.ts';

/** What the model is asked to return: every change (null for none) and what it took from each note. */
export const proposalAnswerSchema = z.object({
  changes: z.object({
    prompt_modifications: z.string().max(2000).nullable().describe('Sentences added after the current prompt'),
    style_adjustments: z.string().max(500).nullable().describe('Words added to the style, about the look only'),
    character_prompt: z.string().max(1000).nullable().describe('How the characters should look or act differently'),
    duration: z.number().min(DURATION_LIMITS.min).max(DURATION_LIMITS.max).nullable().describe('Seconds'),
    seed: z.number().int().min(0).max(MAX_SEED).nullable(),
    camera: z.enum(CAMERA_MOVES).nullable(),
  }),
  reasons: z.array(z.object({ note_id: z.string().max(100), applied: z.array(z.string().max(300)).max(12) })).max(100),
});
export type ProposalAnswer = z.infer<typeof proposalAnswerSchema>;

export interface ProposalQuestion {
  /** The current take's parameters, as the model should read them. */
  current: Record<string, unknown>;
  /** Each note as one line of text: its id, its time if any, its words. */
  notes: { id: string; line: string }[];
  /** The seed to use when a note asks for another variation. */
  nextSeed: number;
}

/** Asks `handle`'s model for the changes; throws a ProviderError when the call or its answer fails. */
export async function askForProposal(handle: PlannerModel, question: ProposalQuestion, options: { timeoutMs: number; signal?: AbortSignal }): Promise<ProposalAnswer> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  try {
    const result = await generateText({
      model: handle.model,
      prompt: fillPrompt('note-proposal', {
        current: JSON.stringify(question.current, null, 2),
        notes: question.notes.map((note) => `- [${note.id}] ${note.line}`).join('\n'),
        cameras: CAMERA_MOVES.join(', '),
        minDuration: DURATION_LIMITS.min,
        maxDuration: DURATION_LIMITS.max,
        nextSeed: question.nextSeed,
      }),
      output: Output.object({ schema: proposalAnswerSchema }),
      maxRetries: 0,
      abortSignal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
    if (result.finishReason === 'content-filter') throw policyRefusalError(handle.provider, 'The model refused to propose changes (content policy).');
    return result.output;
  } catch (error) {
    throw proposalError(handle, error);
  }
}

function proposalError(handle: PlannerModel, error: unknown): ProviderError {
  if (NoObjectGeneratedError.isInstance(error) && error.finishReason !== 'content-filter') {
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    return retryableError(handle.provider, `The model's answer was not a usable set of changes: ${cause.replace(/\s+/g, ' ').slice(0, 300)}`, error);
  }
  return modelCallError(handle.provider, error, handle.keySetting);
}
