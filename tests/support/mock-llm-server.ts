/**
 * A local stand-in for remote language-model services, speaking their documented HTTP protocols:
 *   - OpenAI-compatible: POST /v1/chat/completions, GET /v1/models
 *   - Google Gemini:     POST /v1beta/models/{model}:generateContent, GET /v1beta/models/{model}
 * Each request is recorded (method, path, headers, parsed body, arrival time) and answered by the
 * next scripted reply, or by the default one. Replies can inject faults: any status with headers
 * and body, a hang (no answer), or an answer whose content is not what was asked for.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readJsonObject } from './request-body.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | null;
  at: number;
}

export type MockReply =
  /** The model "says" this (objects are sent as JSON text), with a finish reason. */
  | { content: unknown; finish?: 'stop' | 'content_filter' | 'length' }
  /** A raw HTTP answer. */
  | { status: number; headers?: Record<string, string>; body?: unknown }
  /** Never answers (until the client gives up). */
  | { hang: true };

export interface MockLlmServer {
  url: string;
  /** OpenAI-compatible base URL (…/v1). */
  openaiBase: string;
  /** Gemini base URL (…/v1beta). */
  geminiBase: string;
  requests: RecordedRequest[];
  /** Answers for the next generation requests, in order; then `fallback`. */
  script(...replies: MockReply[]): void;
  fallback: (request: RecordedRequest) => MockReply;
  /** Models GET /v1/models lists. */
  models: string[];
  /** The key the server accepts; other keys get 401. Undefined: any key. */
  acceptKey: string | undefined;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export async function startMockLlmServer(): Promise<MockLlmServer> {
  const queue: MockReply[] = [];
  const hanging = new Set<ServerResponse>();
  const mock: MockLlmServer = {
    url: '',
    openaiBase: '',
    geminiBase: '',
    requests: [],
    script: (...replies) => queue.push(...replies),
    fallback: () => ({ status: 500, body: { error: { message: 'no reply scripted' } } }),
    models: ['test-model'],
    acceptKey: undefined,
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const keyOf = (req: IncomingMessage): string | undefined => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return auth.slice(7);
    return (req.headers['x-goog-api-key'] as string | undefined) ?? undefined;
  };

  const server: Server = createServer(async (req, res) => {
    const body = await readJsonObject(req);
    const path = (req.url ?? '/').split('?')[0]!;
    const request: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, at: Date.now() };
    mock.requests.push(request);
    if (mock.acceptKey !== undefined && keyOf(req) !== mock.acceptKey) {
      send(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
      return;
    }

    if (req.method === 'GET' && path === '/v1/models') {
      send(res, 200, { object: 'list', data: mock.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'mock' })) });
      return;
    }
    const geminiModel = /^\/v1beta\/models\/([^/:]+)$/.exec(path);
    if (req.method === 'GET' && geminiModel) {
      if (mock.models.includes(geminiModel[1]!)) send(res, 200, { name: `models/${geminiModel[1]}`, supportedGenerationMethods: ['generateContent'] });
      else send(res, 404, { error: { code: 404, message: `models/${geminiModel[1]} is not found`, status: 'NOT_FOUND' } });
      return;
    }
    const openai = req.method === 'POST' && path === '/v1/chat/completions';
    const gemini = req.method === 'POST' && /^\/v1beta\/models\/[^/]+:generateContent$/.test(path);
    if (!openai && !gemini) {
      send(res, 404, { error: { message: `no route ${req.method} ${path}` } });
      return;
    }

    const reply = queue.shift() ?? mock.fallback(request);
    if ('hang' in reply) {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if ('status' in reply) {
      send(res, reply.status, reply.body ?? {}, reply.headers);
      return;
    }
    const content = typeof reply.content === 'string' ? reply.content : JSON.stringify(reply.content);
    const finish = reply.finish ?? 'stop';
    if (openai) {
      send(res, 200, {
        id: `chatcmpl-${mock.requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: String(body?.model ?? 'test-model'),
        choices: [{ index: 0, message: { role: 'assistant', content: finish === 'content_filter' ? null : content }, finish_reason: finish }],
        usage: { prompt_tokens: 120, completion_tokens: 340, total_tokens: 460 },
      });
    } else {
      const geminiFinish = { stop: 'STOP', content_filter: 'SAFETY', length: 'MAX_TOKENS' }[finish];
      send(res, 200, {
        candidates: [{ content: { role: 'model', parts: finish === 'content_filter' ? [] : [{ text: content }] }, finishReason: geminiFinish, index: 0 }],
        usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 340, totalTokenCount: 460 },
        modelVersion: path.split('/').at(-1)!.split(':')[0],
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  mock.url = `http://127.0.0.1:${port}`;
  mock.openaiBase = `${mock.url}/v1`;
  mock.geminiBase = `${mock.url}/v1beta`;
  return mock;
}

/** A story answer for the first planning step. */
export const STORY_ANSWER = {
  title: 'The Bottle',
  logline: 'A lighthouse keeper finds a message that asks for help from across the bay.',
  story: 'Lena tends the light.\n\nA bottle washes up with a note.\n\nShe rows out before the storm.',
  characters: [
    { name: 'Lena', description: 'The lighthouse keeper, stubborn and kind.', visual_traits: ['curly red hair', 'yellow oilskin coat', 'brass lantern'] },
    { name: 'Tom', description: 'A fisherman who owes her a favour.', visual_traits: ['grey beard', 'blue knitted cap'] },
  ],
};

/** A shots answer for the second step: two scenes; one line is spoken by someone not in the story. */
export const SHOTS_ANSWER = {
  scenes: [
    {
      heading: 'ext. lighthouse - dusk',
      location: 'Lighthouse',
      location_description: 'A white tower on black rocks, waves breaking.',
      time_of_day: 'dusk',
      summary: 'Lena finds the bottle.',
      shots: [
        { prompt: 'Lena walks the rocks with her lantern', camera: 'pan-left', camera_note: 'follow her', duration: 5, characters: ['Lena'], dialogue: [] },
        { prompt: 'Close on the note in the bottle', camera: 'push-in', camera_note: 'slow', duration: 14, characters: ['lena'], dialogue: [{ character: 'Lena', line: 'Who wrote this?' }] },
      ],
    },
    {
      heading: 'EXT. HARBOUR - NIGHT',
      location: 'Harbour',
      location_description: 'Wet planks, one lamp, boats knocking together.',
      time_of_day: 'night',
      summary: 'Tom lends her his boat.',
      shots: [
        { prompt: 'Tom hands Lena the oars', camera: 'static', camera_note: '', duration: 4.2, characters: ['Tom', 'Lena'], dialogue: [{ character: 'Harbourmaster', line: 'Not tonight!' }] },
      ],
    },
  ],
};
