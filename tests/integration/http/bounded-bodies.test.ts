/**
 * Every request body is read through a limit that stops at the limit: a chunked body with no
 * Content-Length, far over the limit, is answered 413 at once, without being read on, without
 * the server's memory growing, and without a file or row left behind.
 */
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appServerForFile } from '../../support/app-server.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';

const app = appServerForFile();
let editor: TestClient;
let episodeId: string;

const MB = 1024 * 1024;

interface Answer {
  status: number;
  body: string;
  /** From the first byte sent to the answer's headers. */
  ms: number;
  /** Bytes the client had handed to the socket when the answer came. */
  sent: number;
}

/**
 * Sends `total` bytes as a chunked body (no Content-Length), written as fast as the server takes
 * them, and stops sending as soon as the answer arrives.
 */
function sendChunked(method: string, path: string, headers: Record<string, string>, total: number, first = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const filler = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let answered = false;
    const req = request(`${app.server.base}${path}`, { method, headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      const ms = performance.now() - started;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, ms, sent });
        req.destroy();
      });
    });
    // Once answered, the server drops the connection while we may still be writing.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        const chunk = sent === 0 && first ? Buffer.concat([Buffer.from(first), filler]) : filler;
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/**
 * Bytes held by buffers once garbage is collected. An upload streams 50 MB through the process
 * before its limit is reached, so resident memory rises with short-lived chunks whatever the
 * code does; what matters is that none of it is kept.
 */
function retainedBuffers(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().arrayBuffers;
}

const cookieOf = (client: TestClient) => [...client.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

beforeAll(async () => {
  editor = await signedUpClient(app.server.base, 'editor@example.com');
  const created = await editor.json<{ id: string }>('POST', '/api/v1/episodes', {
    shots: [{ scene: 'INT. LAB - NIGHT', prompt: 'Ada checks the gauges', characters: ['Ada'], duration: 2 }],
  });
  episodeId = created.body.id;
});

describe('bodies are bounded before they are read', () => {
  it('a 50 MB chunked JSON body to login is a 413 within a second, and memory stays flat', async () => {
    const rssBefore = process.memoryUsage().rss;
    const answer = await sendChunked('POST', '/api/v1/auth/login', { 'content-type': 'application/json' }, 50 * MB, '{"email":"');
    const growth = process.memoryUsage().rss - rssBefore;
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large');
    expect(answer.ms).toBeLessThan(1000);
    // The server stopped reading near the 1 MB limit: the client could not push the 50 MB through.
    expect(answer.sent).toBeLessThan(50 * MB);
    expect(growth).toBeLessThan(20 * MB);
    // Nothing was counted against the account: the body never reached the handler.
    expect(await app.context.services.db.selectFrom('rate_limit_counters').select('key').where('key', 'like', 'login%').execute()).toEqual([]);
  });

  it('an 80 MB chunked music upload is a 413 at the 50 MB limit, leaving no file and no row', async () => {
    const before = retainedBuffers();
    const answer = await sendChunked('POST', `/api/v1/episodes/${episodeId}/assets?filename=long.wav`, { 'content-type': 'audio/wav', cookie: cookieOf(editor) }, 80 * MB);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/at most 50 MB/) });
    expect(answer.sent).toBeLessThan(80 * MB);
    // Streamed to disk, not held: what stays allocated after a collection is not the body.
    expect(retainedBuffers() - before).toBeLessThan(20 * MB);
    expect(await app.context.services.db.selectFrom('assets').selectAll().execute()).toEqual([]);
    const scratch = join(app.context.dataDir, 'tmp');
    expect(existsSync(scratch) ? readdirSync(scratch) : []).toEqual([]);
    expect(existsSync(join(app.context.dataDir, 'uploads'))).toBe(false);
  });

  it('a 30 MB chunked reference image is a 413 at the 10 MB limit, leaving the character without one', async () => {
    const answer = await sendChunked('PUT', `/api/v1/episodes/${episodeId}/characters/ada/reference?filename=ada.png`, { 'content-type': 'image/png', cookie: cookieOf(editor) }, 30 * MB);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatchObject({ code: 'payload_too_large', message: expect.stringMatching(/at most 10 MB/) });
    expect(answer.ms).toBeLessThan(5000);
    expect(answer.sent).toBeLessThan(30 * MB);
    const characters = await app.context.services.db.selectFrom('characters').select(['key', 'reference_asset_id']).execute();
    expect(characters).toEqual([{ key: 'ada', reference_asset_id: null }]);
  });

  it('a body just under the limit is still read and answered', async () => {
    const response = await editor.request('POST', '/api/v1/auth/login', JSON.stringify({ email: 'editor@example.com', password: 'x'.repeat(200) }) + ' '.repeat(MB - 400));
    expect(response.status).toBe(401);
  });
});
