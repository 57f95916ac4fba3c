/**
 * A character's reference picture made by an image model: proposed (stored, listed, not used),
 * approved by a person (then it is the reference image-to-video models get), from the built-in
 * painter and from a remote model through the AI SDK; bad requests are refused and change nothing.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiSdkImageProvider } from '../../../server/providers/ai-video/ai-sdk-image.provider.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { startHarness, type Harness } from '../../support/harness.ts';
import { jobsDone } from '../../support/jobs.ts';
import type { TestClient } from '../../support/http-client.ts';
import { makeScratchDir } from '../../support/media-fixtures.ts';
import { startMockVideoApiServer, type MockVideoApiServer } from '../../support/mock-video-api-server.ts';
import { eventually } from '../../support/server-process.ts';

const run = promisify(execFile);
const KEY = 'image-key';

let mock: MockVideoApiServer;
let harness: Harness;
let editor: TestClient;
let episodeId: string;
let scratch: { dir: string; cleanup: () => Promise<void> };

interface Picture {
  id: string;
  url: string;
  provenance: { image_model: string; model: string; prompt: string; seed: number; costUsd?: number } | null;
  is_reference: boolean;
}

interface ImageRequest {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  image_model: string;
  seed: number;
  attempts: number;
  error: { kind: string; message: string } | null;
  asset_id: string | null;
}

const listing = async (key: string) => (await editor.json<{ images: Picture[]; requests: ImageRequest[] }>('GET', `/api/v1/episodes/${episodeId}/characters/${key}/images`)).body;

/** Asks for a picture (202 at once) and waits for the worker to end the request. */
async function propose(body: Record<string, unknown>, key = 'ada'): Promise<{ request: ImageRequest; picture?: Picture }> {
  const asked = await editor.json<ImageRequest>('POST', `/api/v1/episodes/${episodeId}/characters/${key}/images`, body);
  expect(asked.status).toBe(202);
  expect(asked.body.status).toBe('queued');
  const request = await eventually(async () => {
    const found = (await listing(key)).requests.find((entry) => entry.id === asked.body.id);
    return found && (found.status === 'done' || found.status === 'failed') && found;
  }, 30_000, 'the picture request to end');
  const picture = (await listing(key)).images.find((image) => image.id === request.asset_id);
  return { request, ...(picture ? { picture } : {}) };
}

const pictures = async (key: string) => (await editor.json<{ images: Picture[] }>('GET', `/api/v1/episodes/${episodeId}/characters/${key}/images`)).body.images;
const referenceUrl = async (key: string) =>
  (await editor.json<{ characters: { key: string; reference_image_url: string | null }[] }>('GET', `/api/v1/episodes/${episodeId}`)).body.characters.find((c) => c.key === key)!.reference_image_url;

/** Width and height of a stored picture, read with ffprobe. */
async function sizeOf(url: string): Promise<string> {
  const path = join(scratch.dir, `picture-${Math.random().toString(36).slice(2)}`);
  await writeFile(path, new Uint8Array(await (await editor.get(url)).arrayBuffer()));
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height', '-of', 'csv=p=0', path]);
  return stdout.trim();
}

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-character-images-');
  mock = await startMockVideoApiServer({ acceptKey: KEY });
  const grok = createAiSdkImageProvider({ id: 'grok-image', kind: 'xai', model: 'grok-imagine-image', apiKey: KEY, keySetting: 'XAI_KEY', baseUrl: mock.xaiBase, timeoutMs: 5_000 });
  harness = await startHarness({ providers: createProviderRegistry({ images: [grok] }) });
  editor = harness.editor;
  const shots = [{ scene: 'EXT. PIER - DUSK', prompt: 'Ada waits at the end of the pier', duration: 2, characters: ['Ada'] }];
  const { body } = await editor.json<{ id: string }>('POST', '/api/v1/episodes', { shots, title: 'Pier', style: 'watercolour' });
  episodeId = body.id;
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await mock?.close();
  await scratch?.cleanup();
});

describe('character reference pictures from an image model', () => {
  it('proposes a picture from the built-in painter without making it the reference, then approves it', async () => {
    const proposed = { body: (await propose({ seed: 11 })).picture! };
    expect(proposed.body.provenance).toMatchObject({ image_model: 'builtin', model: 'figure painter', seed: 11 });
    expect(proposed.body.provenance!.prompt).toMatch(/Ada.*Style: watercolour/);
    expect(await sizeOf(proposed.body.url)).toBe('png,512,512');
    // A proposal is not used until someone approves it.
    expect(await referenceUrl('ada')).toBeNull();
    expect((await pictures('ada')).map((p) => [p.id, p.is_reference])).toEqual([[proposed.body.id, false]]);

    // The same seed paints the same picture; another seed another.
    const again = { body: (await propose({ seed: 11 })).picture! };
    const other = { body: (await propose({ seed: 12 })).picture! };
    const bytes = async (url: string) => Buffer.from(await (await editor.get(url)).arrayBuffer()).toString('base64');
    expect(await bytes(again.body.url)).toBe(await bytes(proposed.body.url));
    expect(await bytes(other.body.url)).not.toBe(await bytes(proposed.body.url));

    const approved = await editor.json<{ reference_asset_id: string }>('POST', `/api/v1/episodes/${episodeId}/characters/ada/reference/approve`, { asset_id: proposed.body.id });
    expect(approved.status).toBe(200);
    expect(approved.body.reference_asset_id).toBe(proposed.body.id);
    expect(await referenceUrl('ada')).toBe(proposed.body.url);
    expect((await pictures('ada')).filter((p) => p.is_reference).map((p) => p.id)).toEqual([proposed.body.id]);
  });

  it('asks a remote image model through the AI SDK, with the character in the prompt and the cost it reports', async () => {
    const asked = await propose({ image_model: 'grok-image', seed: 5 });
    expect(asked.request).toMatchObject({ status: 'done', image_model: 'grok-image', seed: 5, attempts: 1, error: null });
    const proposed = { body: asked.picture! };
    const sent = mock.requests.filter((entry) => entry.path === '/v1/images/generations').at(-1)!;
    expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.body).toMatchObject({ model: 'grok-imagine-image', aspect_ratio: '1:1', response_format: 'b64_json' });
    expect(String(sent.body!.prompt)).toContain('Ada');
    expect(proposed.body.provenance).toMatchObject({ image_model: 'grok-image', model: 'grok-imagine-image', costUsd: 0.02 });
    expect(await sizeOf(proposed.body.url)).toBe('png,256,256');
  });

  it('refuses bad requests and changes nothing', async () => {
    const { db } = harness.context.services;
    await jobsDone(db);
    const stored = await databaseFingerprint(db);
    const before = (await pictures('ada')).length;
    const reference = await referenceUrl('ada');
    const unknownModel = await editor.json<{ error: { code: string } }>('POST', `/api/v1/episodes/${episodeId}/characters/ada/images`, { image_model: 'dall-e' });
    expect(unknownModel.status).toBe(422);
    expect(unknownModel.body.error.code).toBe('provider_unknown');
    const junk = await editor.json<{ error: { code: string } }>('POST', `/api/v1/episodes/${episodeId}/characters/ada/images`, { seed: 'eleven' });
    expect(junk.status).toBe(400);
    const nobody = await editor.json('POST', `/api/v1/episodes/${episodeId}/characters/zed/images`, {});
    expect(nobody.status).toBe(404);
    const notUuid = await editor.json('POST', `/api/v1/episodes/${episodeId}/characters/ada/reference/approve`, { asset_id: 'x' });
    expect(notUuid.status).toBe(400);
    const stranger = await editor.json('POST', `/api/v1/episodes/${episodeId}/characters/ada/reference/approve`, { asset_id: '00000000-0000-4000-8000-000000000000' });
    expect(stranger.status).toBe(400);
    expect(await databaseFingerprint(db)).toEqual(stored);
    // None of those was queued.
    expect((await listing('ada')).requests.filter((request) => request.status === 'queued' || request.status === 'running')).toEqual([]);
    // A refusal by the model's policy ends the request with the model's reason, and stores nothing.
    mock.script('xai', { outcome: 'policy' });
    const refused = await propose({ image_model: 'grok-image' });
    expect(refused.request).toMatchObject({ status: 'failed', attempts: 1, error: { kind: 'refused_by_policy' } });
    expect(refused.picture).toBeUndefined();
    expect((await pictures('ada')).length).toBe(before);
    expect(await referenceUrl('ada')).toBe(reference);
  });

  it('waits out a rate limit in the worker, after the wait the model asked for, and then makes the picture', async () => {
    mock.script('xai', { on: 'submit', status: 429, retryAfter: 1 });
    const started = Date.now();
    const { request, picture } = await propose({ image_model: 'grok-image', seed: 8 });
    expect(request).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(picture!.provenance).toMatchObject({ image_model: 'grok-image', seed: 8 });
  });
});
