/**
 * The settings of the remote providers this process may use (planners, video providers, image
 * models), as read from the environment (provider-config.ts) or the providers file
 * (providers-file.ts), and their defaults. Keys live here only to be handed to provider clients.
 */
import { fileURLToPath } from 'node:url';
import type { ComfyWorkflow } from './comfyui/workflow.ts';
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

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface ProvidersConfig {
  planners: LanguageModelSettings[];
  videos: VideoProviderSettings[];
  images: RemoteImageSettings[];
  unconfigured: UnconfiguredProvider[];
  /** The built-in animatic's slate (`DAILIES_ANIMATIC_SLATE`): none, or one thin line at the top. */
  animaticSlate?: AnimaticSlate;
  /** The built-in animatic's dialogue (`DAILIES_ANIMATIC_SUBTITLES`): a caption track only, or also burned in. */
  animaticSubtitles?: AnimaticSubtitles;
  /** Whether the built-in animatic speaks its dialogue (`DAILIES_ANIMATIC_VOICE`). */
  animaticVoice?: AnimaticVoice;
}

export const ANIMATIC_SLATES = ['none', 'thin'] as const;
export type AnimaticSlate = (typeof ANIMATIC_SLATES)[number];

export const ANIMATIC_SUBTITLES = ['track', 'burned'] as const;
export type AnimaticSubtitles = (typeof ANIMATIC_SUBTITLES)[number];
export const ANIMATIC_VOICES = ['on', 'off'] as const;
export type AnimaticVoice = (typeof ANIMATIC_VOICES)[number];

/** The workflow `comfyui` runs when DAILIES_COMFYUI_WORKFLOW is not set. */
export const DEFAULT_COMFYUI_WORKFLOW = fileURLToPath(new URL('./comfyui/workflows/text-to-video.json', import.meta.url));

/** Models used when only a key is given. */
export const DEFAULT_VIDEO_MODELS = { xai: 'grok-imagine-video', veo: 'veo-3.1-generate-preview', openai: 'sora-2' } as const;

export const VIDEO_DEFAULTS = { maxConcurrent: 2, timeoutMs: 60_000, pollMs: 5_000, maxJobMs: 30 * 60_000 };

export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';
export const DEFAULT_TIMEOUT_MS = 120_000;
