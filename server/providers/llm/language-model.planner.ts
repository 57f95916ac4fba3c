/**
 * A planner backed by a language model through the AI SDK: the idea becomes a story with its
 * characters (first call), then scenes and shots (second call). Each answer is validated against
 * its schema (plan.schema.ts); a malformed one is asked for again with the problem stated, a
 * rate limit is waited out when the service says how long, and a failing service is tried again
 * with a short backoff before the failure is handed to the job queue as a typed ProviderError.
 * Screenplays are read by the built-in Fountain reader: that needs no model.
 */
import { generateText, NoObjectGeneratedError, Output, type LanguageModel, type LanguageModelUsage, type ModelMessage } from 'ai';
import type { z } from 'zod';
import { createBuiltinPlanner } from '../builtin/planner/builtin.planner.ts';
import { paletteColour } from '../builtin/planner/palette.ts';
import { uniqueKey } from '../builtin/planner/text-utils.ts';
import { invalidInputError, policyRefusalError, type ProviderError } from '../errors.ts';
import type { EpisodePlan, PlannedCharacter, PlannedScene, Planner, PlanRequest, PlanUsage } from '../planner.types.ts';
import { modelCallError } from './model-errors.ts';
import { shotsStepSchema, storyStepSchema, type ShotsStep, type StoryStep } from './plan.schema.ts';
import { fillPrompt, promptText } from './prompt-files.ts';

export interface LanguageModelPlannerOptions {
  id: string;
  description: string;
  model: LanguageModel;
  /** The setting that holds the credentials, named in errors about them. */
  keySetting: string;
  /** Calls per step before giving up (malformed answers, failures). Default 3. */
  attempts?: number;
  /** Longest wait for one call. Default 120 s. */
  timeoutMs?: number;
  /** The longest Retry-After waited out inside the planner; longer ones go back to the job queue. Default 30 s. */
  maxRetryAfterMs?: number;
  /** Backoff before trying a failed call again; doubled each time. Default 500 ms. */
  backoffMs?: number;
}

const DEFAULT_SHOTS = 8;
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }, { once: true });
  });

export function createLanguageModelPlanner(options: LanguageModelPlannerOptions): Planner {
  const attempts = options.attempts ?? 3;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
  const backoffMs = options.backoffMs ?? 500;
  const screenplays = createBuiltinPlanner();

  const modelId = typeof options.model === 'string' ? options.model : options.model.modelId;

  /** Adds one call's tokens (a call that failed after answering counts too: it was paid for). */
  const count = (usage: PlanUsage, used: LanguageModelUsage | undefined) => {
    usage.calls += 1;
    usage.inputTokens += used?.inputTokens ?? 0;
    usage.outputTokens += used?.outputTokens ?? 0;
  };

  /** One step: the prompt, answered as `schema`, asked again while the answer is unusable. */
  async function ask<T>(schema: z.ZodType<T>, prompt: string, usage: PlanUsage, signal?: AbortSignal): Promise<T> {
    const messages: ModelMessage[] = [{ role: 'user', content: prompt }];
    let last: ProviderError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      try {
        const result = await generateText({
          model: options.model,
          system: promptText('system'),
          messages,
          output: Output.object({ schema }),
          maxRetries: 0,
          abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        count(usage, result.usage);
        if (result.finishReason === 'content-filter') throw policyRefusalError(options.id, 'The model refused to write this plan (content policy).');
        return result.output as T;
      } catch (error) {
        signal?.throwIfAborted();
        if (NoObjectGeneratedError.isInstance(error)) count(usage, error.usage);
        last = modelCallError(options.id, error, options.keySetting);
        if (!last.retryable || attempt === attempts) break;
        if (NoObjectGeneratedError.isInstance(error) && error.text !== undefined) {
          // Show the model its answer and what was wrong with it.
          messages.push({ role: 'assistant', content: error.text }, { role: 'user', content: fillPrompt('retry', { problem: last.message }) });
        } else if (last.kind === 'rate_limited') {
          if ((last.retryAfterMs ?? backoffMs) > maxRetryAfterMs) break;
          await sleep(last.retryAfterMs ?? backoffMs * 2 ** (attempt - 1), signal);
        } else {
          await sleep(backoffMs * 2 ** (attempt - 1), signal);
        }
      }
    }
    throw last!;
  }

  return {
    id: options.id,
    description: options.description,
    async plan(request: PlanRequest, callOptions?: { signal?: AbortSignal }): Promise<EpisodePlan> {
      const idea = request.idea.trim();
      if (!idea) throw invalidInputError(options.id, 'The idea is empty. Describe the story in a sentence or a few.');
      const style = request.style?.trim() || 'cinematic, natural light';
      const usage: PlanUsage = { model: modelId, inputTokens: 0, outputTokens: 0, calls: 0 };
      const story = await ask(storyStepSchema, fillPrompt('story', { idea, style }), usage, callOptions?.signal);
      const shots = await ask(
        shotsStepSchema,
        fillPrompt('shots', {
          targetShots: request.targetShots ?? DEFAULT_SHOTS,
          title: story.title,
          logline: story.logline,
          story: story.story,
          style,
          characters: story.characters.map((c) => `- ${c.name}: ${c.description} Looks: ${c.visual_traits.join('; ')}.`).join('\n'),
        }),
        usage,
        callOptions?.signal,
      );
      return { ...planFromModel(story, shots), usage };
    },
    parseScreenplay: (text, parseOptions) => screenplays.parseScreenplay(text, parseOptions),
    languageModel: { provider: options.id, model: options.model, keySetting: options.keySetting },
  };
}

/**
 * The model's two answers as an EpisodePlan: characters get keys and fixed colours; names in
 * shots are matched without regard to case, and a speaker the story did not list becomes a
 * character of its own rather than being dropped.
 */
export function planFromModel(story: StoryStep, shots: ShotsStep): EpisodePlan {
  const taken = new Set<string>();
  const byName = new Map<string, PlannedCharacter>();
  const characterFor = (name: string, description = '', visualTraits: string[] = []): PlannedCharacter => {
    const found = byName.get(name.trim().toLowerCase());
    if (found) return found;
    const character = { key: uniqueKey(name.trim(), taken), name: name.trim(), description, visualTraits, color: paletteColour(byName.size).hex };
    byName.set(name.trim().toLowerCase(), character);
    return character;
  };
  for (const c of story.characters) characterFor(c.name, c.description, c.visual_traits);
  const scenes: PlannedScene[] = shots.scenes.map((scene, sceneIndex) => ({
    number: sceneIndex + 1,
    heading: scene.heading.trim().toUpperCase(),
    location: scene.location,
    locationDescription: scene.location_description,
    timeOfDay: scene.time_of_day,
    summary: scene.summary,
    shots: scene.shots.map((shot, shotIndex) => {
      const dialogue = shot.dialogue.map((line) => ({ character: characterFor(line.character).key, line: line.line }));
      const visible = shot.characters.map((name) => characterFor(name).key);
      return {
        number: shotIndex + 1,
        prompt: shot.prompt,
        camera: shot.camera,
        cameraNote: shot.camera_note,
        duration: Math.round(Math.min(10, Math.max(2, shot.duration)) * 2) / 2,
        characters: [...new Set([...visible, ...dialogue.map((line) => line.character)])],
        dialogue,
      };
    }),
  }));
  return { title: story.title, logline: story.logline, story: story.story, characters: [...byName.values()], scenes };
}
