/**
 * Which remote providers this process may use, from the environment or a JSON file
 * (DAILIES_PROVIDERS_FILE). Keys are read here and handed only to the provider clients: they are
 * never logged, never in an error message and never sent to the browser.
 *
 * Environment (each group optional):
 *   DAILIES_LLM_BASE_URL, DAILIES_LLM_MODEL [, DAILIES_LLM_API_KEY]    planner `llm`: any
 *       OpenAI-compatible chat API (OpenAI, OpenRouter, DeepSeek, Qwen, vLLM, Ollama, LM Studio)
 *   DAILIES_GEMINI_API_KEY [, DAILIES_GEMINI_MODEL, DAILIES_GEMINI_BASE_URL]   planner `gemini`
 *   DAILIES_PLANNER_TIMEOUT_MS   longest wait for one model call (default 120000)
 *
 * Video providers (environment, each group optional):
 *   DAILIES_FAL_API_KEY, DAILIES_FAL_MODEL                      video provider `fal`
 *   DAILIES_REPLICATE_API_TOKEN, DAILIES_REPLICATE_MODEL        video provider `replicate`
 *   DAILIES_XAI_API_KEY [, DAILIES_XAI_VIDEO_MODEL]             video provider `xai`
 *   DAILIES_GEMINI_API_KEY [, DAILIES_VEO_MODEL]                video provider `veo` (Google Veo)
 *   DAILIES_OPENAI_API_KEY [, DAILIES_OPENAI_VIDEO_MODEL, DAILIES_OPENAI_BASE_URL]   video provider `openai`
 *   DAILIES_COMFYUI_URL [, DAILIES_COMFYUI_WORKFLOW, DAILIES_COMFYUI_API_KEY]   video provider `comfyui`
 *
 * File (JSON): { "planners": [{ "id": "deepseek", "kind": "openai-compatible",
 *   "base_url": "https://api.deepseek.com/v1", "model": "deepseek-chat", "api_key_env": "DEEPSEEK_API_KEY" }],
 *   "video": [{ "id": "kling", "kind": "fal", "model": "fal-ai/kling-video/v2.1/standard/text-to-video",
 *   "api_key_env": "FAL_KEY", "max_concurrent": 2, "requests_per_minute": 10, "price_per_second": 0.056,
 *   "durations": [5, 10], "image_input": { "first_frame": false, "references": false } }] }
 * `api_key_env` names the variable holding the key (preferred); `api_key` holds it inline.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { basename } from 'node:path';
import { parseComfyWorkflow, type ComfyWorkflow } from './comfyui/workflow.ts';
import type { VideoImageInput } from './video.types.ts';

export type LanguageModelKind = 'openai-compatible' | 'gemini';

export interface LanguageModelSettings {
  id: string;
  kind: LanguageModelKind;
  baseUrl: string | undefined;
  model: string;
  apiKey: string | undefined;
  /** Where the key comes from, for messages ("DAILIES_LLM_API_KEY"). */
  keySetting: string;
  timeoutMs: number;
}

/** A provider people may name that is not usable until these settings are given. */
export interface UnconfiguredProvider {
  id: string;
  kind: 'planner' | 'video provider' | 'image model';
  missing: string[];
}

export type RemoteVideoKind = 'fal' | 'replicate' | 'xai' | 'google';

interface VideoSettingsBase {
  id: string;
  maxConcurrent: number;
  requestsPerMinute?: number;
  /** US dollars per second of video, for estimates and spend when the provider reports no cost. */
  pricePerSecondUsd?: number;
  /** Longest wait for one HTTP call. */
  timeoutMs: number;
}

/** A video model reached through the AI SDK. */
export interface RemoteVideoSettings extends VideoSettingsBase {
  kind: RemoteVideoKind;
  /** The model at the provider: "fal-ai/kling-video/v2.1/standard/text-to-video", "veo-3.1-generate-preview"… */
  model: string;
  apiKey: string;
  /** Where the key comes from, for messages. */
  keySetting: string;
  /** The API's base URL, when not the provider's own (a proxy, or a stand-in in tests). */
  baseUrl?: string;
  /** Which reference images the model takes; default per kind. */
  imageInput?: VideoImageInput;
  /** Clip lengths the model accepts, in seconds; a shot's length is rounded to the nearest. */
  durations?: number[];
  /** Whether the model makes sound (then it is asked to). */
  sound?: boolean;
  /** Extra body fields for the model, passed as the SDK's provider options. */
  options?: Record<string, JsonValue>;
  /** Shortest time between two status polls of one job. */
  pollMs: number;
  /** Longest a job may take from submit to result before it is given up as retryable. */
  maxJobMs: number;
}

/** A ComfyUI server running an API-format workflow with marked nodes. */
export interface ComfyUiVideoSettings extends VideoSettingsBase {
  kind: 'comfyui';
  baseUrl: string;
  workflowPath: string;
  /** The workflow file, read and checked for its marked nodes when the configuration is loaded. */
  workflow: ComfyWorkflow;
  workflowName: string;
  apiKey?: string;
}

/**
 * A server speaking OpenAI's video API (`/v1/videos`), through the `openai` SDK. OpenAI's own Sora
 * API closed on 24 September 2026; gateways and hosts that keep the protocol are reached by base URL.
 */
export interface OpenAiVideoSettings extends VideoSettingsBase {
  kind: 'openai';
  model: string;
  apiKey: string;
  keySetting: string;
  baseUrl?: string;
  /** Clip lengths the model accepts, in seconds (default 4, 8, 12). */
  durations?: number[];
  /** Frame sizes the model accepts, "WxH" (default Sora's four). */
  sizes?: string[];
  /** Whether the model's clips carry sound (default true, as Sora's do). */
  sound?: boolean;
  pollMs: number;
  maxJobMs: number;
}

export type VideoProviderSettings = RemoteVideoSettings | OpenAiVideoSettings | ComfyUiVideoSettings;

/** An image model reached through the AI SDK, for characters' reference pictures. */
export interface RemoteImageSettings {
  id: string;
  kind: RemoteVideoKind;
  model: string;
  apiKey: string;
  keySetting: string;
  baseUrl?: string;
  /** US dollars per picture, when the provider reports no cost. */
  pricePerImageUsd?: number;
  timeoutMs: number;
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ProvidersConfig {
  planners: LanguageModelSettings[];
  videos: VideoProviderSettings[];
  images: RemoteImageSettings[];
  unconfigured: UnconfiguredProvider[];
}

/** The workflow `comfyui` runs when DAILIES_COMFYUI_WORKFLOW is not set. */
export const DEFAULT_COMFYUI_WORKFLOW = fileURLToPath(new URL('./comfyui/workflows/text-to-video.json', import.meta.url));

/** Models used when only a key is given. */
export const DEFAULT_VIDEO_MODELS = { xai: 'grok-imagine-video', veo: 'veo-3.1-generate-preview', openai: 'sora-2' } as const;

const VIDEO_DEFAULTS = { maxConcurrent: 2, timeoutMs: 60_000, pollMs: 5_000, maxJobMs: 30 * 60_000 };

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';
const DEFAULT_TIMEOUT_MS = 120_000;

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

/** Reads the providers' settings; throws an Error naming the setting at fault. */
export function providersConfigFromEnv(env: NodeJS.ProcessEnv): ProvidersConfig {
  const value = (name: string) => (env[name] && env[name] !== '' ? env[name] : undefined);
  const timeoutText = value('DAILIES_PLANNER_TIMEOUT_MS');
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100) throw new Error('DAILIES_PLANNER_TIMEOUT_MS must be a whole number of milliseconds (at least 100).');
  const planners: LanguageModelSettings[] = [];
  const unconfigured: UnconfiguredProvider[] = [];

  const llm = { baseUrl: value('DAILIES_LLM_BASE_URL'), model: value('DAILIES_LLM_MODEL') };
  if (llm.baseUrl && llm.model) {
    if (!/^https?:\/\//.test(llm.baseUrl)) throw new Error('DAILIES_LLM_BASE_URL must start with http:// or https://, e.g. https://api.openai.com/v1.');
    planners.push({ id: 'llm', kind: 'openai-compatible', baseUrl: llm.baseUrl, model: llm.model, apiKey: value('DAILIES_LLM_API_KEY'), keySetting: 'DAILIES_LLM_API_KEY', timeoutMs });
  } else {
    unconfigured.push({ id: 'llm', kind: 'planner', missing: [...(llm.baseUrl ? [] : ['DAILIES_LLM_BASE_URL']), ...(llm.model ? [] : ['DAILIES_LLM_MODEL'])] });
  }

  const geminiKey = value('DAILIES_GEMINI_API_KEY');
  if (geminiKey) {
    planners.push({
      id: 'gemini',
      kind: 'gemini',
      baseUrl: value('DAILIES_GEMINI_BASE_URL'),
      model: value('DAILIES_GEMINI_MODEL') ?? DEFAULT_GEMINI_MODEL,
      apiKey: geminiKey,
      keySetting: 'DAILIES_GEMINI_API_KEY',
      timeoutMs,
    });
  } else {
    unconfigured.push({ id: 'gemini', kind: 'planner', missing: ['DAILIES_GEMINI_API_KEY'] });
  }

  const videos: VideoProviderSettings[] = [];
  const remote = (id: string, kind: RemoteVideoKind, model: string, apiKey: string, keySetting: string): RemoteVideoSettings => ({
    id,
    kind,
    model,
    apiKey,
    keySetting,
    ...VIDEO_DEFAULTS,
  });
  const falKey = value('DAILIES_FAL_API_KEY');
  const falModel = value('DAILIES_FAL_MODEL');
  if (falKey && falModel) videos.push(remote('fal', 'fal', falModel, falKey, 'DAILIES_FAL_API_KEY'));
  else unconfigured.push({ id: 'fal', kind: 'video provider', missing: [...(falKey ? [] : ['DAILIES_FAL_API_KEY']), ...(falModel ? [] : ['DAILIES_FAL_MODEL'])] });
  const replicateToken = value('DAILIES_REPLICATE_API_TOKEN');
  const replicateModel = value('DAILIES_REPLICATE_MODEL');
  if (replicateToken && replicateModel) videos.push(remote('replicate', 'replicate', replicateModel, replicateToken, 'DAILIES_REPLICATE_API_TOKEN'));
  else unconfigured.push({ id: 'replicate', kind: 'video provider', missing: [...(replicateToken ? [] : ['DAILIES_REPLICATE_API_TOKEN']), ...(replicateModel ? [] : ['DAILIES_REPLICATE_MODEL'])] });
  const xaiKey = value('DAILIES_XAI_API_KEY');
  if (xaiKey) videos.push(remote('xai', 'xai', value('DAILIES_XAI_VIDEO_MODEL') ?? DEFAULT_VIDEO_MODELS.xai, xaiKey, 'DAILIES_XAI_API_KEY'));
  else unconfigured.push({ id: 'xai', kind: 'video provider', missing: ['DAILIES_XAI_API_KEY'] });
  if (geminiKey) {
    const veoBase = value('DAILIES_GEMINI_BASE_URL');
    videos.push({ ...remote('veo', 'google', value('DAILIES_VEO_MODEL') ?? DEFAULT_VIDEO_MODELS.veo, geminiKey, 'DAILIES_GEMINI_API_KEY'), ...(veoBase ? { baseUrl: veoBase } : {}) });
  } else {
    unconfigured.push({ id: 'veo', kind: 'video provider', missing: ['DAILIES_GEMINI_API_KEY'] });
  }
  const openAiKey = value('DAILIES_OPENAI_API_KEY');
  if (openAiKey) {
    const openAiBase = value('DAILIES_OPENAI_BASE_URL');
    if (openAiBase && !/^https?:\/\//.test(openAiBase)) throw new Error('DAILIES_OPENAI_BASE_URL must start with http:// or https://, e.g. https://api.openai.com/v1.');
    videos.push({
      ...VIDEO_DEFAULTS,
      id: 'openai',
      kind: 'openai',
      model: value('DAILIES_OPENAI_VIDEO_MODEL') ?? DEFAULT_VIDEO_MODELS.openai,
      apiKey: openAiKey,
      keySetting: 'DAILIES_OPENAI_API_KEY',
      ...(openAiBase ? { baseUrl: openAiBase } : {}),
    });
  } else {
    unconfigured.push({ id: 'openai', kind: 'video provider', missing: ['DAILIES_OPENAI_API_KEY'] });
  }
  const comfyUrl = value('DAILIES_COMFYUI_URL');
  if (comfyUrl) {
    if (!/^https?:\/\//.test(comfyUrl)) throw new Error('DAILIES_COMFYUI_URL must start with http:// or https://, e.g. http://127.0.0.1:8188.');
    const comfyKey = value('DAILIES_COMFYUI_API_KEY');
    videos.push({
      id: 'comfyui',
      kind: 'comfyui',
      baseUrl: comfyUrl,
      ...readWorkflow(value('DAILIES_COMFYUI_WORKFLOW') ?? DEFAULT_COMFYUI_WORKFLOW, 'DAILIES_COMFYUI_WORKFLOW'),
      ...(comfyKey ? { apiKey: comfyKey } : {}),
      maxConcurrent: 1,
      timeoutMs: VIDEO_DEFAULTS.timeoutMs,
    });
  } else {
    unconfigured.push({ id: 'comfyui', kind: 'video provider', missing: ['DAILIES_COMFYUI_URL'] });
  }

  const images: RemoteImageSettings[] = [];
  const file = value('DAILIES_PROVIDERS_FILE');
  if (file) {
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
  return {
    planners,
    videos,
    images,
    unconfigured: unconfigured.filter((u) =>
      u.kind === 'planner' ? !planners.some((p) => p.id === u.id) : u.kind === 'image model' ? !images.some((i) => i.id === u.id) : !videos.some((v) => v.id === u.id),
    ),
  };
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
function readWorkflow(path: string, setting: string): { workflowPath: string; workflow: ComfyWorkflow; workflowName: string } {
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
