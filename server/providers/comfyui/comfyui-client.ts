/**
 * HTTP with a ComfyUI server, as the video provider needs it: one call read whole with its
 * failures typed, the uploads of reference images, the reading of its refusals and execution
 * errors, and the check `dailies providers` runs. The job state machine (queue, socket events,
 * polling, download) is the provider's (comfyui-video.provider.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { invalidInputError, policyRefusalError, type ProviderError, rateLimitedError, retryableError } from '../errors.ts';
import { retryAfterMs } from '../llm/model-errors.ts';
import type { ProviderCheck } from '../planner.types.ts';
import { hostOf } from '../provider-check.ts';
import type { VideoReferenceImage } from '../video.types.ts';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

export type Payload = Record<string, unknown>;

const OUT_OF_MEMORY = /out of memory|OutOfMemoryError|\bOOM\b|Allocation on device/i;
const POLICY = /nsfw|not safe for work|safety[ _-]?(checker|filter)|content[ _-]?(policy|filter|moderation)|unsafe content|inappropriate content/i;

export const shorten = (text: string, max = 300) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};
const seconds = (ms: number) => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;

export class ComfyUiClient {
  readonly base: string;
  readonly host: string;
  readonly #providerId: string;
  readonly #workflowName: string;
  readonly #apiKey: string | undefined;
  readonly #timeoutMs: number;

  constructor(settings: { providerId: string; baseUrl: string; workflowName: string; apiKey?: string; timeoutMs: number }) {
    this.base = settings.baseUrl.replace(/\/+$/, '');
    this.host = hostOf(this.base);
    this.#providerId = settings.providerId;
    this.#workflowName = settings.workflowName;
    this.#apiKey = settings.apiKey;
    this.#timeoutMs = settings.timeoutMs;
  }

  /** Sent with every request and the WebSocket handshake, for servers behind an authenticating proxy. */
  headers(): Record<string, string> {
    return this.#apiKey ? { authorization: `Bearer ${this.#apiKey}` } : {};
  }

  /** The WebSocket address on which ComfyUI sends `clientId` the events of the prompts it queued. */
  socketUrl(clientId: string): string {
    return `${this.base.replace(/^http/, 'ws')}/ws?clientId=${encodeURIComponent(clientId)}`;
  }

  /** One HTTP call, read whole; a failure to get an answer is a retryable ProviderError. */
  async send(method: 'GET' | 'POST', path: string, body?: { json?: unknown; form?: FormData }, timeoutMs = this.#timeoutMs): Promise<Answer> {
    const what = `${method} ${path.split('?')[0]}`;
    try {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers: { ...this.headers(), ...(body?.json !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: body.json !== undefined ? JSON.stringify(body.json) : body.form! } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      return { status: response.status, headers: Object.fromEntries(response.headers.entries()), text: await response.text() };
    } catch (cause) {
      if ((cause as Error).name === 'TimeoutError') throw retryableError(this.#providerId, `ComfyUI at ${this.host} did not answer ${what} within ${seconds(timeoutMs)}.`, cause);
      const reason = (cause as Error & { cause?: Error }).cause?.message ?? (cause as Error).message;
      throw retryableError(this.#providerId, `ComfyUI at ${this.host} could not be reached (${reason}).`, cause);
    }
  }

  /** The JSON of a successful answer; a ProviderError typed by the HTTP status otherwise. */
  parse(answer: Answer, what: string): unknown {
    const id = this.#providerId;
    const { status, headers, text } = answer;
    if (status < 200 || status >= 300) {
      const said = serverSaid(text);
      if (status === 429) throw rateLimitedError(id, `ComfyUI at ${this.host} is rate limiting requests (HTTP 429 on ${what})${said}.`, retryAfterMs(headers));
      if (status === 401 || status === 403) throw invalidInputError(id, `ComfyUI at ${this.host} refused the credentials (HTTP ${status}); check the API key of provider "${id}".`);
      if (status === 404) throw invalidInputError(id, `ComfyUI at ${this.host} has no ${what} (HTTP 404); check that ${this.base} is a ComfyUI server.`);
      if (status >= 500 || status === 408) throw retryableError(id, `ComfyUI at ${this.host} failed (HTTP ${status} on ${what})${said}.`);
      throw invalidInputError(id, `ComfyUI at ${this.host} rejected ${what} (HTTP ${status})${said}.`);
    }
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch (cause) {
      throw retryableError(id, `ComfyUI at ${this.host} answered ${what} with something that is not JSON ("${shorten(text, 60)}").`, cause);
    }
  }

  /** Sends a call whose answer only needs to be a success, returning its JSON. */
  async call(method: 'GET' | 'POST', path: string, body?: { json?: unknown; form?: FormData }): Promise<unknown> {
    return this.parse(await this.send(method, path, body), `${method} ${path.split('?')[0]}`);
  }

  /** What ComfyUI said about a workflow it would not queue, node by node. */
  rejection(text: string): string {
    type NodeError = { class_type?: string; errors?: { message?: string; details?: string }[] };
    let body: { error?: string | { message?: string; details?: string }; node_errors?: Record<string, NodeError> };
    try {
      body = JSON.parse(text);
    } catch {
      return `ComfyUI rejected the workflow ${this.#workflowName}: ${shorten(text)}`;
    }
    const clause = (message?: string, details?: string) => [message, details ? `(${details})` : ''].filter(Boolean).join(' ');
    const head = typeof body.error === 'string' ? body.error : clause(body.error?.message, body.error?.details);
    const nodes = Object.entries(body.node_errors ?? {}).map(
      ([id, error]) => `node ${id}${error.class_type ? ` (${error.class_type})` : ''}: ${(error.errors ?? []).map((e) => clause(e.message, e.details)).join('; ')}`,
    );
    return shorten(`ComfyUI rejected the workflow ${this.#workflowName}: ${[head, ...nodes].filter(Boolean).join(' — ')}`, 600);
  }

  /** A failed execution: out of GPU memory and other failures are worth another try; a content filter is not. */
  executionError(data: Payload): ProviderError {
    const id = this.#providerId;
    const node = data.node_id !== undefined ? `node ${String(data.node_id)}${data.node_type ? ` (${String(data.node_type)})` : ''}` : 'a node';
    const said = shorten(`${String(data.exception_type ?? 'error')}: ${String(data.exception_message ?? '')}`);
    const workflow = this.#workflowName;
    if (OUT_OF_MEMORY.test(said)) {
      return retryableError(id, `ComfyUI ran out of GPU memory in ${node} of ${workflow} (${said}); a smaller size or a shorter shot needs less.`);
    }
    if (POLICY.test(said)) return policyRefusalError(id, `The workflow ${workflow} refused this shot in ${node} (content filter): ${said}`);
    return retryableError(id, `ComfyUI failed in ${node} of ${workflow}: ${said}`);
  }

  /** Uploads one image under a name made of its content, so a retried shot does not add copies; returns the name LoadImage takes. */
  async upload(image: VideoReferenceImage): Promise<string> {
    let bytes: Buffer;
    try {
      bytes = await readFile(image.path);
    } catch (cause) {
      throw retryableError(this.#providerId, `The reference image ${image.source} could not be read for upload: ${(cause as Error).message}`, cause);
    }
    const extension = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' }[image.mimeType] ?? (extname(image.path) || '.png');
    const name = `dailies-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}${extension}`;
    const form = new FormData();
    form.append('image', new Blob([new Uint8Array(bytes)], { type: image.mimeType }), name);
    form.append('type', 'input');
    form.append('overwrite', 'true');
    const body = (await this.call('POST', '/upload/image', { form })) as { name?: unknown; subfolder?: unknown } | null;
    if (typeof body?.name !== 'string') throw retryableError(this.#providerId, `ComfyUI at ${this.host} did not name the uploaded image ${image.source}.`);
    return typeof body.subfolder === 'string' && body.subfolder !== '' ? `${body.subfolder}/${body.name}` : body.name;
  }

  /** Reachability, credentials, the server and its GPU, and whether it has every node class the workflow uses. */
  async check(nodeClasses: string[]): Promise<ProviderCheck> {
    let answer: Answer;
    try {
      answer = await this.send('GET', '/system_stats', undefined, Math.min(this.#timeoutMs, 10_000));
    } catch (error) {
      return { ok: false, verdict: `unreachable: ${(error as Error).message}` };
    }
    if (answer.status === 401 || answer.status === 403) return { ok: false, verdict: `credentials refused at ${this.host} (HTTP ${answer.status}); check the API key of provider "${this.#providerId}"` };
    let stats: { system?: { comfyui_version?: string }; devices?: { name?: string; vram_total?: number }[] } | null;
    try {
      stats = answer.status === 200 ? JSON.parse(answer.text) : null;
    } catch {
      stats = null;
    }
    if (!stats?.system) return { ok: false, verdict: `reachable at ${this.host}, but GET /system_stats answered HTTP ${answer.status} without ComfyUI's stats; is it a ComfyUI server?` };
    const device = stats.devices?.[0];
    const server = `ComfyUI ${stats.system.comfyui_version ?? '(version unknown)'} at ${this.host}${device?.name ? ` on ${device.name}${device.vram_total ? ` (${Math.round(device.vram_total / 1024 ** 3)} GB VRAM)` : ''}` : ''}`;
    const missing = await this.#missingNodeClasses(nodeClasses);
    if (missing.length > 0) {
      return { ok: false, verdict: `${server} lacks nodes the workflow ${this.#workflowName} uses: ${missing.join(', ')}; install them there or change the workflow` };
    }
    return { ok: true, verdict: `${server}, workflow ${this.#workflowName}` };
  }

  async #missingNodeClasses(classes: string[]): Promise<string[]> {
    const known = await Promise.all(
      classes.map(async (name) => {
        const answer = await this.send('GET', `/object_info/${encodeURIComponent(name)}`).catch(() => undefined);
        // Servers without this route, or answers we cannot read, are not held against the workflow.
        if (!answer || answer.status !== 200) return true;
        try {
          return name in (JSON.parse(answer.text) as object);
        } catch {
          return true;
        }
      }),
    );
    return classes.filter((_, index) => !known[index]);
  }
}

/** ": <the server's message>", when the body has one. */
function serverSaid(text: string): string {
  if (!text.trim()) return '';
  try {
    const body = JSON.parse(text) as { error?: string | { message?: string }; message?: string };
    const message = typeof body.error === 'string' ? body.error : (body.error?.message ?? body.message);
    return message ? `: ${shorten(message)}` : '';
  } catch {
    return `: ${shorten(text, 120)}`;
  }
}
