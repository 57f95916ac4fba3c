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
 * Then the providers file, when DAILIES_PROVIDERS_FILE names one (see providers-file.ts).
 */
import { applyProvidersFile, readWorkflow } from './providers-file.ts';
import {
  DEFAULT_COMFYUI_WORKFLOW,
  DEFAULT_GEMINI_MODEL,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_VIDEO_MODELS,
  VIDEO_DEFAULTS,
  type LanguageModelSettings,
  ANIMATIC_SLATES,
  ANIMATIC_SUBTITLES,
  type AnimaticSubtitles,
  ANIMATIC_VOICES,
  type AnimaticVoice,
  type AnimaticSlate,
  type ProvidersConfig,
  type RemoteImageSettings,
  type RemoteVideoKind,
  type RemoteVideoSettings,
  type UnconfiguredProvider,
  type VideoProviderSettings,
} from './provider-settings.ts';

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
    applyProvidersFile(file, value, { planners, videos, images, unconfigured }, timeoutMs);
  }
  const slate = value('DAILIES_ANIMATIC_SLATE') ?? 'none';
  if (!ANIMATIC_SLATES.includes(slate as AnimaticSlate)) throw new Error(`DAILIES_ANIMATIC_SLATE must be one of ${ANIMATIC_SLATES.join(', ')}.`);
  const subtitles = value('DAILIES_ANIMATIC_SUBTITLES') ?? 'track';
  if (!ANIMATIC_SUBTITLES.includes(subtitles as AnimaticSubtitles)) {
    throw new Error(`DAILIES_ANIMATIC_SUBTITLES must be one of ${ANIMATIC_SUBTITLES.join(', ')}.`);
  }
  const voice = value('DAILIES_ANIMATIC_VOICE') ?? 'on';
  if (!ANIMATIC_VOICES.includes(voice as AnimaticVoice)) throw new Error(`DAILIES_ANIMATIC_VOICE must be one of ${ANIMATIC_VOICES.join(', ')}.`);
  return {
    planners,
    videos,
    images,
    animaticSlate: slate as AnimaticSlate,
    animaticSubtitles: subtitles as AnimaticSubtitles,
    animaticVoice: voice as AnimaticVoice,
    unconfigured: unconfigured.filter((u) =>
      u.kind === 'planner' ? !planners.some((p) => p.id === u.id) : u.kind === 'image model' ? !images.some((i) => i.id === u.id) : !videos.some((v) => v.id === u.id),
    ),
  };
}
