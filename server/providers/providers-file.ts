/**
 * The providers file (DAILIES_PROVIDERS_FILE, JSON): planners, video providers and image models
 * beyond what the environment enables, with their limits, prices and options. An entry with the
 * same id as one from the environment replaces it; an entry whose key variable is unset is listed
 * as unconfigured, naming the variable.
 *
 *   { "planners": [{ "id": "deepseek", "kind": "openai-compatible", "base_url": "https://api.deepseek.com/v1",
 *       "model": "deepseek-chat", "api_key_env": "DEEPSEEK_API_KEY" }],
 *     "video": [{ "id": "kling", "kind": "fal", "model": "fal-ai/kling-video/v2.1/standard/text-to-video",
 *       "api_key_env": "FAL_KEY", "max_concurrent": 2, "requests_per_minute": 10, "price_per_second": 0.056,
 *       "durations": [5, 10], "image_input": { "first_frame": false, "references": false } }],
 *     "image": [{ "id": "grok-image", "kind": "xai", "model": "grok-imagine-image", "api_key_env": "XAI_KEY" }] }
 *
 * `api_key_env` names the variable holding the key (preferred); `api_key` holds it inline.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { parseComfyWorkflow, type ComfyWorkflow } from './comfyui/workflow.ts';
import {
  DEFAULT_COMFYUI_WORKFLOW,
  VIDEO_DEFAULTS,
  type JsonValue,
  type ProvidersConfig,
  type VideoProviderSettings,
  type UnconfiguredProvider,
} from './provider-settings.ts';

const jsonValue: z.ZodType<JsonValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

const videoEntry = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - or _'),
  kind: z.enum(['fal', 'replicate', 'xai', 'google', 'openai', 'comfyui']),
  model: z.string().min(1).optional(),
  base_url: z.url().optional(),
  api_key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
  api_key: z.string().min(1).optional(),
  workflow: z.string().min(1).optional(),
  max_concurrent: z.number().int().min(1).max(64).optional(),
  requests_per_minute: z.number().int().min(1).max(100_000).optional(),
  price_per_second: z.number().min(0).max(100).optional(),
  image_input: z.strictObject({ first_frame: z.boolean().default(false), references: z.boolean().default(false) }).optional(),
  durations: z.array(z.number().positive().max(600)).min(1).optional(),
  sizes: z.array(z.string().regex(/^\d{2,5}x\d{2,5}$/, 'must be WIDTHxHEIGHT, e.g. 1280x720')).min(1).optional(),
  sound: z.boolean().optional(),
  options: z.record(z.string(), jsonValue).optional(),
  poll_ms: z.number().int().min(100).max(600_000).optional(),
  timeout_ms: z.number().int().min(1000).max(600_000).optional(),
  max_job_minutes: z.number().int().min(1).max(24 * 60).optional(),
});

const fileSchema = z.strictObject({
  planners: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - or _'),
        kind: z.enum(['openai-compatible', 'gemini']),
        base_url: z.url().optional(),
        model: z.string().min(1),
        api_key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
        api_key: z.string().min(1).optional(),
        timeout_ms: z.number().int().min(1000).max(600_000).optional(),
      }),
    )
    .default([]),
  video: z.array(videoEntry).default([]),
  image: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - or _'),
        kind: z.enum(['fal', 'replicate', 'xai', 'google']),
        model: z.string().min(1),
        base_url: z.url().optional(),
        api_key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
        price_per_image: z.number().min(0).max(100).optional(),
        timeout_ms: z.number().int().min(1000).max(600_000).optional(),
      }),
    )
    .default([]),
});

/** Adds what the providers file at `file` configures to `config`; throws an Error naming the entry and field at fault. */
export function applyProvidersFile(file: string, value: (name: string) => string | undefined, config: ProvidersConfig, timeoutMs: number): void {
  const { planners, videos, images, unconfigured } = config;
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (cause) {
    const issue = cause instanceof z.ZodError ? cause.issues[0] : undefined;
    const where = issue ? ` at ${issue.path.join('.')}: ${issue.message}` : `: ${(cause as Error).message}`;
    throw new Error(`DAILIES_PROVIDERS_FILE (${file}) is not usable${where}`, { cause });
  }
  for (const entry of parsed.planners) {
    if (entry.kind === 'openai-compatible' && !entry.base_url) throw new Error(`DAILIES_PROVIDERS_FILE: planner "${entry.id}" needs a base_url.`);
    const keySetting = entry.api_key_env ?? `DAILIES_PROVIDERS_FILE (planner "${entry.id}")`;
    const apiKey = entry.api_key_env ? value(entry.api_key_env) : entry.api_key;
    if (entry.api_key_env && !apiKey) {
      unconfigured.push({ id: entry.id, kind: 'planner', missing: [entry.api_key_env] });
      continue;
    }
    const settings = { id: entry.id, kind: entry.kind, baseUrl: entry.base_url, model: entry.model, apiKey, keySetting, timeoutMs: entry.timeout_ms ?? timeoutMs };
    const at = planners.findIndex((planner) => planner.id === entry.id);
    if (at >= 0) planners[at] = settings;
    else planners.push(settings);
  }
  for (const entry of parsed.image) {
    const apiKey = value(entry.api_key_env);
    if (!apiKey) {
      unconfigured.push({ id: entry.id, kind: 'image model', missing: [entry.api_key_env] });
      continue;
    }
    images.push({
      id: entry.id,
      kind: entry.kind,
      model: entry.model,
      apiKey,
      keySetting: entry.api_key_env,
      ...(entry.base_url ? { baseUrl: entry.base_url } : {}),
      ...(entry.price_per_image !== undefined ? { pricePerImageUsd: entry.price_per_image } : {}),
      timeoutMs: entry.timeout_ms ?? 120_000,
    });
  }
  for (const entry of parsed.video) {
    const settings = videoFromFile(entry, value, unconfigured);
    if (!settings) continue;
    const at = videos.findIndex((video) => video.id === entry.id);
    if (at >= 0) videos[at] = settings;
    else videos.push(settings);
  }
}

/** One `video` entry of the providers file; undefined (and noted as unconfigured) when its key variable is unset. */
function videoFromFile(
  entry: z.infer<typeof videoEntry>,
  value: (name: string) => string | undefined,
  unconfigured: UnconfiguredProvider[],
): VideoProviderSettings | undefined {
  const where = `DAILIES_PROVIDERS_FILE: video provider "${entry.id}"`;
  const keySetting = entry.api_key_env ?? `DAILIES_PROVIDERS_FILE (video provider "${entry.id}")`;
  const apiKey = entry.api_key_env ? value(entry.api_key_env) : entry.api_key;
  const common = {
    id: entry.id,
    maxConcurrent: entry.max_concurrent ?? (entry.kind === 'comfyui' ? 1 : VIDEO_DEFAULTS.maxConcurrent),
    ...(entry.requests_per_minute ? { requestsPerMinute: entry.requests_per_minute } : {}),
    ...(entry.price_per_second !== undefined ? { pricePerSecondUsd: entry.price_per_second } : {}),
    timeoutMs: entry.timeout_ms ?? VIDEO_DEFAULTS.timeoutMs,
  };
  if (entry.kind === 'comfyui') {
    if (!entry.base_url) throw new Error(`${where} needs a base_url (the ComfyUI server, e.g. http://127.0.0.1:8188).`);
    if (entry.api_key_env && !apiKey) {
      unconfigured.push({ id: entry.id, kind: 'video provider', missing: [entry.api_key_env] });
      return undefined;
    }
    return { ...common, kind: 'comfyui', baseUrl: entry.base_url, ...readWorkflow(entry.workflow ?? DEFAULT_COMFYUI_WORKFLOW, where), ...(apiKey ? { apiKey } : {}) };
  }
  if (!entry.model) throw new Error(`${where} needs a model.`);
  if (!apiKey) {
    if (entry.api_key_env) {
      unconfigured.push({ id: entry.id, kind: 'video provider', missing: [entry.api_key_env] });
      return undefined;
    }
    throw new Error(`${where} needs api_key_env (the variable holding its key).`);
  }
  const remote = {
    ...common,
    model: entry.model,
    apiKey,
    keySetting,
    ...(entry.base_url ? { baseUrl: entry.base_url } : {}),
    ...(entry.durations ? { durations: entry.durations } : {}),
    pollMs: entry.poll_ms ?? VIDEO_DEFAULTS.pollMs,
    maxJobMs: (entry.max_job_minutes ?? VIDEO_DEFAULTS.maxJobMs / 60_000) * 60_000,
  };
  if (entry.kind === 'openai') {
    if (entry.image_input || entry.options) throw new Error(`${where}: image_input and options do not apply to kind "openai".`);
    return { ...remote, kind: 'openai', ...(entry.sizes ? { sizes: entry.sizes } : {}), ...(entry.sound !== undefined ? { sound: entry.sound } : {}) };
  }
  if (entry.sizes) throw new Error(`${where}: sizes applies to kind "openai" only.`);
  return {
    ...remote,
    kind: entry.kind,
    ...(entry.image_input ? { imageInput: { firstFrame: entry.image_input.first_frame, references: entry.image_input.references } } : {}),
    ...(entry.sound !== undefined ? { sound: entry.sound } : {}),
    ...(entry.options ? { options: entry.options } : {}),
  };
}

/** Reads a ComfyUI workflow file and checks its marked nodes; throws naming the setting and the problem. */
export function readWorkflow(path: string, setting: string): { workflowPath: string; workflow: ComfyWorkflow; workflowName: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new Error(`${setting}: the ComfyUI workflow ${path} could not be read: ${(cause as Error).message}`, { cause });
  }
  const workflowName = basename(path);
  try {
    parseComfyWorkflow(json, workflowName);
  } catch (cause) {
    throw new Error(`${setting}: ${(cause as Error).message}`, { cause });
  }
  return { workflowPath: path, workflow: json as ComfyWorkflow, workflowName };
}
