/**
 * `dailies serve` and `dailies worker` as processes: one port for API and pages, a worker in the
 * server process, a worker-only process, and clean shutdown on signals.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEpisodeFromIdea } from '../../../server/commands/episode-creator.ts';
import { findEpisode } from '../../../server/db/queries/episode.queries.ts';
import { childEnv, startCli, stopChild, waitForOutput } from '../../support/cli.ts';
import { PASSWORD, signedUpClient } from '../../support/http-client.ts';
import { eventually, startServer, type ServerProcess } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

describe('dailies serve with DATABASE_URL', () => {
  let context: TestContext;
  let server: ServerProcess;

  beforeAll(async () => {
    context = await createTestContext();
    server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir });
  }, 200_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) await server.stop();
    await context?.cleanup();
  });

  it('starts no embedded Postgres when DATABASE_URL is set', () => {
    expect(existsSync(join(context.dataDir, 'pg'))).toBe(false);
  });

  it('keeps an idle connection open past five seconds, so a client reusing it is not reset', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ status: number; reused: boolean }>((resolve, reject) => {
        const request = http.get(`${server.base}/api/v1/health`, { agent }, (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
        });
        request.on('error', reject);
      });
    try {
      expect(await get()).toEqual({ status: 200, reused: false });
      // Node's own default closes a connection idle for 5 s; this one must still be there.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect(await get()).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });

  it('answers health with the database and the in-process worker', async () => {
    const body = await (await fetch(`${server.base}/api/v1/health`)).json();
    expect(body).toMatchObject({ status: 'ok', database: { ok: true }, worker: { in_process: true } });
  });

  it('plans an episode created through the API with its own worker, and renders it in the pages', async () => {
    const client = await signedUpClient(server.base, 'director@example.com');
    const created = await client.post('/api/v1/episodes', { idea: 'A detective cat solves a mystery in a rainy Tokyo alley' });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const episode = await eventually(async () => {
      const body = await (await client.get(`/api/v1/episodes/${id}`)).json();
      return body.status === 'planned' && body;
      // The server's first plan loads the planner's language libraries: slow on a busy machine.
    }, 120_000, 'planning');
    const list = await (await client.get('/')).text();
    expect(list).toContain(episode.title.replaceAll('&', '&amp;').replaceAll('"', '&quot;'));
    const page = await client.get(`/episodes/${id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html.match(/data-testid="segment-card"/g)?.length).toBe(episode.shots.length);

    // Pages follow the API's rules: nobody is sent to log in, a stranger sees no episode.
    const anonymous = await fetch(`${server.base}/episodes/${id}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/episodes/${id}`)}`);
    const stranger = await signedUpClient(server.base, 'stranger@example.com');
    expect((await stranger.get(`/episodes/${id}`)).status).toBe(404);
  }, 180_000);

  it('shows a page error for an unknown episode', async () => {
    const client = await signedUpClient(server.base, 'curious@example.com');
    const page = await client.get('/episodes/00000000-0000-4000-8000-000000000000');
    expect(page.status).toBe(404);
  });

  it('shows a clear page for a revoked share link, with no episode data', async () => {
    const owner = await signedUpClient(server.base, 'sharer@example.com');
    const { body: episode } = await owner.json<{ id: string }>('POST', '/api/v1/episodes', { idea: 'A secret project', title: 'Project Nightingale' });
    const { body: link } = await owner.json<{ id: string; token: string }>('POST', `/api/v1/episodes/${episode.id}/share-links`, { role: 'viewer' });
    const open = await (await fetch(`${server.base}/share/${link.token}`)).text();
    expect(open).toContain('Open the episode');
    expect((await owner.delete(`/api/v1/share-links/${link.id}`)).status).toBe(200);
    const page = await fetch(`${server.base}/share/${link.token}`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('This share link was revoked');
    expect(html).not.toContain('Project Nightingale');
  });

  it('keeps passwords and tokens out of its output', () => {
    const output = server.output();
    expect(output).not.toContain(PASSWORD);
    for (const match of output.matchAll(/[a-z2-7]{32}/g)) expect.fail(`a token-like string reached the log: ${match[0]}`);
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});

describe('dailies worker', () => {
  let context: TestContext;

  beforeAll(async () => {
    context = await createTestContext();
  });
  afterAll(async () => context?.cleanup());

  it('runs jobs without serving, and stops on SIGINT', async () => {
    const worker = startCli(['worker'], childEnv({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir }));
    try {
      await waitForOutput(worker, /Worker running/, 60_000);
      const episode = await createEpisodeFromIdea(context.services, { idea: 'A robot learns to paint in Paris' }, { userId: null, name: 't' });
      const planned = await eventually(async () => {
        const row = await findEpisode(context.services.db, episode.id);
        return row?.status === 'planned' && row;
      }, 30_000, 'the worker to plan');
      expect(planned.title).not.toBe('');
    } finally {
      expect(await stopChild(worker, 'SIGINT')).toBe(0);
    }
  });
});

describe('dailies serve on the embedded default', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dailies-serve-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('starts the embedded Postgres, lets a worker attach to it, and stops it on SIGINT', async () => {
    const server = await startServer({ DAILIES_DATA_DIR: dataDir });
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    const health = await (await fetch(`${server.base}/api/v1/health`)).json();
    expect(health.database.ok).toBe(true);

    // A worker on the same machine attaches to the server's database instead of starting another,
    // and leaves it running when it stops.
    const worker = startCli(['worker'], childEnv({ DAILIES_DATA_DIR: dataDir }));
    await waitForOutput(worker, /Using the embedded Postgres already running/, 60_000);
    await waitForOutput(worker, /Worker running/, 60_000);
    expect(await stopChild(worker, 'SIGTERM')).toBe(0);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(true);
    expect((await fetch(`${server.base}/api/v1/health`)).status).toBe(200);

    expect(await server.stop('SIGINT')).toBe(0);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 200_000);

  it('serves the pages through Vite with hot reload in --dev', async () => {
    const dev = await startServer({ DAILIES_DATA_DIR: dataDir }, ['--dev']);
    try {
      const html = await (await fetch(`${dev.base}/login`)).text();
      // Modules come straight from the sources, and Vite's hot-reload client is served.
      expect(html).toContain('.svelte-kit/generated/client/app.js');
      expect(html).toContain('Log in');
      const client = await fetch(`${dev.base}/@vite/client`);
      expect(client.status).toBe(200);
      expect(await client.text()).toContain('hot');
    } finally {
      expect(await dev.stop()).toBe(0);
    }
  }, 200_000);
});
