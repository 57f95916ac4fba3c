/**
 * Takes from a remote video model, through the whole workflow (API, worker, storage): the cost
 * estimate before a run and the spend after, the provenance on each take, a character's reference
 * image (with every class of bad upload refused), and the previous approved take's last frame
 * handed to an image-to-video model for the next shot of the same scene.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiSdkVideoProvider } from '../../../server/providers/ai-video/ai-sdk-video.provider.ts';
import { createOpenAiVideoProvider } from '../../../server/providers/openai-video/openai-video.provider.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { startHarness, type Harness } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { makeScratchDir } from '../../support/media-fixtures.ts';
import { startMockVideoApiServer, type MockVideoApiServer } from '../../support/mock-video-api-server.ts';
import { eventually } from '../../support/server-process.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { jobsDone } from '../../support/jobs.ts';

const run = promisify(execFile);
const PRICE = 0.05;
const KEY = 'veo-test-key';

let mock: MockVideoApiServer;
let harness: Harness;
let editor: TestClient;
let episodeId: string;
let scratch: { dir: string; cleanup: () => Promise<void> };

interface Segment {
  id: string;
  segment_number: number;
  status: string;
  version: number;
}

interface Costs {
  currency: string;
  planning: unknown;
  spent: { cost_usd: number; unpriced_takes: number; by_provider: { provider: string; takes: number; cost_usd: number; unpriced_takes: number }[] };
  estimate: { shots: number; seconds: number; provider: string; cost_usd: number | null; by_provider: { provider: string; seconds: number; price_per_second_usd: number | null; cost_usd: number | null }[] };
}

const statusOf = async () => (await editor.json<{ segments: Segment[] }>('GET', `/api/v1/episodes/${episodeId}/segments/status`)).body.segments;
const costs = async () => (await editor.json<Costs>('GET', `/api/v1/episodes/${episodeId}/costs`)).body;
const upload = (key: string, bytes: Uint8Array, client: TestClient = editor) =>
  client.request('PUT', `/api/v1/episodes/${episodeId}/characters/${key}/reference?filename=ada.png`, bytes, { 'content-type': 'image/png' });

beforeAll(async () => {
  scratch = await makeScratchDir('dailies-remote-takes-');
  mock = await startMockVideoApiServer({ acceptKey: KEY, defaultJob: { steps: 2, stepMs: 0 } });
  const veo = createAiSdkVideoProvider({
    id: 'veo',
    kind: 'google',
    model: 'veo-3.1-generate-preview',
    apiKey: KEY,
    keySetting: 'GEMINI_KEY',
    baseUrl: mock.veoBase,
    maxConcurrent: 2,
    pricePerSecondUsd: PRICE,
    imageInput: { firstFrame: true, references: true },
    // Veo makes 4, 6 or 8 s clips: each shot here is rendered, and billed, as 4 s.
    durations: [4, 6, 8],
    timeoutMs: 5_000,
    pollMs: 30,
    maxJobMs: 60_000,
  });
  // Quoted only, never called: a model that makes 4, 8 or 12 s clips.
  const sora = createOpenAiVideoProvider({
    id: 'sora',
    kind: 'openai',
    model: 'sora-2',
    apiKey: KEY,
    keySetting: 'OPENAI_KEY',
    baseUrl: 'http://127.0.0.1:9/v1',
    maxConcurrent: 1,
    pricePerSecondUsd: 0.1,
    timeoutMs: 5_000,
    pollMs: 30,
    maxJobMs: 60_000,
  });
  harness = await startHarness({ providers: createProviderRegistry({ videos: [veo, sora] }) });
  editor = harness.editor;
  const shots = [
    { scene: 'EXT. HARBOUR - DAWN', prompt: 'Ada unties the boat', duration: 2, characters: ['Ada'] },
    { scene: 'EXT. HARBOUR - DAWN', prompt: 'Ada rows out past the lighthouse', duration: 3, characters: ['Ada'] },
    { scene: 'INT. CABIN - NIGHT', prompt: 'Bo lights a lamp', duration: 2, characters: ['Bo'] },
  ];
  const { status, body } = await editor.json<{ id: string }>('POST', '/api/v1/episodes', { shots, title: 'The harbour', video_provider: 'veo' });
  expect(status).toBe(201);
  episodeId = body.id;
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await mock?.close();
  await scratch?.cleanup();
});

describe('takes from a remote video model', () => {
  it('estimates the run before it starts, with this provider and each other one', async () => {
    const before = await costs();
    expect(before.currency).toBe('USD');
    // Shots given as they are: no language model planned them.
    expect(before.planning).toBeNull();
    expect(before.spent).toEqual({ cost_usd: 0, unpriced_takes: 0, by_provider: [] });
    expect(before.estimate).toMatchObject({ shots: 3, seconds: 7, provider: 'veo', cost_usd: 0.6 });
    // Each at the lengths it makes: the 2, 3 and 2 s shots are three 4-s clips for Veo and Sora.
    expect(before.estimate.by_provider).toEqual([
      { provider: 'builtin', seconds: 7, price_per_second_usd: 0, cost_usd: 0 },
      { provider: 'veo', seconds: 12, price_per_second_usd: PRICE, cost_usd: 0.6 },
      { provider: 'sora', seconds: 12, price_per_second_usd: 0.1, cost_usd: 1.2 },
    ]);
  });

  it('takes a character reference image, refusing what is not one', async () => {
    const good = join(scratch.dir, 'ada.png');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=orange:s=256x256', '-frames:v', '1', good]);
    const tiny = join(scratch.dir, 'tiny.png');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=orange:s=16x16', '-frames:v', '1', tiny]);
    const clip = join(scratch.dir, 'clip.gif');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=s=128x128:d=0.5', clip]);

    await jobsDone(harness.context.services.db);
    const before = await databaseFingerprint(harness.context.services.db);
    const notImage = await upload('ada', new TextEncoder().encode('hello, I am text'));
    expect(notImage.status).toBe(422);
    expect(((await notImage.json()) as { error: { code: string } }).error.code).toBe('not_an_image');
    const small = await upload('ada', new Uint8Array(await readFile(tiny)));
    expect(small.status).toBe(422);
    expect(((await small.json()) as { error: { message: string } }).error.message).toMatch(/16×16 pixels/);
    const gif = await upload('ada', new Uint8Array(await readFile(clip)));
    expect(gif.status).toBe(422);
    const empty = await upload('ada', new Uint8Array());
    expect(empty.status).toBe(400);
    const nobody = await upload('zed', new Uint8Array(await readFile(good)));
    expect(nobody.status).toBe(404);
    expect(await databaseFingerprint(harness.context.services.db)).toEqual(before);
    const viewer = await signedUpClient(harness.server.base, 'viewer@example.com');
    const stranger = await upload('ada', new Uint8Array(await readFile(good)), viewer);
    expect(stranger.status).toBe(404);
    // Nothing was stored by the refusals.
    const { body: episode } = await editor.json<{ characters: { key: string; reference_image_url: string | null }[] }>('GET', `/api/v1/episodes/${episodeId}`);
    expect(episode.characters.find((c) => c.key === 'ada')!.reference_image_url).toBeNull();

    const ok = await upload('ada', new Uint8Array(await readFile(good)));
    expect(ok.status).toBe(200);
    const { body: after } = await editor.json<{ characters: { key: string; reference_image_url: string | null }[] }>('GET', `/api/v1/episodes/${episodeId}`);
    const url = after.characters.find((c) => c.key === 'ada')!.reference_image_url!;
    expect(url).toMatch(/^\/media\/uploads\//);
    expect((await editor.get(url)).status).toBe(200);
  });

  it('records provenance and cost on each take, and sends the reference images it has', async () => {
    await editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' });
    const segments = await eventually(async () => {
      const all = await statusOf();
      return all.every((segment) => segment.status === 'completed') && all;
    }, 60_000, 'three remote takes');
    const detail = async (id: string) => (await editor.json<{ provenance: Record<string, unknown> & { references: string[] }; cost: { usd: number; source: string } }>('GET', `/api/v1/segments/${id}`)).body;
    const first = await detail(segments[0]!.id);
    expect(first.provenance).toMatchObject({ provider: 'veo', model: 'veo-3.1-generate-preview', job_id: expect.any(String) });
    expect(first.provenance.prompt).toContain('Ada unties the boat');
    expect(first.provenance.latency_ms).toBeGreaterThan(0);
    // The 2-s shot was asked for, and billed, as Veo's shortest clip: 4 s.
    expect(first.cost).toEqual({ usd: 0.2, source: 'price_list' });
    // Nothing was approved yet, so no shot had a frame to start from: Ada's two shots got her
    // reference image, Bo's shot nothing.
    const submits = mock.requests.filter((entry) => entry.api === 'veo' && entry.method === 'POST');
    expect(submits).toHaveLength(3);
    const adaImage = (await readFile(join(scratch.dir, 'ada.png'))).toString('base64');
    const sentReferences = submits.map((entry) => (entry.body as { instances: { prompt: string; referenceImages?: { image: { bytesBase64Encoded: string } }[] }[] }).instances[0]!);
    for (const instance of sentReferences) {
      if (instance.prompt.includes('Bo lights')) expect(instance.referenceImages).toBeUndefined();
      else expect(instance.referenceImages?.map((entry) => entry.image.bytesBase64Encoded)).toEqual([adaImage]);
    }
    expect(first.provenance.references).toEqual([expect.stringMatching(/^uploads\/.*\.png$/)]);
    expect((await detail(segments[2]!.id)).provenance.references).toEqual([]);

    const spent = await costs();
    // Billed at the 4 s each clip was asked for, not the shots' 7 s.
    expect(spent.spent).toEqual({ cost_usd: 0.6, unpriced_takes: 0, by_provider: [{ provider: 'veo', takes: 3, cost_usd: 0.6, unpriced_takes: 0 }] });
    expect(spent.estimate).toMatchObject({ shots: 0, seconds: 0, cost_usd: 0 });
  });

  it('starts the next shot of the scene from the last frame of the approved take before it', async () => {
    const [first, second] = await statusOf();
    expect((await editor.post(`/api/v1/segments/${first!.id}/approve`, {})).status).toBe(200);
    const regenerated = await editor.json<{ id: string }>('POST', `/api/v1/segments/${second!.id}/regenerate`, { changes: { seed: 99 } });
    expect(regenerated.status).toBe(202);
    const take = await eventually(async () => {
      const { body } = await editor.json<{ status: string; provenance: { references: string[]; seed: number } | null }>('GET', `/api/v1/segments/${regenerated.body.id}`);
      return body.status === 'completed' && body;
    }, 60_000, 'the new take');
    // The reference is the approved take of shot 1, not a character image.
    expect(take.provenance!.references).toEqual([expect.stringContaining(`/${first!.id}/`)]);
    const sent = (mock.requests.filter((entry) => entry.api === 'veo' && entry.method === 'POST').at(-1)!.body as { instances: { image?: { bytesBase64Encoded: string; mimeType: string }; referenceImages?: unknown }[] }).instances[0]!;
    expect(sent.image?.mimeType).toBe('image/png');
    // A first frame and references cannot go together: the frame wins for a continuing shot.
    expect(sent.referenceImages).toBeUndefined();
    // It is a real picture of the first take's size.
    const frame = join(scratch.dir, 'sent-frame.png');
    await writeFile(frame, Buffer.from(sent.image!.bytesBase64Encoded, 'base64'));
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', frame]);
    const { stdout: takeSize } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', join(harness.context.dataDir, take.provenance!.references[0]!)]);
    expect(stdout.trim()).toBe(takeSize.trim());
    // Spend now counts the replaced take too.
    expect((await costs()).spent.by_provider[0]).toMatchObject({ takes: 4, cost_usd: 0.8 });
  });
});
