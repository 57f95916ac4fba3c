/**
 * `dailies providers` on video providers: each remote one is checked against a stand-in of its
 * API with a verdict per provider and exit code 1 when one fails; a ComfyUI workflow without its
 * marked nodes is refused when the configuration is read; keys are never printed. The API lists
 * the providers with their limits, prices and image input, without any setting's value.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, runCli } from '../../support/cli.ts';
import { signedUpClient } from '../../support/http-client.ts';
import { startMockOpenAiVideoServer, type MockOpenAiVideoServer } from '../../support/mock-openai-video-server.ts';
import { startMockVideoApiServer, type MockVideoApiServer } from '../../support/mock-video-api-server.ts';
import { startServer } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

const KEY = 'xai-secret-key-42';

describe('dailies providers with video providers', () => {
  let mock: MockVideoApiServer;
  let openAi: MockOpenAiVideoServer;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    mock = await startMockVideoApiServer({ acceptKey: KEY });
    openAi = await startMockOpenAiVideoServer({ acceptKey: KEY, models: ['sora-2'] });
    dir = await mkdtemp(join(tmpdir(), 'dailies-video-cli-'));
    file = join(dir, 'providers.json');
    await writeFile(
      file,
      JSON.stringify({
        video: [
          { id: 'grok', kind: 'xai', model: 'grok-imagine-video', base_url: mock.xaiBase, api_key_env: 'XAI_KEY', price_per_second: 0.05, max_concurrent: 3, requests_per_minute: 20 },
          { id: 'veo-fast', kind: 'google', model: 'veo-3.1-fast-generate-preview', base_url: mock.veoBase, api_key_env: 'GEMINI_KEY' },
        ],
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await mock?.close();
    await openAi?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('checks each one and says why one fails, never printing a key', async () => {
    const openAiEnv = { DAILIES_OPENAI_API_KEY: KEY, DAILIES_OPENAI_BASE_URL: openAi.base };
    const good = await runCli(['providers'], childEnv({ DAILIES_PROVIDERS_FILE: file, XAI_KEY: KEY, GEMINI_KEY: KEY, ...openAiEnv }));
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/openai\s+ok: reachable, credentials accepted, model sora-2/);
    expect(good.stdout).toMatch(/grok\s+ok: reachable, credentials accepted, model grok-imagine-video/);
    expect(good.stdout).toMatch(/veo-fast\s+ok: reachable, credentials accepted/);
    expect(good.stdout).toMatch(/builtin\s+local, nothing to check/);
    expect(good.stdout).toMatch(/Image models[^\n]*\n\s+builtin\s+local, nothing to check\n\s+Built-in figure painter/);
    expect(good.stdout).toMatch(/fal\s+video provider: DAILIES_FAL_API_KEY, DAILIES_FAL_MODEL/);

    const wrong = await runCli(['providers'], childEnv({ DAILIES_PROVIDERS_FILE: file, XAI_KEY: 'not-the-key', GEMINI_KEY: KEY, ...openAiEnv, DAILIES_OPENAI_VIDEO_MODEL: 'sora-9' }));
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/grok\s+FAILED: credentials refused \(HTTP 400\); check XAI_KEY/);
    expect(wrong.stdout).toMatch(/veo-fast\s+ok/);
    expect(wrong.stdout).toMatch(/openai\s+FAILED: reachable, but the model "sora-9" is unknown there/);
    expect(wrong.stdout + wrong.stderr).not.toContain('not-the-key');
    expect(good.stdout + good.stderr).not.toContain(KEY);

    // A key variable left unset: the provider is listed as needing it.
    const unset = await runCli(['providers', '--no-check'], childEnv({ DAILIES_PROVIDERS_FILE: file, GEMINI_KEY: KEY }));
    expect(unset.code).toBe(0);
    expect(unset.stdout).toMatch(/grok\s+video provider: XAI_KEY/);
  });

  it('refuses a ComfyUI workflow without its marked nodes, naming the file and the marker', async () => {
    const workflow = join(dir, 'bare.json');
    await writeFile(workflow, JSON.stringify({ '1': { class_type: 'CLIPTextEncode', inputs: { text: 'x', clip: ['2', 0] }, _meta: { title: 'Prompt' } } }));
    const bad = await runCli(['providers', '--no-check'], childEnv({ DAILIES_COMFYUI_URL: 'http://127.0.0.1:8188', DAILIES_COMFYUI_WORKFLOW: workflow }));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/DAILIES_COMFYUI_WORKFLOW: .*bare\.json.*\[dailies:prompt\]/);
    const missing = await runCli(['providers', '--no-check'], childEnv({ DAILIES_COMFYUI_URL: 'http://127.0.0.1:8188', DAILIES_COMFYUI_WORKFLOW: join(dir, 'nowhere.json') }));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/could not be read/);
    // The default workflow is usable as shipped.
    const shipped = await runCli(['providers', '--no-check'], childEnv({ DAILIES_COMFYUI_URL: 'http://127.0.0.1:8188' }));
    expect(shipped.code).toBe(0);
    expect(shipped.stdout).toMatch(/comfyui\s+not checked/);
  });
});

describe('GET /api/v1/providers with video providers', () => {
  let context: TestContext;
  let mock: MockVideoApiServer;
  let dir: string;

  beforeAll(async () => {
    mock = await startMockVideoApiServer({ acceptKey: KEY });
    dir = await mkdtemp(join(tmpdir(), 'dailies-video-api-'));
    context = await createTestContext();
  }, 60_000);

  afterAll(async () => {
    await context?.cleanup();
    await mock?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists them with limits, price and image input, and never a key', async () => {
    const file = join(dir, 'providers.json');
    await writeFile(file, JSON.stringify({ video: [{ id: 'grok', kind: 'xai', model: 'grok-imagine-video', base_url: mock.xaiBase, api_key_env: 'XAI_KEY', price_per_second: 0.05, requests_per_minute: 20 }] }));
    const server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir, DAILIES_PROVIDERS_FILE: file, XAI_KEY: KEY });
    try {
      const client = await signedUpClient(server.base, 'lister@example.com');
      const response = await client.get('/api/v1/providers');
      const text = await response.text();
      expect(text).not.toContain(KEY);
      const body = JSON.parse(text) as { video: Record<string, unknown>[] };
      expect(body.video.find((entry) => entry.id === 'grok')).toEqual({
        id: 'grok',
        description: expect.stringContaining('xAI video model grok-imagine-video'),
        model: 'grok-imagine-video',
        makes_sound: false,
        max_concurrent: 2,
        requests_per_minute: 20,
        price_per_second_usd: 0.05,
        image_input: { first_frame: true, references: true },
        output_range: { max_long_side: 1920, max_short_side: 1080, max_fps: 60 },
        options: {},
      });
    } finally {
      await server.stop();
    }
  });
});
