/**
 * Which planners and video providers this process can use, by id. Episodes name theirs;
 * an unknown id is a clear 4xx, never a crash.
 */
import { AppError } from '../errors.ts';
import { createBuiltinVideoProvider } from './builtin/builtin-video.provider.ts';
import { createBuiltinPlanner } from './builtin/planner/builtin.planner.ts';
import { createAiSdkImageProvider } from './ai-video/ai-sdk-image.provider.ts';
import { createAiSdkVideoProvider } from './ai-video/ai-sdk-video.provider.ts';
import { createBuiltinImageProvider } from './builtin/builtin-image.provider.ts';
import type { ImageProvider } from './image.types.ts';
import { createComfyUiVideoProvider } from './comfyui/comfyui-video.provider.ts';
import { createConfiguredPlanner } from './llm/language-models.ts';
import { createOpenAiVideoProvider } from './openai-video/openai-video.provider.ts';
import type { Planner } from './planner.types.ts';
import type { AnimaticSlate, AnimaticSubtitles, AnimaticVoice, ProvidersConfig, UnconfiguredProvider, VideoProviderSettings } from './provider-settings.ts';
import type { VideoProvider } from './video.types.ts';

export interface ProviderRegistry {
  planner(id: string): Planner;
  video(id: string): VideoProvider;
  image(id: string): ImageProvider;
  plannerIds(): string[];
  videoIds(): string[];
  imageIds(): string[];
  /** Providers that could be used once the settings they name are given. */
  unconfigured(): UnconfiguredProvider[];
}

/** The registry of the embedded default: the built-in planner and animatic renderer. */
export function createProviderRegistry(
  extra: { planners?: Planner[]; videos?: VideoProvider[]; images?: ImageProvider[]; unconfigured?: UnconfiguredProvider[]; animaticSlate?: AnimaticSlate; animaticSubtitles?: AnimaticSubtitles; animaticVoice?: AnimaticVoice } = {},
): ProviderRegistry {
  const unconfigured = extra.unconfigured ?? [];
  const planners = new Map<string, Planner>();
  const videos = new Map<string, VideoProvider>();
  for (const planner of [createBuiltinPlanner(), ...(extra.planners ?? [])]) planners.set(planner.id, planner);
  for (const video of [createBuiltinVideoProvider({ slate: extra.animaticSlate ?? 'none', subtitles: extra.animaticSubtitles ?? 'track', voice: extra.animaticVoice ?? 'on' }), ...(extra.videos ?? [])]) videos.set(video.id, video);
  const images = new Map<string, ImageProvider>();
  for (const image of [createBuiltinImageProvider(), ...(extra.images ?? [])]) images.set(image.id, image);
  const lookup = <T>(map: Map<string, T>, kind: string, id: string): T => {
    const found = map.get(id);
    const missing = unconfigured.find((entry) => entry.id === id && entry.kind === kind);
    if (!found && missing) {
      throw new AppError('provider_not_configured', `The ${kind} "${id}" is not configured here: set ${missing.missing.join(' and ')}.`, {
        status: 422,
        details: { kind, id, missing: missing.missing },
      });
    }
    if (!found) {
      throw new AppError('provider_unknown', `No ${kind} named "${id}" is configured here; available: ${[...map.keys()].join(', ')}.`, {
        status: 422,
        details: { kind, id, available: [...map.keys()] },
      });
    }
    return found;
  };
  return {
    planner: (id) => lookup(planners, 'planner', id),
    video: (id) => lookup(videos, 'video provider', id),
    image: (id) => lookup(images, 'image model', id),
    plannerIds: () => [...planners.keys()],
    videoIds: () => [...videos.keys()],
    imageIds: () => [...images.keys()],
    unconfigured: () => [...unconfigured],
  };
}

/** The registry for a process: the built-in providers and those its configuration enables. */
export function registryFromConfig(config: ProvidersConfig): ProviderRegistry {
  return createProviderRegistry({
    planners: config.planners.map(createConfiguredPlanner),
    videos: config.videos.map(createVideoProvider),
    images: config.images.map(createAiSdkImageProvider),
    unconfigured: config.unconfigured,
    ...(config.animaticSlate ? { animaticSlate: config.animaticSlate } : {}),
    ...(config.animaticSubtitles ? { animaticSubtitles: config.animaticSubtitles } : {}),
    ...(config.animaticVoice ? { animaticVoice: config.animaticVoice } : {}),
  });
}

function createVideoProvider(settings: VideoProviderSettings): VideoProvider {
  if (settings.kind === 'comfyui') return createComfyUiVideoProvider(settings);
  if (settings.kind === 'openai') return createOpenAiVideoProvider(settings);
  return createAiSdkVideoProvider(settings);
}
