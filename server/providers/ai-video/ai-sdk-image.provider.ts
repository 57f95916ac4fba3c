/**
 * Image models through the AI SDK's `generateImage` (xAI, Google Imagen/Gemini, fal, Replicate),
 * for characters' reference pictures. One call, no polling; the SDK does not retry (the person
 * asks again), and failures are typed like every provider's.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFal } from '@ai-sdk/fal';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createReplicate } from '@ai-sdk/replicate';
import { createXai } from '@ai-sdk/xai';
import { generateImage } from 'ai';
import { modelCallError } from '../llm/model-errors.ts';
import { retryableError } from '../errors.ts';
import type { ImageProvider, ImageRequest, ImageResult } from '../image.types.ts';
import { hostOf } from '../provider-check.ts';
import type { RemoteImageSettings } from '../provider-settings.ts';
import { API_ORIGINS } from './ai-sdk-video.provider.ts';

type SdkImageModel = Parameters<typeof generateImage>[0]['model'];

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

function imageModel(settings: RemoteImageSettings): SdkImageModel {
  const { kind, apiKey, baseUrl, model } = settings;
  const base = baseUrl ? { baseURL: baseUrl } : {};
  switch (kind) {
    case 'fal':
      return createFal({ apiKey, ...base }).image(model) as unknown as SdkImageModel;
    case 'replicate':
      return createReplicate({ apiToken: apiKey, ...base }).image(model) as unknown as SdkImageModel;
    case 'xai':
      return createXai({ apiKey, ...base }).image(model) as unknown as SdkImageModel;
    case 'google':
      return createGoogleGenerativeAI({ apiKey, ...base }).image(model) as unknown as SdkImageModel;
  }
}

export function createAiSdkImageProvider(settings: RemoteImageSettings): ImageProvider {
  const model = imageModel(settings);
  const host = hostOf(settings.baseUrl ?? API_ORIGINS[settings.kind]);
  return {
    id: settings.id,
    model: settings.model,
    description: `Image model ${settings.model} at ${host}`,
    async generate(request: ImageRequest, { workDir, signal }): Promise<ImageResult> {
      const timeout = AbortSignal.timeout(settings.timeoutMs);
      let generated: Awaited<ReturnType<typeof generateImage>>;
      try {
        generated = await generateImage({
          model,
          prompt: request.prompt,
          aspectRatio: '1:1',
          seed: request.seed,
          maxRetries: 0,
          abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        throw modelCallError(settings.id, error, settings.keySetting);
      }
      const image = generated.images[0];
      if (!image) throw retryableError(settings.id, 'The image model answered without a picture.');
      const mimeType = image.mediaType ?? 'image/png';
      const path = join(workDir, `portrait.${EXTENSIONS[mimeType] ?? 'png'}`);
      await writeFile(path, image.uint8Array);
      // The merged metadata keeps only per-image entries: the cost xAI reports is on the call.
      const ticks = (generated.calls[0]?.providerMetadata as Record<string, { costInUsdTicks?: unknown } | undefined> | undefined)?.xai?.costInUsdTicks;
      const costUsd = typeof ticks === 'number' ? ticks / 1e10 : settings.pricePerImageUsd;
      return { path, mimeType, provenance: { model: settings.model, prompt: request.prompt, seed: request.seed, ...(costUsd !== undefined ? { costUsd } : {}) } };
    },
  };
}
