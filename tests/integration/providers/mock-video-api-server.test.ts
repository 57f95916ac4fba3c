/**
 * The local video-API stand-in against the real AI SDK provider packages: each of fal, Replicate,
 * xAI and Veo submits, polls to completion and hands back a URL that downloads an MP4; a 429 on a
 * status poll reaches the caller with its Retry-After; the scripted endings come back the way the
 * SDK reports each API's refusals and failures; fal's answers name its public origin.
 */
import { createFal } from '@ai-sdk/fal';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createReplicate } from '@ai-sdk/replicate';
import { createXai } from '@ai-sdk/xai';
import { APICallError, experimental_getVideoStatus as getVideoStatus, experimental_startVideo as startVideo } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockVideoApiServer, type MockVideoApiServer, type VideoApi } from '../../support/mock-video-api-server.ts';

type SdkVideoModel = Parameters<typeof startVideo>[0]['model'];
type StatusResult = Awaited<ReturnType<typeof getVideoStatus>>;

const KEY = 'test-video-key';
const APIS: VideoApi[] = ['fal', 'replicate', 'xai', 'veo'];

describe('the mock video APIs, through the AI SDK', () => {
  let mock: MockVideoApiServer;
  let models: Record<VideoApi, SdkVideoModel>;

  beforeAll(async () => {
    mock = await startMockVideoApiServer({ acceptKey: KEY, defaultJob: { steps: 2, stepMs: 5 } });
    models = {
      fal: createFal({ apiKey: KEY, fetch: mock.falFetch }).video('fal-ai/kling-video/v2.1/master/text-to-video') as unknown as SdkVideoModel,
      replicate: createReplicate({ apiToken: KEY, baseURL: mock.replicateBase }).video('kwaivgi/kling-v2.1') as unknown as SdkVideoModel,
      xai: createXai({ apiKey: KEY, baseURL: mock.xaiBase }).video('grok-imagine-video'),
      veo: createGoogleGenerativeAI({ apiKey: KEY, baseURL: mock.veoBase }).video('veo-3.0-generate-001'),
    };
  }, 60_000);

  afterAll(async () => {
    await mock?.close();
  });

  const start = (api: VideoApi) =>
    startVideo({ model: models[api], prompt: 'A courier hurries down a neon alley at night', duration: 5, aspectRatio: '16:9', seed: 7, maxRetries: 0 });

  /** Polls until the SDK reports something other than pending. */
  async function settle(api: VideoApi, operation: Parameters<typeof getVideoStatus>[1]['operation']): Promise<StatusResult> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const status = await getVideoStatus(models[api], { operation, maxRetries: 0 });
      if (status.status !== 'pending') return status;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`${api} never left pending`);
  }

  it.each(APIS)('%s: submits, polls to completion and serves an MP4', async (api) => {
    const started = await start(api);
    const job = mock.jobs.at(-1)!;
    expect(job.api).toBe(api);
    const status = await settle(api, started.operation);
    expect(status.status).toBe('completed');
    if (status.status !== 'completed') return;
    expect(job.polls).toBeGreaterThanOrEqual(2);
    const video = status.videos[0]!;
    expect(video.type).toBe('url');
    if (video.type !== 'url') return;
    const response = await fetch(video.url);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(bytes.equals(mock.video)).toBe(true);
    // Every API call carried the key the way its API expects it.
    const calls = mock.requests.filter((r) => r.api === api);
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });

  it('names fal URLs on its public origin and answers an early result read as still in progress', async () => {
    mock.script('fal', { outcome: 'success', steps: 5, stepMs: 0 });
    await start('fal');
    const submit = mock.requests.at(-1)!;
    expect(submit.path).toBe('/fal-ai/kling-video/v2.1/master/text-to-video');
    expect(submit.headers.authorization).toBe(`Key ${KEY}`);
    expect(submit.body).toMatchObject({ prompt: expect.any(String), duration: '5s', aspect_ratio: '16:9', seed: 7 });
    const job = mock.jobs.at(-1)!;
    const early = await fetch(`${mock.url}/fal-ai/kling-video/requests/${job.id}`, { headers: { authorization: `Key ${KEY}` } });
    expect(early.status).toBe(400);
    expect(await early.json()).toEqual({ detail: 'Request is still in progress' });
    const status = await fetch(`${mock.url}/fal-ai/kling-video/requests/${job.id}/status`, { headers: { authorization: `Key ${KEY}` } });
    expect(await status.json()).toMatchObject({
      status: 'IN_PROGRESS',
      response_url: `https://queue.fal.run/fal-ai/kling-video/requests/${job.id}`,
      status_url: `https://queue.fal.run/fal-ai/kling-video/requests/${job.id}/status`,
      cancel_url: `https://queue.fal.run/fal-ai/kling-video/requests/${job.id}/cancel`,
    });
    const cancel = await fetch(`${mock.url}/fal-ai/kling-video/requests/${job.id}/cancel`, { method: 'PUT', headers: { authorization: `Key ${KEY}` } });
    expect(cancel.status).toBe(202);
    expect(await cancel.json()).toEqual({ status: 'CANCELLATION_REQUESTED' });
  });

  it.each(APIS)('%s: a 429 on a status poll reaches the caller with its Retry-After', async (api) => {
    const { operation } = await start(api);
    mock.script(api, { on: 'poll', status: 429, retryAfter: 7 });
    if (api === 'fal') {
      // fal's video model turns any failed result read into an `error` status rather than a throw;
      // the status code is not in it, only the status text and the response headers.
      const status = await getVideoStatus(models.fal, { operation, maxRetries: 0 });
      expect(status).toMatchObject({ status: 'error', error: 'Too Many Requests' });
      expect(status.response.headers?.['retry-after']).toBe('7');
    } else {
      const error = await getVideoStatus(models[api], { operation, maxRetries: 0 }).catch((caught: unknown) => caught);
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).statusCode).toBe(429);
      expect((error as APICallError).responseHeaders?.['retry-after']).toBe('7');
    }
    // The job carries on once the limit passes.
    expect((await settle(api, operation)).status).toBe('completed');
  });

  it.each([
    ['fal', /Unprocessable Entity/],
    ['replicate', /NSFW content detected/],
    ['xai', /content policy violation/],
    ['veo', /^No videos in response/],
  ] as const)('%s: a policy refusal comes back as the SDK reports it', async (api, said) => {
    mock.script(api, { outcome: 'policy' });
    const { operation } = await start(api);
    const outcome = await settle(api, operation).catch((caught: unknown) => caught);
    const text = outcome instanceof Error ? outcome.message : (outcome as StatusResult).status === 'error' ? (outcome as { error: string }).error : JSON.stringify(outcome);
    expect(text).toMatch(said);
    if (api === 'veo') {
      // Veo's safety block is a finished operation without samples: the SDK throws, and its schema
      // drops the filter reasons, which only the raw answer carries.
      const job = mock.jobs.at(-1)!;
      const raw = await fetch(`${mock.veoBase}/models/${job.model}/operations/${job.id}`, { headers: { 'x-goog-api-key': KEY } });
      expect(await raw.json()).toMatchObject({ done: true, response: { generateVideoResponse: { raiMediaFilteredCount: 1, raiMediaFilteredReasons: [expect.stringContaining('Prohibited Use')] } } });
    }
  });

  it.each(APIS)('%s: a plain failure and a missing video URL are told apart from success', async (api) => {
    mock.script(api, { outcome: 'failure' }, { outcome: 'malformed' });
    const failed = await settle(api, (await start(api)).operation).catch((caught: unknown) => caught);
    const failedText = failed instanceof Error ? failed.message : JSON.stringify(failed);
    expect(failedText).toMatch(api === 'fal' ? /Internal Server Error/ : /CUDA out of memory/);
    const malformed = await settle(api, (await start(api)).operation).catch((caught: unknown) => caught);
    expect(malformed instanceof Error || (malformed as StatusResult).status === 'error').toBe(true);
  });

  it('refuses a wrong key in each API’s own way and answers the credential checks', async () => {
    const wrong = { fal: { authorization: 'Key nope' }, replicate: { authorization: 'Bearer nope' }, xai: { authorization: 'Bearer nope' }, veo: { 'x-goog-api-key': 'nope' } };
    const probes: Record<VideoApi, string> = {
      fal: `${mock.url}/fal-ai/kling-video/requests/00000000-0000-0000-0000-000000000000/status`,
      replicate: `${mock.url}/v1/models/kwaivgi/kling-v2.1`,
      xai: `${mock.url}/v1/api-key`,
      veo: `${mock.url}/v1beta/models/veo-3.0-generate-001`,
    };
    const refused = await Promise.all(APIS.map(async (api) => (await fetch(probes[api], { headers: wrong[api] })).status));
    expect(refused).toEqual([401, 401, 400, 400]);
    const right = { fal: { authorization: `Key ${KEY}` }, replicate: { authorization: `Bearer ${KEY}` }, xai: { authorization: `Bearer ${KEY}` }, veo: { 'x-goog-api-key': KEY } };
    const accepted = await Promise.all(APIS.map(async (api) => (await fetch(probes[api], { headers: right[api] })).status));
    expect(accepted).toEqual([404, 200, 200, 200]);
  });
});
