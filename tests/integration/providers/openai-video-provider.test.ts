/**
 * OpenAI's video API through the `openai` SDK, against a local stand-in speaking its protocol:
 * the multipart submit (model, prompt, allowed length and size, first frame at the video's size),
 * the Bearer key, polling no faster than the interval, progress, the downloaded file, provenance,
 * following a job from another process, and every fault as the right typed error.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../server/providers/errors.ts';
import { createOpenAiVideoProvider, nearestSize } from '../../../server/providers/openai-video/openai-video.provider.ts';
import type { OpenAiVideoSettings } from '../../../server/providers/provider-settings.ts';
import { runVideoJob } from '../../../server/providers/run-video-job.ts';
import { composeVideoPrompt } from '../../../server/providers/video-prompt.ts';
import type { VideoRequest } from '../../../server/providers/video.types.ts';
import { ffprobe } from '../../support/ffprobe.ts';
import { buildVideoRequest } from '../../support/media-fixtures.ts';
import { startMockOpenAiVideoServer, type MockOpenAiVideoServer } from '../../support/mock-openai-video-server.ts';

const KEY = 'sk-test-video-0123456789';

let mock: MockOpenAiVideoServer;
let workDir: string;
let framePath: string;

function settings(overrides: Partial<OpenAiVideoSettings> = {}): OpenAiVideoSettings {
  return {
    id: 'test-openai',
    kind: 'openai',
    model: 'sora-2',
    apiKey: KEY,
    keySetting: 'TEST_OPENAI_KEY',
    baseUrl: mock.base,
    maxConcurrent: 2,
    timeoutMs: 2_000,
    pollMs: 40,
    maxJobMs: 60_000,
    ...overrides,
  };
}

async function render(request: VideoRequest = buildVideoRequest(), overrides: Partial<OpenAiVideoSettings> = {}) {
  const progress: number[] = [];
  try {
    const result = await runVideoJob(createOpenAiVideoProvider(settings(overrides)), request, { workDir, pollMs: 10, onProgress: (value) => void progress.push(value) });
    return { result, progress };
  } catch (error) {
    return { error: error as ProviderError, progress };
  }
}

const submits = () => mock.requests.filter((entry) => entry.method === 'POST' && entry.path === '/v1/videos');
const polls = () => mock.requests.filter((entry) => entry.method === 'GET' && /^\/v1\/videos\/[^/]+$/.test(entry.path));

beforeAll(async () => {
  mock = await startMockOpenAiVideoServer({ acceptKey: KEY, models: ['sora-2', 'sora-2-pro'] });
  workDir = await mkdtemp(join(tmpdir(), 'dailies-openai-video-'));
  // A 320×180 picture: the previous take's last frame, at another size than the video asked for.
  framePath = join(workDir, 'frame.png');
  await promisify(execFile)('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=orange:s=320x180', '-frames:v', '1', framePath]);
}, 60_000);

afterAll(async () => {
  await mock?.close();
  await rm(workDir, { recursive: true, force: true });
});

beforeEach(() => {
  mock.clearFaults();
  mock.requests.length = 0;
  mock.defaultSteps = 3;
});

describe('OpenAI video API through the openai SDK', () => {
  it('submits the composed prompt with an allowed length and size and its key, and hands back a playable file with provenance', async () => {
    const request = buildVideoRequest({ seed: 77, shot: { duration: 5 } });
    const { result, error, progress } = await render(request);
    expect(error).toBeUndefined();
    const facts = await ffprobe((result as { path: string }).path);
    expect(facts.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 320, height: 180 });

    const [sent] = submits();
    expect(submits()).toHaveLength(1);
    expect(sent!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent!.headers['content-type']).toMatch(/^multipart\/form-data/);
    // 5 s is not offered: the nearest allowed length is 4; 1280×720 is offered as is.
    expect(sent!.fields).toEqual({ model: 'sora-2', prompt: composeVideoPrompt(request), seconds: '4', size: '1280x720' });
    expect(sent!.files).toEqual({});
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // The API takes no seed, so none is claimed; the job id is the API's video id.
    expect(result!.provenance).toEqual({ model: 'sora-2', seed: null, prompt: composeVideoPrompt(request), references: [], jobId: mock.videos.at(-1)!.id });
  });

  it('rounds lengths and sizes to what the model offers', async () => {
    await render(buildVideoRequest({ shot: { duration: 10 } }));
    expect(submits().at(-1)!.fields.seconds).toBe('12');
    // Shape first (1920×1080 is exactly 16:9), then size.
    expect(nearestSize(1920, 1080, ['1280x720', '720x1280', '1792x1024', '1024x1792'])).toEqual({ width: 1280, height: 720 });
    expect(nearestSize(1700, 1000, ['1280x720', '720x1280', '1792x1024', '1024x1792'])).toEqual({ width: 1792, height: 1024 });
    expect(nearestSize(720, 1280, ['1280x720', '720x1280', '1792x1024', '1024x1792'])).toEqual({ width: 720, height: 1280 });
    await render(buildVideoRequest({ shot: { duration: 3 } }), { durations: [5, 10] });
    expect(submits().at(-1)!.fields.seconds).toBe('5');
  });

  it('sends the previous take’s last frame as input_reference, fitted to the video’s size, and records it', async () => {
    const request = buildVideoRequest({
      references: {
        previousFrame: { role: 'previous_frame', path: framePath, mimeType: 'image/png', source: 'segments/e/s/source.mp4' },
        characters: [{ role: 'character', characterKey: 'mika', path: framePath, mimeType: 'image/png', source: 'uploads/e/mika.png' }],
      },
    });
    const { result, error } = await render(request);
    expect(error).toBeUndefined();
    // The stand-in, like the API, refuses a picture of another size than the video.
    expect(submits().at(-1)!.files.input_reference).toMatchObject({ type: 'image/png', width: 1280, height: 720 });
    expect(result!.provenance!.references).toEqual(['segments/e/s/source.mp4']);
    // Character pictures alone are not sent: the API takes a first frame, not references.
    const characters = buildVideoRequest({ references: { characters: request.references!.characters } });
    const plain = await render(characters);
    expect(submits().at(-1)!.files).toEqual({});
    expect(plain.result!.provenance!.references).toEqual([]);
  });

  it('polls no faster than its interval', async () => {
    mock.defaultSteps = 4;
    const { error } = await render(buildVideoRequest(), { pollMs: 150 });
    expect(error).toBeUndefined();
    const seen = polls();
    expect(seen.length).toBeGreaterThanOrEqual(4);
    // From each answer to the next poll: a busy machine can only make this longer, never shorter.
    const gaps = seen.slice(1).map((entry, index) => entry.at - seen[index]!.answeredAt!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(140);
  });

  it('waits out a 429 and a 500 on a status poll, then finishes', async () => {
    mock.script({ on: 'poll', status: 429, retryAfter: 1 }, { on: 'poll', status: 500 });
    const started = Date.now();
    const { error, result } = await render();
    expect(error).toBeUndefined();
    expect(result!.kind).toBe('file');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('maps a 429 on submit to rate_limited with its Retry-After, and an empty quota to invalid_input', async () => {
    mock.script({ on: 'submit', status: 429, retryAfter: 7 });
    const limited = await render();
    expect(limited.error).toBeInstanceOf(ProviderError);
    expect(limited.error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
    mock.script({
      on: 'submit',
      status: 429,
      body: { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' } },
    });
    const quota = await render();
    expect(quota.error!.kind).toBe('invalid_input');
    expect(quota.error!.message).toMatch(/quota/);
  });

  it('maps a 500 on submit and a hang to retryable', async () => {
    mock.script({ on: 'submit', status: 500 });
    expect((await render()).error!.kind).toBe('retryable');
    mock.script({ on: 'submit', hang: true });
    const hung = await render();
    expect(hung.error!.kind).toBe('retryable');
    expect(hung.error!.message).toMatch(/timed out/);
  });

  it('maps a moderation refusal, at submit or of the job, to refused_by_policy, and a plain failure to retryable', async () => {
    mock.script({
      on: 'submit',
      status: 400,
      body: { error: { message: 'Your request was blocked by our moderation system.', type: 'invalid_request_error', param: null, code: 'moderation_blocked' } },
    });
    expect((await render()).error!.kind).toBe('refused_by_policy');
    mock.script({ outcome: 'policy' });
    const refused = await render();
    expect(refused.error!.kind).toBe('refused_by_policy');
    expect(refused.error!.message).toMatch(/moderation/);
    mock.script({ outcome: 'failure' });
    expect((await render()).error!.kind).toBe('retryable');
  });

  it('maps content that is not a video and content that is gone to retryable', async () => {
    mock.script({ outcome: 'malformed' });
    const malformed = await render();
    expect(malformed.error!.kind).toBe('retryable');
    expect(malformed.error!.message).toMatch(/not a video/);
    mock.script({ outcome: 'video-404' });
    const gone = await render();
    expect(gone.error!.kind).toBe('retryable');
    expect(gone.error!.message).toMatch(/could not be downloaded/);
  });

  it('refuses bad input, an unknown model and a wrong key as invalid_input, naming the key setting and never the key', async () => {
    mock.script({ outcome: 'invalid-input', message: "Invalid value: 'x'." });
    expect((await render()).error!.kind).toBe('invalid_input');
    const unknown = await render(buildVideoRequest(), { model: 'sora-9' });
    expect(unknown.error!.kind).toBe('invalid_input');
    expect(unknown.error!.message).toMatch(/sora-9/);
    const offSize = await render(buildVideoRequest(), { sizes: ['640x480'] });
    expect(offSize.error!.kind).toBe('invalid_input');
    const wrongKey = await render(buildVideoRequest(), { apiKey: 'sk-wrong-key-000' });
    expect(wrongKey.error!.kind).toBe('invalid_input');
    expect(wrongKey.error!.message).toContain('TEST_OPENAI_KEY');
    expect(wrongKey.error!.message).not.toContain('sk-wrong');
  });

  it('follows a job from another process without submitting it again', async () => {
    mock.defaultSteps = 4;
    const first = createOpenAiVideoProvider(settings());
    const { resumeToken } = await first.submit(buildVideoRequest(), { workDir });
    const second = createOpenAiVideoProvider(settings());
    const { jobId } = await second.resume!(JSON.parse(JSON.stringify(resumeToken)), { workDir });
    const result = await second.result(jobId);
    expect(result.provenance!.jobId).toBe(mock.videos.at(-1)!.id);
    expect(submits()).toHaveLength(1);
    await expect(second.resume!({ operation: 'x' }, { workDir })).rejects.toMatchObject({ kind: 'invalid_input' });
  });

  it('cancels locally (the API has none): the result is never fetched', async () => {
    mock.defaultSteps = 50;
    const video = createOpenAiVideoProvider(settings());
    const { jobId } = await video.submit(buildVideoRequest(), { workDir });
    await video.cancel(jobId);
    await expect(video.result(jobId)).rejects.toMatchObject({ kind: 'retryable' });
    expect(mock.requests.some((entry) => entry.path.endsWith('/content'))).toBe(false);
  });

  it('checks reachability, the key and the model with a verdict', async () => {
    await expect(createOpenAiVideoProvider(settings()).check!()).resolves.toEqual({ ok: true, verdict: 'reachable, credentials accepted, model sora-2' });
    expect(mock.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models/sora-2' });
    await expect(createOpenAiVideoProvider(settings({ apiKey: 'nope' })).check!()).resolves.toEqual({ ok: false, verdict: expect.stringContaining('credentials refused (HTTP 401)') });
    await expect(createOpenAiVideoProvider(settings({ model: 'sora-9' })).check!()).resolves.toEqual({ ok: false, verdict: expect.stringContaining('"sora-9" is unknown') });
    await expect(createOpenAiVideoProvider(settings({ baseUrl: 'http://127.0.0.1:9/v1' })).check!()).resolves.toEqual({ ok: false, verdict: expect.stringMatching(/^unreachable at 127\.0\.0\.1:9/) });
  });
});
