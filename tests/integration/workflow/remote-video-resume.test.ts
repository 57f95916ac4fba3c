/**
 * A worker that stops while a remote provider renders a take leaves the job running there (it is
 * paid for) and notes it on the take; the next worker follows that same job to the end instead of
 * submitting the shot again. A job the provider reports as failed is not followed again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerHandle } from '../../../server/jobs/worker.ts';
import { createAiSdkVideoProvider } from '../../../server/providers/ai-video/ai-sdk-video.provider.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { startMockVideoApiServer, type MockVideoApiServer } from '../../support/mock-video-api-server.ts';
import { eventually } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';
import { startTestWorker } from '../../support/worker.ts';

const KEY = 'fal-resume-key';

let mock: MockVideoApiServer;
let context: TestContext;
let server: AppServer;
let worker: WorkerHandle | undefined;
let editor: TestClient;

const submits = () => mock.requests.filter((entry) => entry.api === 'fal' && entry.method === 'POST' && !entry.path.endsWith('/cancel'));
const cancels = () => mock.requests.filter((entry) => entry.api === 'fal' && entry.path.endsWith('/cancel'));
const providerJob = async (segmentId: string) =>
  (await context.services.db.selectFrom('video_segments').select('provider_job').where('id', '=', segmentId).executeTakeFirstOrThrow()).provider_job;

async function oneShotEpisode(prompt: string): Promise<string> {
  const { body } = await editor.json<{ id: string }>('POST', '/api/v1/episodes', {
    shots: [{ scene: 'EXT. COAST - DAY', prompt, duration: 2, characters: ['Ada'] }],
    video_provider: 'kling',
  });
  await editor.post(`/api/v1/episodes/${body.id}/generate-segments`, { mode: 'parallel' });
  const { body: status } = await editor.json<{ segments: { id: string }[] }>('GET', `/api/v1/episodes/${body.id}/segments/status`);
  return status.segments[0]!.id;
}

beforeAll(async () => {
  mock = await startMockVideoApiServer({ acceptKey: KEY });
  const kling = createAiSdkVideoProvider({
    id: 'kling',
    kind: 'fal',
    model: 'fal-ai/kling-video/v2.1/standard/text-to-video',
    apiKey: KEY,
    keySetting: 'FAL_KEY',
    baseUrl: mock.url,
    maxConcurrent: 1,
    timeoutMs: 5_000,
    pollMs: 30,
    maxJobMs: 60_000,
  });
  context = await createTestContext({ providers: createProviderRegistry({ videos: [kling] }) });
  server = await startAppServer(context);
  worker = await startTestWorker(context);
  editor = await signedUpClient(server.base, 'resume@example.com');
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await context?.cleanup();
  await mock?.close();
});

describe('a remote render across a worker restart', () => {
  it('is followed by the next worker, not submitted again nor cancelled', async () => {
    // A slow job: it is still running when the worker stops.
    mock.defaultJob = { steps: 40, stepMs: 50 };
    const segmentId = await oneShotEpisode('Ada walks the coast path');
    await eventually(async () => submits().length === 1 && (await providerJob(segmentId)) !== null, 30_000, 'the job submitted and noted');
    const first = mock.jobs.at(-1)!;
    await worker!.stop();
    worker = undefined;
    expect(cancels()).toEqual([]);
    expect(first.state).not.toBe('canceled');
    expect(await providerJob(segmentId)).toMatchObject({ provider: 'kling' });

    mock.defaultJob = { steps: 2, stepMs: 0 };
    worker = await startTestWorker(context);
    const take = await eventually(async () => {
      const { body } = await editor.json<{ status: string; provenance: { job_id: string } | null }>('GET', `/api/v1/segments/${segmentId}`);
      return body.status === 'completed' && body;
    }, 60_000, 'the followed job to finish');
    expect(submits()).toHaveLength(1);
    expect(take.provenance!.job_id).toBe(first.id);
    expect(await providerJob(segmentId)).toBeNull();
  });

  it('starts a new job when the one it followed failed', async () => {
    mock.defaultJob = { steps: 2, stepMs: 0 };
    mock.script('fal', { outcome: 'failure', steps: 1 });
    const before = submits().length;
    const segmentId = await oneShotEpisode('Ada climbs the lighthouse stairs');
    const take = await eventually(async () => {
      const { body } = await editor.json<{ status: string; provenance: { job_id: string } | null }>('GET', `/api/v1/segments/${segmentId}`);
      return body.status === 'completed' && body;
    }, 60_000, 'a second job to finish');
    // The failed job was not followed again: a second submit made the take.
    expect(submits().length - before).toBe(2);
    expect(take.provenance!.job_id).toBe(mock.jobs.at(-1)!.id);
  });
});
