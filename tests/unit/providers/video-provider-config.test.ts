/**
 * Video providers from the environment and from the providers file: what each setting enables,
 * what is named as missing, and the clear refusals of a file that cannot be used.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providersConfigFromEnv } from '../../../server/providers/provider-config.ts';
import { DEFAULT_COMFYUI_WORKFLOW } from '../../../server/providers/provider-settings.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';

describe('video provider settings', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dailies-video-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (content: unknown) => {
    const path = join(dir, `providers-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('enables each video provider from its variables and names the missing ones', () => {
    const none = providersConfigFromEnv({});
    expect(none.videos).toEqual([]);
    expect(none.unconfigured.filter((entry) => entry.kind === 'video provider')).toEqual([
      { id: 'fal', kind: 'video provider', missing: ['DAILIES_FAL_API_KEY', 'DAILIES_FAL_MODEL'] },
      { id: 'replicate', kind: 'video provider', missing: ['DAILIES_REPLICATE_API_TOKEN', 'DAILIES_REPLICATE_MODEL'] },
      { id: 'xai', kind: 'video provider', missing: ['DAILIES_XAI_API_KEY'] },
      { id: 'veo', kind: 'video provider', missing: ['DAILIES_GEMINI_API_KEY'] },
      { id: 'openai', kind: 'video provider', missing: ['DAILIES_OPENAI_API_KEY'] },
      { id: 'comfyui', kind: 'video provider', missing: ['DAILIES_COMFYUI_URL'] },
    ]);

    const some = providersConfigFromEnv({
      DAILIES_FAL_API_KEY: 'fal-key',
      DAILIES_FAL_MODEL: 'fal-ai/kling-video/v2.1/standard/text-to-video',
      DAILIES_XAI_API_KEY: 'xai-key',
      DAILIES_GEMINI_API_KEY: 'g-key',
      DAILIES_OPENAI_API_KEY: 'sk-key',
      DAILIES_OPENAI_BASE_URL: 'https://gateway.example.com/v1',
      DAILIES_COMFYUI_URL: 'http://127.0.0.1:8188',
      DAILIES_REPLICATE_MODEL: 'minimax/video-01',
    });
    expect(some.videos.map((video) => [video.id, video.kind, 'model' in video ? video.model : video.workflowPath])).toEqual([
      ['fal', 'fal', 'fal-ai/kling-video/v2.1/standard/text-to-video'],
      ['xai', 'xai', 'grok-imagine-video'],
      ['veo', 'google', 'veo-3.1-generate-preview'],
      ['openai', 'openai', 'sora-2'],
      ['comfyui', 'comfyui', DEFAULT_COMFYUI_WORKFLOW],
    ]);
    expect(some.videos.find((video) => video.id === 'openai')).toMatchObject({ baseUrl: 'https://gateway.example.com/v1', keySetting: 'DAILIES_OPENAI_API_KEY' });
    // Only the token is missing for Replicate now.
    expect(some.unconfigured.filter((entry) => entry.kind === 'video provider')).toEqual([{ id: 'replicate', kind: 'video provider', missing: ['DAILIES_REPLICATE_API_TOKEN'] }]);
  });

  it('takes the built-in animatic slate as none or thin, and refuses anything else', () => {
    expect(providersConfigFromEnv({}).animaticSlate).toBe('none');
    expect(providersConfigFromEnv({ DAILIES_ANIMATIC_SLATE: 'thin' }).animaticSlate).toBe('thin');
    expect(() => providersConfigFromEnv({ DAILIES_ANIMATIC_SLATE: 'big' })).toThrow(/DAILIES_ANIMATIC_SLATE must be one of none, thin/);
    expect(providersConfigFromEnv({}).animaticSubtitles).toBe('track');
    expect(providersConfigFromEnv({ DAILIES_ANIMATIC_SUBTITLES: 'burned' }).animaticSubtitles).toBe('burned');
    expect(() => providersConfigFromEnv({ DAILIES_ANIMATIC_SUBTITLES: 'both' })).toThrow(/DAILIES_ANIMATIC_SUBTITLES must be one of track, burned/);
  });

  it('takes the built-in animatic voice as on (by default) or off, and refuses anything else', () => {
    expect(providersConfigFromEnv({}).animaticVoice).toBe('on');
    expect(providersConfigFromEnv({ DAILIES_ANIMATIC_VOICE: 'off' }).animaticVoice).toBe('off');
    expect(() => providersConfigFromEnv({ DAILIES_ANIMATIC_VOICE: 'yes' })).toThrow(/DAILIES_ANIMATIC_VOICE must be one of on, off/);
  });

  it('refuses a ComfyUI or OpenAI address that is not http(s)', () => {
    expect(() => providersConfigFromEnv({ DAILIES_COMFYUI_URL: '127.0.0.1:8188' })).toThrow(/DAILIES_COMFYUI_URL must start with http/);
    expect(() => providersConfigFromEnv({ DAILIES_OPENAI_API_KEY: 'k', DAILIES_OPENAI_BASE_URL: 'gateway/v1' })).toThrow(/DAILIES_OPENAI_BASE_URL must start with http/);
  });

  it('reads an OpenAI video API entry with its sizes, and refuses settings that do not apply to it', async () => {
    const path = await file({
      video: [{ id: 'sora-gw', kind: 'openai', model: 'sora-2-pro', base_url: 'https://gateway.example.com/v1', api_key_env: 'GW_KEY', sizes: ['1280x720'], durations: [4, 8], sound: false }],
    });
    expect(providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: path, GW_KEY: 'k' }).videos).toEqual([
      expect.objectContaining({ id: 'sora-gw', kind: 'openai', model: 'sora-2-pro', baseUrl: 'https://gateway.example.com/v1', sizes: ['1280x720'], durations: [4, 8], sound: false }),
    ]);
    const withOptions = await file({ video: [{ id: 'o', kind: 'openai', model: 'sora-2', api_key_env: 'K', options: { a: 1 } }] });
    expect(() => providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: withOptions, K: 'k' })).toThrow(/do not apply to kind "openai"/);
    const sizesElsewhere = await file({ video: [{ id: 'x', kind: 'xai', model: 'm', api_key_env: 'K', sizes: ['1280x720'] }] });
    expect(() => providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: sizesElsewhere, K: 'k' })).toThrow(/sizes applies to kind "openai" only/);
    const badSize = await file({ video: [{ id: 'o', kind: 'openai', model: 'sora-2', api_key_env: 'K', sizes: ['wide'] }] });
    expect(() => providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: badSize, K: 'k' })).toThrow(/at video\.0\.sizes\.0: must be WIDTHxHEIGHT/);
  });

  it('reads video providers from the file with their limits, prices and image input', async () => {
    const path = await file({
      video: [
        {
          id: 'kling',
          kind: 'fal',
          model: 'fal-ai/kling-video/v2.1/standard/image-to-video',
          api_key_env: 'FAL_KEY',
          max_concurrent: 3,
          requests_per_minute: 12,
          price_per_second: 0.056,
          durations: [5, 10],
          image_input: { first_frame: true },
        },
        { id: 'wan', kind: 'replicate', model: 'wan-video/wan-2.2-t2v-fast', api_key_env: 'REPLICATE_KEY' },
      ],
    });
    const config = providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: path, FAL_KEY: 'k' });
    expect(config.videos).toEqual([
      expect.objectContaining({
        id: 'kling',
        kind: 'fal',
        apiKey: 'k',
        keySetting: 'FAL_KEY',
        maxConcurrent: 3,
        requestsPerMinute: 12,
        pricePerSecondUsd: 0.056,
        durations: [5, 10],
        imageInput: { firstFrame: true, references: false },
      }),
    ]);
    // Its key variable is unset: named, not dropped silently.
    expect(config.unconfigured).toContainEqual({ id: 'wan', kind: 'video provider', missing: ['REPLICATE_KEY'] });

    // The registry offers it with its limits, and names the missing setting when it is chosen.
    const registry = createProviderRegistry({ unconfigured: config.unconfigured });
    expect(() => registry.video('wan')).toThrow(/not configured here: set REPLICATE_KEY/);
  });

  it('refuses a file it cannot use, naming the entry and the field', async () => {
    await expect(async () => providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: await file('{ not json') })).rejects.toThrow(/DAILIES_PROVIDERS_FILE .* is not usable/);
    const unknownKind = await file({ video: [{ id: 'runway', kind: 'runway', model: 'gen4' }] });
    expect(() => providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: unknownKind })).toThrow(/at video\.0\.kind/);
    const noModel = await file({ video: [{ id: 'x', kind: 'xai', api_key_env: 'K' }] });
    expect(() => providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: noModel, K: 'k' })).toThrow(/video provider "x" needs a model/);
    const negativePrice = await file({ video: [{ id: 'x', kind: 'xai', model: 'm', api_key_env: 'K', price_per_second: -1 }] });
    expect(() => providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: negativePrice, K: 'k' })).toThrow(/at video\.0\.price_per_second/);
    const comfyWithoutUrl = await file({ video: [{ id: 'gpu', kind: 'comfyui' }] });
    expect(() => providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: comfyWithoutUrl })).toThrow(/video provider "gpu" needs a base_url/);
  });
});
