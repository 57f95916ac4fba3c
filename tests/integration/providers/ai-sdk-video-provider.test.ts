/**
 * Remote video models through the AI SDK (fal, Replicate, xAI, Veo), against local stand-ins that
 * speak each API's protocol: what our requests carry (auth, prompt, size, seed, images), how often
 * a job is polled, what progress and provenance come back, that the result is a real file, and
 * that every fault becomes the right typed error.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAiSdkVideoProvider, type AiVideoSettings } from '../../../server/providers/ai-video/ai-sdk-video.provider.ts';
import { ProviderError } from '../../../server/providers/errors.ts';
import { runVideoJob } from '../../../server/providers/run-video-job.ts';
import { composeVideoPrompt } from '../../../server/providers/video-prompt.ts';
import type { VideoRequest } from '../../../server/providers/video.types.ts';
import { ffprobe } from '../../support/ffprobe.ts';
import { buildVideoRequest } from '../../support/media-fixtures.ts';
import { startMockVideoApiServer, type MockVideoApiServer, type VideoApi } from '../../support/mock-video-api-server.ts';

const KEY = 'video-key-123';
const KINDS: Record<VideoApi, AiVideoSettings['kind']> = { fal: 'fal', replicate: 'replicate', xai: 'xai', veo: 'google' };
const MODELS: Record<VideoApi, string> = {
  fal: 'fal-ai/kling-video/v2.1/standard/image-to-video',
  replicate: 'minimax/video-01',
  xai: 'grok-imagine-video',
  veo: 'veo-3.1-generate-preview',
};

let mock: MockVideoApiServer;
let workDir: string;
let framePath: string;

function provider(api: VideoApi, overrides: Partial<AiVideoSettings> = {}) {
  const base = api === 'fal' ? mock.url : api === 'veo' ? mock.veoBase : api === 'xai' ? mock.xaiBase : mock.replicateBase;
  return createAiSdkVideoProvider({
    id: `test-${api}`,
    kind: KINDS[api],
    model: MODELS[api],
    apiKey: KEY,
    keySetting: `TEST_${api.toUpperCase()}_KEY`,
    baseUrl: base,
    maxConcurrent: 2,
    timeoutMs: 2_000,
    pollMs: 40,
    maxJobMs: 60_000,
    ...overrides,
  });
}

/** Runs a job the way the workflow engine does; resolves with the result or the typed error. */
async function render(api: VideoApi, request: VideoRequest = buildVideoRequest(), overrides: Partial<AiVideoSettings> = {}) {
  const progress: number[] = [];
  try {
    const result = await runVideoJob(provider(api, overrides), request, { workDir, pollMs: 10, onProgress: (value) => void progress.push(value) });
    return { result, progress };
  } catch (error) {
    return { error: error as ProviderError, progress };
  }
}

const submitted = (api: VideoApi) => mock.requests.filter((entry) => entry.api === api && entry.method === 'POST' && entry.body !== null).at(-1)!;

beforeAll(async () => {
  mock = await startMockVideoApiServer({ acceptKey: KEY, defaultJob: { steps: 3, stepMs: 0 } });
  workDir = await mkdtemp(join(tmpdir(), 'dailies-ai-video-'));
  // A real PNG for image input: the first frame of the mock's own clip is not needed, any picture is.
  framePath = join(workDir, 'frame.png');
  await writeFile(framePath, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'));
}, 60_000);

afterAll(async () => {
  await mock?.close();
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  mock.clearFaults();
  mock.requests.length = 0;
  mock.defaultJob = { steps: 3, stepMs: 0 };
});

describe.each(['fal', 'replicate', 'xai', 'veo'] as VideoApi[])('%s through the AI SDK', (api) => {
  it('sends the composed prompt, size, length and seed with its key, and hands back a playable file with provenance', async () => {
    const request = buildVideoRequest({ seed: 4242, shot: { duration: 5 } });
    const { result, error } = await render(api, request);
    expect(error).toBeUndefined();
    expect(result!.kind).toBe('file');
    const facts = await ffprobe((result as { path: string }).path);
    expect(facts.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 320, height: 180 });
    expect(facts.duration).toBeCloseTo(2, 1);

    const sent = submitted(api);
    const auth = { fal: `Key ${KEY}`, replicate: `Bearer ${KEY}`, xai: `Bearer ${KEY}` }[api as 'fal'];
    if (api === 'veo') expect(sent.headers['x-goog-api-key']).toBe(KEY);
    else expect(sent.headers.authorization).toBe(auth);
    const prompt = composeVideoPrompt(request);
    // The prompt carries the style and each visible character's fixed look.
    expect(prompt).toContain('flat colour animatic');
    expect(prompt).toContain('Mika');
    const body = sent.body as Record<string, unknown>;
    if (api === 'fal') expect(body).toMatchObject({ prompt, aspect_ratio: '16:9', duration: '5s', seed: 4242 });
    if (api === 'replicate') expect(body.input).toMatchObject({ prompt, aspect_ratio: '16:9', size: '1280x720', duration: 5, seed: 4242 });
    if (api === 'xai') expect(body).toMatchObject({ prompt, model: 'grok-imagine-video', duration: 5, aspect_ratio: '16:9', resolution: '720p' });
    // Veo takes 4, 6 or 8 s: a 5-s shot is asked for as 6, the longer on a tie.
    if (api === 'veo') expect(body).toMatchObject({ instances: [{ prompt }], parameters: { aspectRatio: '16:9', durationSeconds: 6, seed: 4242, resolution: '720p' } });
    // The SDK is told not to retry: one submit per job.
    expect(mock.requests.filter((entry) => entry.api === api && entry.method === 'POST').length).toBe(1);

    const provenance = result!.provenance!;
    expect(provenance).toMatchObject({ model: MODELS[api], prompt, references: [] });
    expect(provenance.jobId).toBe(mock.jobs.at(-1)!.id);
    // fal reports the seed it used; the others the one sent.
    expect(provenance.seed).toBe(api === 'fal' ? (mock.jobs.at(-1)!.request.seed ?? 4242) : 4242);
    if (api === 'xai') expect(provenance.costUsd).toBeGreaterThan(0);
    else expect(provenance.costUsd).toBeUndefined();
  });

  it('polls no faster than its interval', async () => {
    mock.defaultJob = { steps: 4, stepMs: 0 };
    const { error } = await render(api, buildVideoRequest(), { pollMs: 150 });
    expect(error).toBeUndefined();
    const polls = mock.requests.filter((entry) => entry.api === api && entry.method === 'GET' && !entry.path.includes('/files/') && !entry.path.includes(':download'));
    expect(polls.length).toBeGreaterThanOrEqual(3);
    // From each answer to the next poll: a busy machine can only make this longer, never shorter.
    const gaps = polls.slice(1).map((entry, index) => entry.at - polls[index]!.answeredAt!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(140);
  });

  it('waits out a 429 on a status poll and a 500, then finishes', async () => {
    mock.script(api, { on: 'poll', status: 429, retryAfter: 1 }, { on: 'poll', status: 500 });
    const started = Date.now();
    const { error, result } = await render(api);
    expect(error).toBeUndefined();
    expect(result!.kind).toBe('file');
    // The Retry-After second was honoured before polling again.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('maps a 429 on submit to rate_limited with the Retry-After', async () => {
    mock.script(api, { on: 'submit', status: 429, retryAfter: 7 });
    const { error } = await render(api);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error!.kind).toBe('rate_limited');
    expect(error!.retryAfterMs).toBe(7000);
  });

  it('maps a 500 on submit and a hang to retryable', async () => {
    mock.script(api, { on: 'submit', status: 500 });
    const failed = await render(api);
    expect(failed.error!.kind).toBe('retryable');
    mock.script(api, { on: 'submit', hang: true });
    const hung = await render(api);
    expect(hung.error!.kind).toBe('retryable');
    expect(hung.error!.message).toMatch(/in time|timed out|abort/i);
  });

  it('maps a policy refusal to refused_by_policy and a plain failure to retryable', async () => {
    mock.script(api, { outcome: 'policy' });
    const refused = await render(api);
    expect(refused.error!.kind).toBe('refused_by_policy');
    mock.script(api, { outcome: 'failure' });
    const failed = await render(api);
    expect(failed.error!.kind).toBe('retryable');
  });

  it('maps malformed output and a result URL that 404s to retryable', async () => {
    mock.script(api, { outcome: 'malformed' });
    const malformed = await render(api);
    expect(malformed.error!.kind).toBe('retryable');
    mock.script(api, { outcome: 'video-404' });
    const gone = await render(api);
    expect(gone.error!.kind).toBe('retryable');
    expect(gone.error!.message).toMatch(/HTTP 404/);
    // The result URL is never quoted: some carry the key.
    expect(gone.error!.message).not.toContain(KEY);
  });

  it('refuses bad input and a wrong key as invalid_input, naming the key setting', async () => {
    mock.script(api, { outcome: 'invalid-input' });
    const invalid = await render(api);
    expect(invalid.error!.kind).toBe('invalid_input');
    const wrongKey = await render(api, buildVideoRequest(), { apiKey: 'wrong' });
    expect(wrongKey.error!.kind).toBe('invalid_input');
    expect(wrongKey.error!.message).toContain(`TEST_${api.toUpperCase()}_KEY`);
    expect(wrongKey.error!.message).not.toContain('wrong');
  });

  it('checks reachability and credentials with a verdict', async () => {
    await expect(provider(api).check!()).resolves.toMatchObject({ ok: true, verdict: expect.stringContaining('credentials accepted') });
    const refused = await provider(api, { apiKey: 'wrong' }).check!();
    expect(refused).toEqual({ ok: false, verdict: expect.stringContaining(`credentials refused`) });
    const away = await provider(api, { baseUrl: 'http://127.0.0.1:9' }).check!();
    expect(away).toEqual({ ok: false, verdict: expect.stringMatching(/^unreachable at 127\.0\.0\.1:9/) });
  });
});

describe('AI SDK video providers: images, progress and cancel', () => {
  const withFrame = () =>
    buildVideoRequest({ references: { previousFrame: { role: 'previous_frame', path: framePath, mimeType: 'image/png', source: 'segments/e/s/source.mp4' }, characters: [] } });

  it('sends the previous take’s last frame as the first frame to a model that takes one, and records it', async () => {
    const { result } = await render('fal', withFrame(), { imageInput: { firstFrame: true, references: false } });
    const png = (await readFile(framePath)).toString('base64');
    expect((submitted('fal').body as { image_url?: string }).image_url).toBe(`data:image/png;base64,${png}`);
    expect(result!.provenance!.references).toEqual(['segments/e/s/source.mp4']);
    // A text-to-video model gets no image, and none is recorded.
    const plain = await render('fal', withFrame(), { imageInput: { firstFrame: false, references: false } });
    expect(submitted('fal').body).not.toHaveProperty('image_url');
    expect(plain.result!.provenance!.references).toEqual([]);
  });

  it('sends characters’ reference images to Veo when no first frame applies', async () => {
    const request = buildVideoRequest({
      references: { characters: [{ role: 'character', characterKey: 'mika', path: framePath, mimeType: 'image/png', source: 'uploads/e/mika.png' }] },
    });
    const { result } = await render('veo', request);
    const instance = (submitted('veo').body as { instances: { referenceImages?: { image: { bytesBase64Encoded: string }; referenceType: string }[] }[] }).instances[0]!;
    expect(instance.referenceImages).toEqual([{ image: expect.objectContaining({ bytesBase64Encoded: (await readFile(framePath)).toString('base64') }), referenceType: 'asset' }]);
    expect(result!.provenance!.references).toEqual(['uploads/e/mika.png']);
  });

  it('reports the progress the API tells (xAI, Replicate) and never goes back', async () => {
    mock.defaultJob = { steps: 5, stepMs: 0 };
    for (const api of ['xai', 'replicate'] as const) {
      const { progress } = await render(api);
      expect(progress.length).toBeGreaterThanOrEqual(2);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(progress.at(-1)).toBeGreaterThan(progress[0]!);
    }
  });

  it('cancels at the provider where the API can: fal and Replicate', async () => {
    mock.defaultJob = { steps: 50, stepMs: 50 };
    for (const api of ['fal', 'replicate'] as const) {
      const video = provider(api);
      const { jobId } = await video.submit(buildVideoRequest(), { workDir });
      await video.cancel(jobId);
      const cancel = mock.requests.filter((entry) => entry.api === api && /\/cancel$/.test(entry.path));
      expect(cancel).toHaveLength(1);
      expect(cancel[0]!.method).toBe(api === 'fal' ? 'PUT' : 'POST');
      expect(mock.jobs.at(-1)!.state).toBe('canceled');
      await expect(video.result(jobId)).rejects.toMatchObject({ kind: 'retryable' });
    }
  });
});
