/**
 * An episode's size and frame rate are checked against what its video provider makes when the
 * episode is created: the built-in animatic up to 1920×1080 (either way round) at 30 fps, remote
 * models that say nothing up to 1920×1080 at 60 fps. Beyond that is a 422 naming the range, and
 * no episode is made.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providersConfigFromEnv } from '../../../server/providers/provider-config.ts';
import { registryFromConfig } from '../../../server/providers/registry.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let editor: TestClient;

const create = (settings: Record<string, unknown>) =>
  editor.json<{ id: string; error: { code: string; message: string; details: unknown } }>('POST', '/api/v1/episodes', { idea: 'A kite over the dunes', ...settings });
const episodeCount = async () => (await context.services.db.selectFrom('episodes').select('id').execute()).length;

beforeAll(async () => {
  // xAI is configured by its key alone; creating an episode never calls it.
  context = await createTestContext({ providers: registryFromConfig(providersConfigFromEnv({ DAILIES_XAI_API_KEY: 'xai-test-key' })) });
  server = await startAppServer(context);
  editor = await signedUpClient(server.base, 'editor@example.com');
});
afterAll(async () => {
  await server?.close();
  await context?.cleanup();
});

describe('the built-in animatic', () => {
  it.each([
    [{ width: 1920, height: 1080, fps: 30 }],
    [{ width: 1080, height: 1920, fps: 30 }],
    [{ width: 640, height: 360, fps: 12 }],
  ])('makes %j', async (settings) => {
    const { status } = await create(settings);
    expect(status).toBe(201);
  });

  it.each([
    [{ width: 4096, height: 4096, fps: 60 }],
    [{ width: 1920, height: 1080, fps: 31 }],
    [{ width: 2048, height: 1080 }],
    [{ width: 1920, height: 1088 }],
    [{ fps: 60 }],
  ])('refuses %j with 422 naming the range, and makes no episode', async (settings) => {
    const before = await episodeCount();
    const { status, body } = await create(settings);
    expect(status).toBe(422);
    expect(body.error).toEqual({
      code: 'output_out_of_range',
      message: expect.stringContaining('makes takes up to 1920×1080 (or 1080×1920) at up to 30 fps'),
      details: {
        provider: 'builtin',
        allowed: { max_long_side: 1920, max_short_side: 1080, min_side: 16, max_fps: 30 },
        asked: { width: 1280, height: 720, fps: 24, ...settings },
      },
    });
    expect(await episodeCount()).toBe(before);
  });
});

describe('a remote model that does not say', () => {
  it('takes 1080p at 60 fps and refuses more', async () => {
    expect((await create({ video_provider: 'xai', width: 1920, height: 1080, fps: 60 })).status).toBe(201);
    const refused = await create({ video_provider: 'xai', width: 3840, height: 2160, fps: 24 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/"xai" makes takes up to 1920×1080 \(or 1080×1920\) at up to 60 fps, and this episode asks for 3840×2160 at 24 fps/);
  });
});

describe('the providers list', () => {
  it('gives each provider its range, for the new-episode form', async () => {
    const { body } = await editor.json<{ video: { id: string; output_range: unknown }[] }>('GET', '/api/v1/providers');
    expect(body.video).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: 'builtin', output_range: { max_long_side: 1920, max_short_side: 1080, max_fps: 30 } }),
      expect.objectContaining({ id: 'xai', output_range: { max_long_side: 1920, max_short_side: 1080, max_fps: 60 } }),
    ]));
  });
});
