/**
 * Rendering through ComfyUI, against a local server speaking its HTTP and WebSocket protocol: the
 * workflow we queue, progress, the downloaded video and its provenance, reference uploads,
 * cancelling, every failure mapped to its ProviderError kind, the server check, and the workflow
 * markers we insist on.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createComfyUiVideoProvider, type ComfyUiSettings } from '../../../server/providers/comfyui/comfyui-video.provider.ts';
import { loadComfyWorkflow, type ComfyWorkflow } from '../../../server/providers/comfyui/workflow.ts';
import { runVideoJob } from '../../../server/providers/run-video-job.ts';
import { composeVideoPrompt } from '../../../server/providers/video-prompt.ts';
import type { VideoJobStatus, VideoProvider, VideoReferenceImage, VideoRequest } from '../../../server/providers/video.types.ts';
import { ffprobe } from '../../support/ffprobe.ts';
import { buildVideoRequest, makeScratchDir } from '../../support/media-fixtures.ts';
import { startMockComfyUi, type MockComfyUi } from '../../support/mock-comfyui-server.ts';
import { providerFailure } from '../../support/provider-failure.ts';

const run = promisify(execFile);
const WORKFLOW_FILE = fileURLToPath(new URL('../../../server/providers/comfyui/workflows/text-to-video.json', import.meta.url));
const TEXT_TO_VIDEO = JSON.parse(readFileSync(WORKFLOW_FILE, 'utf8')) as ComfyWorkflow;
const KEY = 'comfy-proxy-token-0123456789';

let mock: MockComfyUi;
let scratch: { dir: string; cleanup: () => Promise<void> };
let previousFrame: VideoReferenceImage;
let mikaReference: VideoReferenceImage;
let joeReference: VideoReferenceImage;

async function makeImage(name: string, colour: string): Promise<string> {
  const path = join(scratch.dir, name);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:s=64x64`, '-frames:v', '1', path]);
  return path;
}

beforeAll(async () => {
  mock = await startMockComfyUi();
  scratch = await makeScratchDir('dailies-comfyui-test-');
  previousFrame = { role: 'previous_frame', path: await makeImage('last.png', 'red'), mimeType: 'image/png', source: 'segments/e1/s1/last-frame.png' };
  mikaReference = { role: 'character', characterKey: 'mika', path: await makeImage('mika.png', 'orange'), mimeType: 'image/png', source: 'characters/mika/reference.png' };
  joeReference = { role: 'character', characterKey: 'joe', path: await makeImage('joe.png', 'navy'), mimeType: 'image/png', source: 'characters/joe/reference.png' };
});
afterAll(async () => {
  await mock?.close();
  await scratch?.cleanup();
});
afterEach(async () => mock.reset());

function comfy(overrides: Partial<ComfyUiSettings> = {}): VideoProvider {
  return createComfyUiVideoProvider({
    id: 'comfy',
    baseUrl: mock.url,
    workflow: TEXT_TO_VIDEO,
    workflowName: 'text-to-video.json',
    maxConcurrent: 1,
    timeoutMs: 10_000,
    ...overrides,
  });
}

const workDir = () => mkdtemp(join(scratch.dir, 'job-'));
const request = (overrides: Parameters<typeof buildVideoRequest>[0] = {}): VideoRequest =>
  buildVideoRequest({ seed: 4242, width: 768, height: 512, fps: 30, ...overrides });


async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The only prompt the mock accepted. */
function acceptedPrompt() {
  expect(mock.prompts.size).toBe(1);
  return [...mock.prompts.values()][0]!;
}

/** The shipped workflow made image-to-video (LTX-Video's LTXVImgToVideo), saving through VHS_VideoCombine, with a reference slot. */
function imageToVideo(): ComfyWorkflow {
  const workflow = structuredClone(TEXT_TO_VIDEO);
  delete workflow['70'];
  delete workflow['78'];
  delete workflow['79'];
  workflow['80'] = { class_type: 'LoadImage', inputs: { image: 'example.png', upload: 'image' }, _meta: { title: 'Previous frame [dailies:first_frame]' } };
  workflow['81'] = { class_type: 'LTXVPreprocess', inputs: { image: ['80', 0], img_compression: 35 }, _meta: { title: 'LTXVPreprocess' } };
  workflow['82'] = {
    class_type: 'LTXVImgToVideo',
    inputs: { positive: ['6', 0], negative: ['7', 0], vae: ['44', 2], image: ['81', 0], width: 768, height: 512, length: 97, batch_size: 1, strength: 0.15 },
    _meta: { title: 'Image to video [dailies:size] [dailies:duration]' },
  };
  workflow['83'] = { class_type: 'LoadImage', inputs: { image: 'character.png', upload: 'image' }, _meta: { title: 'Character [dailies:reference]' } };
  workflow['69']!.inputs = { ...workflow['69']!.inputs, positive: ['82', 0], negative: ['82', 1] };
  workflow['71']!.inputs.latent = ['82', 2];
  workflow['72']!.inputs.latent_image = ['82', 2];
  workflow['90'] = {
    class_type: 'VHS_VideoCombine',
    inputs: { images: ['8', 0], frame_rate: 24, loop_count: 0, filename_prefix: 'dailies/i2v', format: 'video/h264-mp4', pix_fmt: 'yuv420p', crf: 19, save_metadata: true, pingpong: false, save_output: true },
    _meta: { title: 'Video combine [dailies:output] [dailies:duration]' },
  };
  return workflow;
}

describe('a ComfyUI render', () => {
  it('queues the workflow with the shot in its marked nodes and nothing else changed, and returns the playable video', async () => {
    const provider = comfy();
    const shot = request({ shot: { duration: 2 } });
    const dir = await workDir();
    const result = await runVideoJob(provider, shot, { workDir: dir, pollMs: 10 });

    const accepted = acceptedPrompt();
    const expected = structuredClone(TEXT_TO_VIDEO);
    expected['6']!.inputs.text = composeVideoPrompt(shot);
    expected['72']!.inputs.noise_seed = 4242;
    // 2 s at 30 fps is 60 frames, made 65 (8n + 1) for the video latent.
    expected['70']!.inputs = { ...expected['70']!.inputs, width: 768, height: 512, length: 65 };
    expected['69']!.inputs.frame_rate = 30;
    expected['78']!.inputs.fps = 30;
    expect(accepted.prompt).toEqual(expected);
    expect(expected['6']!.inputs.text).toContain('Mika hurries past the ramen stall');

    // The prompt was queued for the client id of the socket that was listening.
    expect(mock.sockets).toHaveLength(1);
    expect(accepted.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(accepted.clientId).toBe(mock.sockets[0]!.clientId);
    // No key configured: no Authorization anywhere.
    expect(mock.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(mock.sockets[0]!.headers.authorization).toBeUndefined();

    expect(result.kind).toBe('file');
    if (result.kind !== 'file') return;
    expect(result.path.startsWith(dir)).toBe(true);
    expect(result.mimeType).toBe('video/mp4');
    expect(await readFile(result.path)).toEqual(await readFile(mock.videoPath));
    const probe = await ffprobe(result.path);
    expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: 320, height: 180 });
    expect(probe.duration).toBeCloseTo(2, 0);
    expect(result.provenance).toEqual({ model: 'text-to-video.json', seed: 4242, prompt: composeVideoPrompt(shot), references: [], jobId: accepted.id });
    const view = mock.requests.find((r) => r.path === '/view');
    expect(view?.query).toMatchObject({ subfolder: 'dailies', type: 'output' });

    expect(provider).toMatchObject({
      model: 'text-to-video.json',
      description: `ComfyUI at ${new URL(mock.url).host}, workflow text-to-video.json`,
      imageInput: { firstFrame: false, references: false },
      makesSound: false,
      limits: { maxConcurrent: 1 },
    });
  });

  it('reports progress from the socket\'s progress events, never backwards, up to 100', async () => {
    mock.job = { ...mock.job, steps: 6, stepMs: 60 };
    const provider = comfy();
    const statuses: VideoJobStatus[] = [];
    const progress = provider.progress.bind(provider);
    provider.progress = async (jobId) => {
      const status = await progress(jobId);
      statuses.push(status);
      return status;
    };
    const reported: number[] = [];
    await runVideoJob(provider, request(), { workDir: await workDir(), pollMs: 10, onProgress: (value) => void reported.push(value) });

    expect(mock.sockets[0]!.messages.filter((m) => m.type === 'progress')).toHaveLength(6);
    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    const midway = new Set(reported.filter((value) => value > 0 && value < 100));
    expect(midway.size).toBeGreaterThanOrEqual(4);
    expect(Math.max(...reported)).toBeLessThanOrEqual(95);
    expect(statuses.at(-1)).toEqual({ state: 'succeeded', progress: 100 });
    // It all came over the socket: the history was never polled.
    expect(mock.requests.filter((r) => r.path.startsWith('/history'))).toHaveLength(0);
  });

  it('shares progress among the workflow\'s samplers, so a second pass keeps it rising', async () => {
    const twoPass = structuredClone(TEXT_TO_VIDEO);
    twoPass['74'] = { ...structuredClone(twoPass['72']!), _meta: { title: 'Refiner' } };
    twoPass['74'].inputs = { ...twoPass['74'].inputs, add_noise: false, latent_image: ['72', 0] };
    twoPass['8']!.inputs.samples = ['74', 0];
    mock.job = { ...mock.job, steps: 4, stepMs: 60 };
    const reported: number[] = [];
    await runVideoJob(comfy({ workflow: twoPass }), request(), { workDir: await workDir(), pollMs: 10, onProgress: (value) => void reported.push(value) });

    expect(reported).toEqual([...reported].sort((a, b) => a - b));
    // Eight steps in two samplers: eight distinct values, the first sampler's end about half-way.
    const midway = [...new Set(reported.filter((value) => value > 0 && value < 100))];
    expect(midway.length).toBeGreaterThanOrEqual(7);
    expect(midway.some((value) => value >= 45 && value <= 55)).toBe(true);
  });

  it('sends the API key as a bearer token on every call and on the socket, and never puts it in a message', async () => {
    mock.acceptKey = KEY;
    const provider = comfy({ apiKey: KEY, workflow: imageToVideo() });
    await runVideoJob(provider, request({ references: { previousFrame, characters: [] } }), { workDir: await workDir(), pollMs: 10 });
    expect(mock.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/upload/image', '/prompt', '/view']));
    expect(mock.requests.every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    expect(mock.sockets[0]!.headers.authorization).toBe(`Bearer ${KEY}`);

    const refused = await providerFailure(comfy({ apiKey: 'not-the-key' }).submit(request(), { workDir: await workDir() }));
    expect(refused.kind).toBe('invalid_input');
    expect(refused.message).toMatch(/refused the credentials \(HTTP 401\)/);
    expect(refused.message).not.toContain('not-the-key');
    expect(refused.message).not.toContain(KEY);
  });
});

describe('reference images', () => {
  it('uploads the previous frame and a character into the workflow\'s LoadImage nodes and records their sources', async () => {
    const provider = comfy({ workflow: imageToVideo(), workflowName: 'image-to-video.json' });
    expect(provider.imageInput).toEqual({ firstFrame: true, references: true });
    const shot = request({ references: { previousFrame, characters: [mikaReference, joeReference] } });
    const result = await runVideoJob(provider, shot, { workDir: await workDir(), pollMs: 10 });

    const uploads = mock.requests.filter((r) => r.method === 'POST' && r.path === '/upload/image');
    // One LoadImage per kind: the frame and the first character; Joe has no node to go to.
    expect(uploads).toHaveLength(2);
    for (const upload of uploads) expect(upload.body).toMatchObject({ fields: { type: 'input', overwrite: 'true' }, files: { image: { type: 'image/png' } } });
    const nameOf = async (image: VideoReferenceImage) => {
      const bytes = await readFile(image.path);
      return [...mock.uploads].find(([, stored]) => stored.equals(bytes))?.[0];
    };
    const frameName = await nameOf(previousFrame);
    const mikaName = await nameOf(mikaReference);
    expect(frameName).toMatch(/^dailies-[0-9a-f]{16}\.png$/);
    expect(mikaName).toMatch(/^dailies-[0-9a-f]{16}\.png$/);
    expect(await nameOf(joeReference)).toBeUndefined();

    const { prompt } = acceptedPrompt();
    expect(prompt['80']!.inputs.image).toBe(frameName);
    expect(prompt['83']!.inputs.image).toBe(mikaName);
    expect(prompt['82']!.inputs).toMatchObject({ width: 768, height: 512, length: 65 });
    expect(prompt['90']!.inputs.frame_rate).toBe(30);
    expect(result.provenance?.references).toEqual([previousFrame.source, mikaReference.source]);
    // VHS_VideoCombine lists its video under `gifs`.
    if (result.kind === 'file') expect((await ffprobe(result.path)).streams[0]).toMatchObject({ codec_type: 'video', codec_name: 'h264' });
  });

  it('leaves the first-frame node at its default when there is no previous frame, and records nothing', async () => {
    const result = await runVideoJob(comfy({ workflow: imageToVideo() }), request(), { workDir: await workDir(), pollMs: 10 });
    expect(mock.requests.filter((r) => r.path === '/upload/image')).toHaveLength(0);
    expect(acceptedPrompt().prompt['80']!.inputs.image).toBe('example.png');
    expect(result.provenance?.references).toEqual([]);
  });

  it('sends none to a workflow without image nodes', async () => {
    const result = await runVideoJob(comfy(), request({ references: { previousFrame, characters: [mikaReference] } }), { workDir: await workDir(), pollMs: 10 });
    expect(mock.requests.filter((r) => r.path === '/upload/image')).toHaveLength(0);
    expect(result.provenance?.references).toEqual([]);
  });
});

describe('cancelling', () => {
  it('deletes a queued job from the queue and interrupts a running one', async () => {
    mock.job = { ...mock.job, steps: 200, stepMs: 50 };
    const provider = comfy();
    const { jobId: first } = await provider.submit(request(), { workDir: await workDir() });
    const { jobId: second } = await provider.submit(request({ seed: 7 }), { workDir: await workDir() });
    await waitFor(async () => (await provider.progress(first)).state === 'running', 'the first job to run');
    expect((await provider.progress(second)).state).toBe('queued');

    await provider.cancel(second);
    expect(mock.requests.filter((r) => r.method === 'POST' && r.path === '/queue').map((r) => r.body)).toEqual([{ delete: [second] }]);
    expect(mock.prompts.get(second)!.state).toBe('deleted');
    expect(mock.requests.some((r) => r.path === '/interrupt')).toBe(false);

    await provider.cancel(first);
    expect(mock.requests.filter((r) => r.path === '/interrupt').map((r) => r.body)).toEqual([{ prompt_id: first }]);
    await waitFor(() => mock.prompts.get(first)!.state === 'interrupted', 'the server to interrupt the job');
    expect(await provider.progress(first)).toMatchObject({ state: 'cancelled' });
    expect(await provider.progress(second)).toMatchObject({ state: 'cancelled' });
    const error = await providerFailure(provider.result(first));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/cancelled/);
    // The deleted job never started.
    expect(mock.sockets[0]!.messages.some((m) => m.type === 'execution_start' && m.data.prompt_id === second)).toBe(false);
  });
});

describe('failures', () => {
  it('hands a 429 back with the Retry-After wait', async () => {
    mock.fail('POST /prompt', { status: 429, headers: { 'retry-after': '30' }, body: { error: 'Too many requests' } });
    const error = await providerFailure(comfy().submit(request(), { workDir: await workDir() }));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 30_000 });
    expect(error.message).toMatch(/rate limiting requests \(HTTP 429 on POST \/prompt\): Too many requests/);
  });

  it('takes a server error for a passing one', async () => {
    mock.fail('POST /prompt', { status: 500, body: '500 Internal Server Error\n\nServer got itself in trouble' });
    const error = await providerFailure(comfy().submit(request(), { workDir: await workDir() }));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/failed \(HTTP 500 on POST \/prompt\)/);
  });

  it('stops waiting for a server that does not answer', async () => {
    mock.fail('POST /prompt', { hang: true });
    const started = Date.now();
    const error = await providerFailure(comfy({ timeoutMs: 300 }).submit(request(), { workDir: await workDir() }));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/did not answer POST \/prompt within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('quotes ComfyUI when it rejects the workflow, and does not retry', async () => {
    const unknownNode = structuredClone(TEXT_TO_VIDEO);
    unknownNode['8']!.class_type = 'VAEDecodeTiledFancy';
    const error = await providerFailure(comfy({ workflow: unknownNode }).submit(request(), { workDir: await workDir() }));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toContain('text-to-video.json');
    expect(error.message).toContain("Cannot execute because node VAEDecodeTiledFancy does not exist. (Node ID '#8')");

    mock.fail('POST /prompt', {
      status: 400,
      body: {
        error: { type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation', details: '', extra_info: {} },
        node_errors: {
          '44': {
            errors: [{ type: 'value_not_in_list', message: 'Value not in list', details: "ckpt_name: 'ltx-video-2b-v0.9.5.safetensors' not in ['sd_xl_base_1.0.safetensors']", extra_info: {} }],
            dependent_outputs: ['79'],
            class_type: 'CheckpointLoaderSimple',
          },
        },
      },
    });
    const validation = await providerFailure(comfy().submit(request(), { workDir: await workDir() }));
    expect(validation.kind).toBe('invalid_input');
    expect(validation.message).toContain('Prompt outputs failed validation');
    expect(validation.message).toContain("node 44 (CheckpointLoaderSimple): Value not in list (ckpt_name: 'ltx-video-2b-v0.9.5.safetensors' not in");
  });

  it('retries a render that ran out of GPU memory, and refuses one a safety filter stopped', async () => {
    mock.job = { ...mock.job, outcome: { error: { exception_type: 'torch.OutOfMemoryError', exception_message: 'Allocation on device 0 would exceed allowed memory. (out of memory)' } } };
    const oom = await providerFailure(runVideoJob(comfy(), request(), { workDir: await workDir(), pollMs: 10 }));
    expect(oom.kind).toBe('retryable');
    expect(oom.message).toMatch(/ran out of GPU memory in node 72 \(SamplerCustom\)/);

    mock.job = { ...mock.job, outcome: { error: { exception_type: 'NSFWContentError', exception_message: 'The safety checker flagged the generated frames as NSFW.' } } };
    const refused = await providerFailure(runVideoJob(comfy(), request(), { workDir: await workDir(), pollMs: 10 }));
    expect(refused.kind).toBe('refused_by_policy');
    expect(refused.message).toContain('flagged the generated frames as NSFW');

    mock.job = { ...mock.job, outcome: { error: { exception_type: 'RuntimeError', exception_message: 'shape mismatch' } } };
    const other = await providerFailure(runVideoJob(comfy(), request(), { workDir: await workDir(), pollMs: 10 }));
    expect(other.kind).toBe('retryable');
    expect(other.message).toMatch(/failed in node 72 \(SamplerCustom\) of text-to-video\.json: RuntimeError: shape mismatch/);
  });

  it('retries when the job leaves no video, a file that is not one, or one the server cannot find', async () => {
    mock.job = { ...mock.job, output: 'none' };
    const none = await providerFailure(runVideoJob(comfy(), request(), { workDir: await workDir(), pollMs: 10 }));
    expect(none.kind).toBe('retryable');
    expect(none.message).toMatch(/finished without a video from node 79 \(SaveVideo\)/);

    mock.job = { ...mock.job, output: 'not-a-video' };
    const dir = await workDir();
    const garbage = await providerFailure(runVideoJob(comfy(), request(), { workDir: dir, pollMs: 10 }));
    expect(garbage.kind).toBe('retryable');
    expect(garbage.message).toMatch(/is not a video/);
    expect(await readdir(dir)).toEqual([]);

    mock.job = { ...mock.job, output: 'missing-file' };
    const missing = await providerFailure(runVideoJob(comfy(), request(), { workDir: await workDir(), pollMs: 10 }));
    expect(missing.kind).toBe('retryable');
    expect(missing.message).toMatch(/HTTP 404/);
  });

  it('finishes by polling the history when the socket drops mid-job', async () => {
    mock.job = { ...mock.job, steps: 8, stepMs: 40, dropSocketAfterStep: 2 };
    const started = Date.now();
    const result = await runVideoJob(comfy(), request(), { workDir: await workDir(), pollMs: 10 });
    // Polled at once, not after the silence that makes an open socket suspect.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(mock.sockets[0]!.closedAt).toBeDefined();
    expect(mock.requests.filter((r) => r.path === `/history/${acceptedPrompt().id}`).length).toBeGreaterThanOrEqual(1);
    if (result.kind === 'file') expect((await ffprobe(result.path)).streams[0]!.codec_type).toBe('video');
  });

  it('works by polling alone where WebSockets are refused', async () => {
    mock.refuseWebSockets = true;
    // Long enough for a poll to find it running.
    mock.job = { ...mock.job, steps: 4, stepMs: 400 };
    const reported: number[] = [];
    const started = Date.now();
    const result = await runVideoJob(comfy(), request(), { workDir: await workDir(), pollMs: 10, onProgress: (value) => void reported.push(value) });
    expect(Date.now() - started).toBeLessThan(6000);
    expect(mock.sockets).toHaveLength(0);
    expect(mock.requests.some((r) => r.path === '/queue' && r.method === 'GET')).toBe(true);
    expect(reported).toContain(0);
    expect(result.provenance?.jobId).toBe(acceptedPrompt().id);
  });
});

describe('following a job from another process', () => {
  it('leaves the render running when its worker stops, and a new process follows it to the video without queueing it again', async () => {
    mock.job = { ...mock.job, steps: 10, stepMs: 60 };
    const stop = new AbortController();
    let token: unknown;
    const first = runVideoJob(comfy(), request(), {
      workDir: await workDir(),
      pollMs: 10,
      signal: stop.signal,
      onSubmitted: (resumeToken) => void (token = resumeToken),
    });
    await waitFor(() => [...mock.prompts.values()].some((prompt) => prompt.state === 'running'), 'the render to start');
    stop.abort();
    expect((await providerFailure(first)).kind).toBe('retryable');
    // Not interrupted, not deleted: the GPU's work is not thrown away.
    expect(acceptedPrompt().interrupt).toBe(false);
    expect(mock.requests.some((r) => r.path === '/interrupt' || (r.path === '/queue' && r.method === 'POST'))).toBe(false);

    const result = await runVideoJob(comfy(), request(), { workDir: await workDir(), pollMs: 10, resumeToken: JSON.parse(JSON.stringify(token)) });
    expect(mock.requests.filter((r) => r.method === 'POST' && r.path === '/prompt')).toHaveLength(1);
    expect(result.provenance).toMatchObject({ jobId: acceptedPrompt().id, seed: 4242, prompt: composeVideoPrompt(request()) });
    if (result.kind === 'file') expect((await ffprobe(result.path)).streams[0]!.codec_type).toBe('video');
  });

  it('gives up as retryable a job the server no longer knows, and refuses a token that is not one of ours', async () => {
    const lost = comfy();
    const { jobId } = await lost.resume!({ promptId: 'gone-after-a-restart', prompt: 'p', seed: 1, references: [] }, { workDir: await workDir() });
    const error = await providerFailure(lost.result(jobId));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/no longer knows job gone-after-a-restart/);
    expect((await providerFailure(lost.resume!({ operation: {} }, { workDir: await workDir() }))).kind).toBe('invalid_input');
  });
});

describe('the server check', () => {
  it('names the server and its GPU', async () => {
    const check = await comfy().check!();
    expect(check.ok).toBe(true);
    expect(check.verdict).toContain(`ComfyUI 0.3.66 at ${new URL(mock.url).host}`);
    expect(check.verdict).toContain('RTX 4090');
    expect(check.verdict).toContain('24 GB VRAM');
    expect(check.verdict).toContain('text-to-video.json');
  });

  it('fails clearly when the server is unreachable, refuses the credentials, or lacks a node', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = await comfy({ baseUrl: `http://127.0.0.1:${port}` }).check!();
    expect(unreachable.ok).toBe(false);
    expect(unreachable.verdict).toMatch(new RegExp(`unreachable: ComfyUI at 127\\.0\\.0\\.1:${port} could not be reached`));

    mock.acceptKey = KEY;
    const wrongKey = await comfy({ apiKey: 'wrong-token' }).check!();
    expect(wrongKey).toEqual({ ok: false, verdict: `credentials refused at ${new URL(mock.url).host} (HTTP 401); check the API key of provider "comfy"` });
    expect((await comfy({ apiKey: KEY }).check!()).ok).toBe(true);
    mock.acceptKey = undefined;

    mock.fail('GET /system_stats', { status: 403, body: { error: 'Forbidden' } });
    expect(await comfy().check!()).toMatchObject({ ok: false, verdict: expect.stringMatching(/credentials refused .*HTTP 403/) });

    mock.nodeClasses.delete('LTXVScheduler');
    const lacking = await comfy().check!();
    expect(lacking.ok).toBe(false);
    expect(lacking.verdict).toMatch(/lacks nodes the workflow text-to-video\.json uses: LTXVScheduler;/);
  });
});

describe('workflow markers', () => {
  const settings = (workflow: unknown): ComfyUiSettings => ({ id: 'comfy', baseUrl: mock.url, workflow: workflow as ComfyWorkflow, workflowName: 'mine.json', maxConcurrent: 1, timeoutMs: 1000 });
  const without = (edit: (workflow: ComfyWorkflow) => void) => {
    const workflow = structuredClone(TEXT_TO_VIDEO);
    edit(workflow);
    return workflow;
  };

  it('finds the markers of the shipped workflow', async () => {
    const marked = await loadComfyWorkflow(WORKFLOW_FILE);
    expect(marked.nodes).toMatchObject({ prompt: ['6'], negative: ['7'], seed: ['72'], size: ['70'], duration: ['69', '70', '78'], first_frame: [], reference: [] });
    expect(marked.outputNode).toBe('79');
    expect(marked.stepNodes).toEqual(['72']);
  });

  it('rejects a workflow missing a required marker or the input a marker sets, naming both and the file', () => {
    expect(() => createComfyUiVideoProvider(settings(without((w) => (w['72']!._meta = { title: 'Sampler' }))))).toThrow(
      /The ComfyUI workflow mine\.json has no node marked \[dailies:seed\]/,
    );
    expect(() => createComfyUiVideoProvider(settings(without((w) => (w['6']!._meta = { title: 'Prompt' }))))).toThrow(/no node marked \[dailies:prompt\]/);
    expect(() => createComfyUiVideoProvider(settings(without((w) => delete w['79']!._meta)))).toThrow(/no node marked \[dailies:output\]/);
    expect(() => createComfyUiVideoProvider(settings(without((w) => delete w['72']!.inputs.noise_seed)))).toThrow(
      /marks node 72 \(SamplerCustom\) \[dailies:seed\], but it has no seed or noise_seed input/,
    );
    expect(() => createComfyUiVideoProvider(settings(without((w) => delete w['70']!.inputs.height)))).toThrow(
      /marks node 70 \(EmptyLTXVLatentVideo\) \[dailies:size\], but it has no height input/,
    );
    expect(() => createComfyUiVideoProvider(settings(without((w) => (w['6']!.inputs.text = ['99', 0]))))).toThrow(/its text input comes from another node/);
  });

  it('rejects typos, ambiguous outputs, image outputs and UI-format files', () => {
    expect(() => createComfyUiVideoProvider(settings(without((w) => (w['72']!._meta = { title: 'Sampler [dailies:sead]' }))))).toThrow(/unknown marker \[dailies:sead\]/);
    expect(() => createComfyUiVideoProvider(settings(without((w) => (w['78']!._meta = { title: 'Video [dailies:output]' }))))).toThrow(/marks 2 nodes \[dailies:output\] \(78, 79\)/);
    expect(() =>
      createComfyUiVideoProvider(settings(without((w) => (w['79'] = { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'x' }, _meta: { title: '[dailies:output]' } })))),
    ).toThrow(/saves images, not a video/);
    expect(() => createComfyUiVideoProvider(settings({ nodes: [], links: [], version: 0.4 }))).toThrow(/UI format; save it with "Export \(API\)"/);
  });
});
