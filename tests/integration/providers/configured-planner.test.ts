/**
 * A language-model planner configured by environment, end to end: `dailies serve` plans an
 * episode through it (against a local OpenAI-compatible server), lists it without its key, refuses
 * an unconfigured planner by naming the setting, and `dailies providers` checks what is set.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providersConfigFromEnv } from '../../../server/providers/provider-config.ts';
import { childEnv, runCli } from '../../support/cli.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { SHOTS_ANSWER, startMockLlmServer, STORY_ANSWER, type MockLlmServer } from '../../support/mock-llm-server.ts';
import { eventually, startServer, type ServerProcess } from '../../support/server-process.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

const KEY = 'sk-live-do-not-print-me';

describe('a configured language-model planner', () => {
  let mock: MockLlmServer;
  let context: TestContext;
  let server: ServerProcess;
  let client: TestClient;
  let llmEnv: Record<string, string>;

  beforeAll(async () => {
    mock = await startMockLlmServer();
    mock.acceptKey = KEY;
    context = await createTestContext();
    llmEnv = { DAILIES_LLM_BASE_URL: mock.openaiBase, DAILIES_LLM_MODEL: 'test-model', DAILIES_LLM_API_KEY: KEY };
    server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir, DAILIES_LOG_LEVEL: 'debug', ...llmEnv });
    client = await signedUpClient(server.base, 'planner@example.com');
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await context?.cleanup();
    await mock?.close();
  });

  it('plans an idea through the model and stores its story, characters and shots', async () => {
    mock.script({ content: STORY_ANSWER }, { content: SHOTS_ANSWER });
    const created = await client.json<{ id: string }>('POST', '/api/v1/episodes', { idea: 'A lighthouse keeper finds a message in a bottle', planner: 'llm' });
    expect(created.status).toBe(201);
    const episode = await eventually(async () => {
      const { body } = await client.json<{ status: string; title: string; story: string; characters: { name: string; visual_traits: string[] }[]; shots: { prompt: string }[] }>(
        'GET',
        `/api/v1/episodes/${created.body.id}`,
      );
      return body.status === 'planned' && body;
    }, 30_000, 'planning through the model');
    expect(episode.title).toBe('The Bottle');
    expect(episode.story).toBe(STORY_ANSWER.story);
    expect(episode.characters.find((c) => c.name === 'Lena')?.visual_traits).toEqual(['curly red hair', 'yellow oilskin coat', 'brass lantern']);
    expect(episode.shots.map((shot) => shot.prompt)).toEqual(['Lena walks the rocks with her lantern', 'Close on the note in the bottle', 'Tom hands Lena the oars']);
    expect(mock.requests.filter((r) => r.method === 'POST').every((r) => r.headers.authorization === `Bearer ${KEY}`)).toBe(true);
    // What planning took from the model is kept with the episode's costs.
    const costs = await client.json<{ planning: unknown }>('GET', `/api/v1/episodes/${created.body.id}/costs`);
    expect(costs.body.planning).toEqual({ planner: 'llm', model: expect.any(String), input_tokens: 240, output_tokens: 680, calls: 2 });
  });

  it('lists the planner for the new-episode form without its key, and names what could be enabled', async () => {
    const response = await client.get('/api/v1/providers');
    const text = await response.text();
    expect(text).not.toContain(KEY);
    const body = JSON.parse(text) as { planners: { id: string; description: string }[]; unconfigured: { id: string; missing: string[] }[] };
    expect(body.planners.map((p) => p.id)).toEqual(['builtin', 'llm']);
    expect(body.planners[1]!.description).toContain('test-model');
    expect(body.unconfigured).toContainEqual({ id: 'gemini', kind: 'planner', missing: ['DAILIES_GEMINI_API_KEY'] });
  });

  it('refuses an episode for a planner that is not configured, naming the setting, and writes nothing', async () => {
    const before = await context.services.db.selectFrom('episodes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const { status, body } = await client.json<{ error: { code: string; message: string; details: { missing: string[] } } }>('POST', '/api/v1/episodes', {
      idea: 'Anything',
      planner: 'gemini',
    });
    expect(status).toBe(422);
    expect(body.error.code).toBe('provider_not_configured');
    expect(body.error.message).toContain('DAILIES_GEMINI_API_KEY');
    expect(body.error.details.missing).toEqual(['DAILIES_GEMINI_API_KEY']);
    const after = await context.services.db.selectFrom('episodes').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('keeps the key out of everything the server printed', () => {
    expect(server.output()).not.toContain(KEY);
  });

  it('`dailies providers` checks each configured provider and says why one fails', async () => {
    const good = await runCli(['providers'], childEnv(llmEnv));
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/llm\s+ok: reachable, credentials accepted, model test-model/);
    expect(good.stdout).toMatch(/gemini\s+planner: DAILIES_GEMINI_API_KEY/);

    const wrongKey = await runCli(['providers'], childEnv({ ...llmEnv, DAILIES_LLM_API_KEY: 'sk-wrong-key' }));
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/llm\s+FAILED: credentials refused \(HTTP 401\); check DAILIES_LLM_API_KEY/);
    expect(wrongKey.stdout + wrongKey.stderr).not.toContain('sk-wrong-key');

    const unreachable = await runCli(['providers'], childEnv({ ...llmEnv, DAILIES_LLM_BASE_URL: 'http://127.0.0.1:9/v1' }));
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toMatch(/llm\s+FAILED: unreachable at 127\.0\.0\.1:9/);
  });

  it('refuses an unusable providers file or a malformed setting with one clear line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dailies-providers-'));
    try {
      const file = join(dir, 'providers.json');
      await writeFile(file, JSON.stringify({ planners: [{ id: 'DeepSeek', kind: 'openai-compatible', model: 'deepseek-chat' }] }));
      const bad = await runCli(['providers', '--no-check'], childEnv({ DAILIES_PROVIDERS_FILE: file }));
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/DAILIES_PROVIDERS_FILE .* is not usable at planners\.0\.id/);
      const url = await runCli(['providers', '--no-check'], childEnv({ DAILIES_LLM_BASE_URL: 'api.openai.com', DAILIES_LLM_MODEL: 'gpt' }));
      expect(url.code).not.toBe(0);
      expect(url.stderr).toContain('DAILIES_LLM_BASE_URL must start with http');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('providers configuration', () => {
  it('reads planners from a file, taking keys from the variables it names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dailies-providers-'));
    try {
      const file = join(dir, 'providers.json');
      await writeFile(
        file,
        JSON.stringify({
          planners: [
            { id: 'deepseek', kind: 'openai-compatible', base_url: 'https://api.deepseek.com/v1', model: 'deepseek-chat', api_key_env: 'DEEPSEEK_KEY' },
            { id: 'local', kind: 'openai-compatible', base_url: 'http://127.0.0.1:11434/v1', model: 'qwen3' },
            { id: 'router', kind: 'openai-compatible', base_url: 'https://openrouter.ai/api/v1', model: 'x', api_key_env: 'ROUTER_KEY' },
          ],
        }),
      );
      const config = providersConfigFromEnv({ DAILIES_PROVIDERS_FILE: file, DEEPSEEK_KEY: 'sk-ds' });
      expect(config.planners.map((p) => [p.id, p.apiKey, p.keySetting])).toEqual([
        ['deepseek', 'sk-ds', 'DEEPSEEK_KEY'],
        ['local', undefined, 'DAILIES_PROVIDERS_FILE (planner "local")'],
      ]);
      // A planner whose key variable is unset is named with that variable, not dropped silently.
      expect(config.unconfigured).toContainEqual({ id: 'router', kind: 'planner', missing: ['ROUTER_KEY'] });
      expect(config.unconfigured).toContainEqual({ id: 'llm', kind: 'planner', missing: ['DAILIES_LLM_BASE_URL', 'DAILIES_LLM_MODEL'] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
