/**
 * A local stand-in for a ComfyUI server, speaking its HTTP and WebSocket protocol:
 *   POST /prompt, GET /ws?clientId=…, GET /history/{id}, GET /queue, POST /queue {delete},
 *   POST /interrupt [{prompt_id}], POST /upload/image, GET /view, GET /system_stats,
 *   GET /object_info/{class}
 * Accepted prompts run one at a time, as on a real server: `execution_start`, `execution_cached`,
 * `executing` for each node in dependency order, `progress` for each sampling step of sampler nodes
 * (and a binary preview frame after the first), `executed` for save nodes, then `execution_success`,
 * `execution_error` or `execution_interrupted`, the history entry, and `executing` with node null.
 * The saved video is a real two-second MP4 made with ffmpeg when the server starts.
 *
 * Every request and WebSocket connection is recorded. Faults: any answer (or a hang) for the next
 * requests to a route, refused credentials, refused WebSockets, and per job: time queued, steps,
 * an execution error, a missing / non-video / unfindable output, a socket dropped mid-job.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRaw } from './request-body.ts';
import { join, posix } from 'node:path';
import { WebSocketServer, WebSocket } from 'ws';
import type { ComfyWorkflow } from '../../server/providers/comfyui/workflow.ts';
import { makeScratchDir, makeTestClip } from './media-fixtures.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  /** Parsed JSON; for multipart forms `{ fields, files }`; null when empty. */
  body: unknown;
  at: number;
}

export interface RecordedSocket {
  clientId: string;
  headers: IncomingMessage['headers'];
  at: number;
  closedAt?: number;
  /** JSON messages sent to it, in order. */
  messages: { type: string; data: Record<string, unknown> }[];
}

/** A raw answer, or no answer at all. */
export type RouteFault = { status: number; headers?: Record<string, string>; body?: unknown } | { hang: true };

export interface JobScript {
  /** Milliseconds a prompt waits in the queue before it starts, once the server is free. */
  queuedMs: number;
  /** Sampling steps of each sampler node, and how long each takes. */
  steps: number;
  stepMs: number;
  /** How the prompt ends; an error is raised in `node` (default: the first sampler). */
  outcome: 'success' | { error: { exception_type: string; exception_message: string }; node?: string };
  /** What the save nodes leave: the video; nothing; a file that is not a video; a file /view cannot find. */
  output: 'video' | 'none' | 'not-a-video' | 'missing-file';
  /** Closes the client's WebSocket after this many sampling steps. */
  dropSocketAfterStep?: number;
}

export interface AcceptedPrompt {
  id: string;
  number: number;
  prompt: ComfyWorkflow;
  clientId: string | undefined;
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'interrupted' | 'deleted';
  script: JobScript;
  interrupt: boolean;
}

export interface MockComfyUi {
  url: string;
  requests: RecordedRequest[];
  sockets: RecordedSocket[];
  /** Prompts accepted by POST /prompt, by prompt id, as submitted. */
  prompts: Map<string, AcceptedPrompt>;
  /** Uploaded files by the name LoadImage would use (`subfolder/name`). */
  uploads: Map<string, Buffer>;
  /** How prompts accepted from now on run. */
  job: JobScript;
  /** Answers for the next requests to a route ("POST /prompt", "GET /view", "GET /history"), in order. */
  fail(route: string, ...faults: RouteFault[]): void;
  /** The bearer token required on every request and WebSocket; undefined: none. */
  acceptKey: string | undefined;
  /** Answers WebSocket upgrades with 404, like a proxy that does not pass them. */
  refuseWebSockets: boolean;
  nodeClasses: Set<string>;
  /** The MP4 every successful job saves. */
  videoPath: string;
  /** Ends running and queued jobs, closes sockets and forgets faults and records. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_JOB: JobScript = { queuedMs: 0, steps: 4, stepMs: 30, outcome: 'success', output: 'video' };

const OUTPUT_CLASSES = new Set(['SaveVideo', 'VHS_VideoCombine', 'SaveAnimatedWEBP', 'SaveImage', 'PreviewImage', 'SaveWEBM']);
const SAMPLERS = new Set(['KSampler', 'KSamplerAdvanced', 'SamplerCustom', 'SamplerCustomAdvanced']);
export const KNOWN_NODE_CLASSES = [
  'CheckpointLoaderSimple',
  'CLIPLoader',
  'CLIPTextEncode',
  'UNETLoader',
  'VAELoader',
  'LoadImage',
  'LTXVConditioning',
  'LTXVImgToVideo',
  'LTXVPreprocess',
  'EmptyLTXVLatentVideo',
  'LTXVScheduler',
  'EmptyHunyuanLatentVideo',
  'WanImageToVideo',
  'ModelSamplingSD3',
  'KSamplerSelect',
  'RandomNoise',
  'BasicScheduler',
  'CFGGuider',
  'VAEDecode',
  'CreateVideo',
  ...SAMPLERS,
  ...OUTPUT_CLASSES,
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CONTENT_TYPES: Record<string, string> = { '.mp4': 'video/mp4', '.webm': 'video/webm', '.png': 'image/png', '.jpg': 'image/jpeg', '.webp': 'image/webp' };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Node ids with every node after the nodes it takes input from. */
function executionOrder(prompt: ComfyWorkflow): string[] {
  const order: string[] = [];
  const visit = (id: string) => {
    if (order.includes(id) || !prompt[id]) return;
    for (const value of Object.values(prompt[id].inputs)) if (Array.isArray(value) && typeof value[0] === 'string') visit(value[0]);
    order.push(id);
  };
  for (const id of Object.keys(prompt)) visit(id);
  return order;
}

export async function startMockComfyUi(): Promise<MockComfyUi> {
  const scratch = await makeScratchDir('dailies-mock-comfyui-');
  const videoPath = join(scratch.dir, 'take.mp4');
  await makeTestClip(videoPath, { durationSeconds: 2, audio: false, size: '320x180', fps: 24 });
  const video = await readFile(videoPath);

  const faults = new Map<string, RouteFault[]>();
  const hanging = new Set<ServerResponse>();
  const clients = new Map<string, { socket: WebSocket; record: RecordedSocket }>();
  const history = new Map<string, unknown>();
  const files = new Map<string, Buffer>();
  const pending: AcceptedPrompt[] = [];
  let running: AcceptedPrompt | undefined;
  let busy = false;
  let number = 0;
  let saved = 0;

  const mock: MockComfyUi = {
    url: '',
    requests: [],
    sockets: [],
    prompts: new Map(),
    uploads: new Map(),
    job: { ...DEFAULT_JOB },
    fail: (route, ...replies) => faults.set(route, [...(faults.get(route) ?? []), ...replies]),
    acceptKey: undefined,
    refuseWebSockets: false,
    nodeClasses: new Set(KNOWN_NODE_CLASSES),
    videoPath,
    reset: async () => {
      for (const job of pending.splice(0)) job.state = 'deleted';
      if (running) running.interrupt = true;
      while (busy) await sleep(10);
      for (const { socket } of clients.values()) socket.terminate();
      clients.clear();
      for (const res of hanging) res.destroy();
      faults.clear();
      mock.requests.length = 0;
      mock.sockets.length = 0;
      mock.uploads.clear();
      mock.prompts.clear();
      mock.job = { ...DEFAULT_JOB };
      mock.acceptKey = undefined;
      mock.refuseWebSockets = false;
      mock.nodeClasses = new Set(KNOWN_NODE_CLASSES);
    },
    close: async () => {
      await mock.reset();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await scratch.cleanup();
    },
  };

  const queueRemaining = () => pending.length + (running ? 1 : 0);
  const sendTo = (clientId: string | undefined, type: string, data: Record<string, unknown>) => {
    const client = clientId ? clients.get(clientId) : undefined;
    if (!client || client.socket.readyState !== WebSocket.OPEN) return;
    client.socket.send(JSON.stringify({ type, data }));
    client.record.messages.push({ type, data });
  };
  const broadcastStatus = () => {
    for (const [clientId] of clients) sendTo(clientId, 'status', { status: { exec_info: { queue_remaining: queueRemaining() } } });
  };

  /** What a save node reports, and the file it leaves. */
  const saveOutput = (node: ComfyWorkflow[string], script: JobScript): Record<string, unknown> | undefined => {
    if (script.output === 'none') return undefined;
    saved++;
    const vhs = node.class_type === 'VHS_VideoCombine';
    const prefix = String(node.inputs.filename_prefix ?? (vhs ? 'AnimateDiff' : 'video/ComfyUI'));
    const subfolder = posix.dirname(prefix) === '.' ? '' : posix.dirname(prefix);
    const filename = `${posix.basename(prefix)}_${String(saved).padStart(5, '0')}${vhs ? '' : '_'}.mp4`;
    const type = vhs && node.inputs.save_output === false ? 'temp' : 'output';
    if (script.output === 'video') files.set(`${type}/${subfolder}/${filename}`, video);
    if (script.output === 'not-a-video') files.set(`${type}/${subfolder}/${filename}`, Buffer.from('<html><body>500 Internal Server Error</body></html>'));
    if (vhs) {
      return {
        gifs: [{ filename, subfolder, type, format: String(node.inputs.format ?? 'video/h264-mp4'), frame_rate: node.inputs.frame_rate ?? 8, workflow: filename.replace(/\.mp4$/, '.png'), fullpath: `/comfy/${type}/${subfolder}/${filename}` }],
      };
    }
    return { images: [{ filename, subfolder, type }], animated: [true] };
  };

  const execute = async (job: AcceptedPrompt) => {
    const { id: prompt_id, script, prompt } = job;
    const send = (type: string, data: Record<string, unknown>) => sendTo(job.clientId, type, { ...data, prompt_id });
    const messages: [string, Record<string, unknown>][] = [];
    const note = (type: string, data: Record<string, unknown>) => {
      const full = { prompt_id, ...data, timestamp: Date.now() };
      messages.push([type, full]);
      send(type, full);
    };
    job.state = 'running';
    running = job;
    note('execution_start', {});
    note('execution_cached', { nodes: [] });
    const order = executionOrder(prompt);
    const errorNode = typeof script.outcome === 'object' ? (script.outcome.node ?? order.find((id) => SAMPLERS.has(prompt[id]!.class_type)) ?? order[0]) : undefined;
    const outputs: Record<string, unknown> = {};
    const executed: string[] = [];
    let steps = 0;
    let end: { type: 'execution_interrupted' | 'execution_error'; node: string } | undefined;
    for (const id of order) {
      const node = prompt[id]!;
      send('executing', { node: id, display_node: id });
      await sleep(2);
      if (SAMPLERS.has(node.class_type)) {
        for (let step = 1; step <= script.steps && !job.interrupt; step++) {
          await sleep(script.stepMs);
          if (job.interrupt) break;
          send('progress', { value: step, max: script.steps, node: id });
          if (step === 1) {
            // A JPEG preview of the latent: event type 1 (PREVIEW_IMAGE), image type 1 (JPEG).
            const preview = Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 0, 0, 1]), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])]);
            const client = job.clientId ? clients.get(job.clientId) : undefined;
            if (client?.socket.readyState === WebSocket.OPEN) client.socket.send(preview);
          }
          steps++;
          if (script.dropSocketAfterStep === steps && job.clientId) clients.get(job.clientId)?.socket.terminate();
        }
      }
      if (job.interrupt) {
        end = { type: 'execution_interrupted', node: id };
        break;
      }
      if (id === errorNode) {
        end = { type: 'execution_error', node: id };
        break;
      }
      if (OUTPUT_CLASSES.has(node.class_type)) {
        const output = saveOutput(node, script);
        if (output) {
          outputs[id] = output;
          send('executed', { node: id, display_node: id, output });
        }
      }
      executed.push(id);
    }
    if (end?.type === 'execution_interrupted') {
      note('execution_interrupted', { node_id: end.node, node_type: prompt[end.node]!.class_type, executed });
      job.state = 'interrupted';
    } else if (end?.type === 'execution_error' && typeof script.outcome === 'object') {
      note('execution_error', {
        node_id: end.node,
        node_type: prompt[end.node]!.class_type,
        executed,
        ...script.outcome.error,
        traceback: ['  File "/comfy/execution.py", line 496, in execute\n'],
        current_inputs: {},
        current_outputs: {},
      });
      job.state = 'failed';
    } else {
      note('execution_success', {});
      job.state = 'succeeded';
    }
    const ok = job.state === 'succeeded';
    history.set(prompt_id, {
      prompt: [job.number, prompt_id, prompt, { client_id: job.clientId }, order.filter((id) => OUTPUT_CLASSES.has(prompt[id]!.class_type))],
      outputs: ok ? outputs : {},
      status: { status_str: ok ? 'success' : 'error', completed: ok, messages },
      meta: Object.fromEntries(Object.keys(outputs).map((id) => [id, { node_id: id, display_node: id, parent_node: null, real_node_id: id }])),
    });
    running = undefined;
    send('executing', { node: null });
    broadcastStatus();
  };

  const pump = async () => {
    if (busy) return;
    busy = true;
    try {
      while (pending.length > 0) {
        const job = pending[0]!;
        if (job.script.queuedMs > 0) await sleep(job.script.queuedMs);
        if (pending[0] !== job || job.state !== 'pending') continue;
        pending.shift();
        await execute(job);
      }
    } finally {
      busy = false;
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse, request: RecordedRequest, raw: Buffer) => {
    const { method, path, query } = request;
    if (method === 'POST' && path === '/prompt') {
      const body = request.body as { prompt?: ComfyWorkflow; client_id?: string } | null;
      if (!body?.prompt) return sendJson(res, 400, { error: { type: 'no_prompt', message: 'No prompt provided', details: 'No prompt provided', extra_info: {} }, node_errors: {} });
      for (const [id, node] of Object.entries(body.prompt)) {
        if (!mock.nodeClasses.has(node.class_type)) {
          return sendJson(res, 400, {
            error: { type: 'invalid_prompt', message: `Cannot execute because node ${node.class_type} does not exist.`, details: `Node ID '#${id}'`, extra_info: {} },
            node_errors: {},
          });
        }
      }
      if (!Object.values(body.prompt).some((node) => OUTPUT_CLASSES.has(node.class_type))) {
        return sendJson(res, 400, { error: { type: 'prompt_no_outputs', message: 'Prompt has no outputs', details: '', extra_info: {} }, node_errors: {} });
      }
      const job: AcceptedPrompt = { id: randomUUID(), number: number++, prompt: body.prompt, clientId: body.client_id, state: 'pending', script: { ...mock.job }, interrupt: false };
      mock.prompts.set(job.id, job);
      pending.push(job);
      sendJson(res, 200, { prompt_id: job.id, number: job.number, node_errors: {} });
      broadcastStatus();
      void pump();
      return;
    }
    const historyId = /^\/history\/(.+)$/.exec(path)?.[1];
    if (method === 'GET' && historyId) {
      const entry = history.get(decodeURIComponent(historyId));
      return sendJson(res, 200, entry ? { [decodeURIComponent(historyId)]: entry } : {});
    }
    if (method === 'GET' && path === '/queue') {
      const item = (job: AcceptedPrompt) => [job.number, job.id, job.prompt, { client_id: job.clientId }, []];
      return sendJson(res, 200, { queue_running: running ? [item(running)] : [], queue_pending: pending.map(item) });
    }
    if (method === 'POST' && path === '/queue') {
      const body = (request.body ?? {}) as { delete?: string[]; clear?: boolean };
      for (const job of [...pending]) {
        if (body.clear || body.delete?.includes(job.id)) {
          pending.splice(pending.indexOf(job), 1);
          job.state = 'deleted';
        }
      }
      res.writeHead(200).end();
      broadcastStatus();
      return;
    }
    if (method === 'POST' && path === '/interrupt') {
      const promptId = (request.body as { prompt_id?: string } | null)?.prompt_id;
      if (running && (!promptId || promptId === running.id)) running.interrupt = true;
      res.writeHead(200).end();
      return;
    }
    if (method === 'POST' && path === '/upload/image') {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData().catch(() => undefined);
      const image = form?.get('image');
      if (!form || !(image instanceof File)) return res.writeHead(400).end();
      const subfolder = String(form.get('subfolder') ?? '');
      const overwrite = ['true', '1'].includes(String(form.get('overwrite') ?? ''));
      const bytes = Buffer.from(await image.arrayBuffer());
      let name = image.name;
      const key = (candidate: string) => (subfolder ? `${subfolder}/${candidate}` : candidate);
      for (let i = 1; !overwrite && mock.uploads.has(key(name)) && !mock.uploads.get(key(name))!.equals(bytes); i++) name = image.name.replace(/(\.[^.]*)?$/, ` (${i})$1`);
      mock.uploads.set(key(name), bytes);
      return sendJson(res, 200, { name, subfolder, type: String(form.get('type') ?? 'input') });
    }
    if (method === 'GET' && path === '/view') {
      const file = files.get(`${query.type ?? 'output'}/${query.subfolder ?? ''}/${query.filename ?? ''}`);
      if (!file) return res.writeHead(404).end();
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[posix.extname(query.filename ?? '')] ?? 'application/octet-stream',
        'content-disposition': `filename="${query.filename}"`,
        'content-length': String(file.length),
      });
      res.end(file);
      return;
    }
    if (method === 'GET' && path === '/system_stats') {
      sendJson(res, 200, {
        system: { os: 'posix', ram_total: 67_430_000_000, ram_free: 50_120_000_000, comfyui_version: '0.3.66', python_version: '3.12.3', pytorch_version: '2.8.0+cu128', embedded_python: false, argv: ['main.py', '--listen'] },
        devices: [{ name: 'cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync', type: 'cuda', index: 0, vram_total: 25_756_696_576, vram_free: 24_110_000_000, torch_vram_total: 0, torch_vram_free: 0 }],
      });
      return;
    }
    const nodeClass = /^\/object_info\/(.+)$/.exec(path)?.[1];
    if (method === 'GET' && nodeClass) {
      const name = decodeURIComponent(nodeClass);
      return sendJson(res, 200, mock.nodeClasses.has(name) ? { [name]: { name, display_name: name, input: { required: {} }, output: [], output_node: OUTPUT_CLASSES.has(name), category: 'mock' } } : {});
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404: Not Found');
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readRaw(req);
    const url = new URL(req.url ?? '/', 'http://mock');
    const contentType = req.headers['content-type'] ?? '';
    let body: unknown = null;
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData().catch(() => undefined);
      const fields: Record<string, string> = {};
      const filesIn: Record<string, { name: string; type: string; size: number }> = {};
      form?.forEach((value, key) => {
        if (typeof value === 'string') fields[key] = value;
        else filesIn[key] = { name: value.name, type: value.type, size: value.size };
      });
      body = { fields, files: filesIn };
    } else if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = raw.toString('utf8');
      }
    }
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body, at: Date.now() };
    mock.requests.push(request);
    if (mock.acceptKey !== undefined && req.headers.authorization !== `Bearer ${mock.acceptKey}`) {
      return sendJson(res, 401, { error: 'Unauthorized' });
    }
    const routeKey = [...faults.keys()].find((key) => `${request.method} ${request.path}` === key || `${request.method} ${request.path}`.startsWith(`${key}/`));
    const fault = routeKey ? faults.get(routeKey)!.shift() : undefined;
    if (fault && 'hang' in fault) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (fault) return sendJson(res, fault.status, fault.body ?? '', fault.headers);
    await route(req, res, request, raw);
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    if (url.pathname !== '/ws' || mock.refuseWebSockets) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (mock.acceptKey !== undefined && req.headers.authorization !== `Bearer ${mock.acceptKey}`) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const clientId = url.searchParams.get('clientId') ?? randomUUID().replace(/-/g, '');
      const record: RecordedSocket = { clientId, headers: req.headers, at: Date.now(), messages: [] };
      mock.sockets.push(record);
      // Like ComfyUI, one socket per client id: a reconnect takes over the id's events.
      clients.set(clientId, { socket: ws, record });
      ws.on('close', () => {
        record.closedAt = Date.now();
        if (clients.get(clientId)?.socket === ws) clients.delete(clientId);
      });
      sendTo(clientId, 'status', { status: { exec_info: { queue_remaining: queueRemaining() } }, sid: clientId });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return mock;
}
