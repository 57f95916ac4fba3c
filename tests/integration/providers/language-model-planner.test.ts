/**
 * Planning through a language model, against a local server speaking the OpenAI-compatible and
 * Gemini protocols: the requests we send, the plan we make of the answers, and what happens on
 * malformed answers, rate limits, failures, hangs, refused credentials and policy refusals.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConfiguredPlanner } from '../../../server/providers/llm/language-models.ts';
import type { LanguageModelSettings } from '../../../server/providers/provider-settings.ts';
import { SHOTS_ANSWER, startMockLlmServer, STORY_ANSWER, type MockLlmServer } from '../../support/mock-llm-server.ts';
import { providerFailure } from '../../support/provider-failure.ts';

const KEY = 'sk-test-0123456789abcdef';
let mock: MockLlmServer;

beforeAll(async () => {
  mock = await startMockLlmServer();
});
afterAll(async () => mock?.close());
afterEach(() => {
  mock.requests.length = 0;
  mock.acceptKey = undefined;
});

function openaiPlanner(overrides: Partial<LanguageModelSettings> = {}) {
  return createConfiguredPlanner({
    id: 'llm',
    kind: 'openai-compatible',
    baseUrl: mock.openaiBase,
    model: 'test-model',
    apiKey: KEY,
    keySetting: 'DAILIES_LLM_API_KEY',
    timeoutMs: 10_000,
    ...overrides,
  });
}

const IDEA = { idea: 'A lighthouse keeper finds a message in a bottle', seed: 1, style: 'ink and wash' };


const generations = () => mock.requests.filter((request) => request.method === 'POST');
type ChatBody = { model: string; messages: { role: string; content: string }[]; response_format: { type: string; json_schema?: { schema: unknown } } };

describe('an OpenAI-compatible planner', () => {
  it('asks for the story, then the shots, with a JSON schema, and makes a plan of the answers', async () => {
    mock.script({ content: STORY_ANSWER }, { content: SHOTS_ANSWER });
    const plan = await openaiPlanner().plan(IDEA);

    const [story, shots] = generations();
    expect(generations()).toHaveLength(2);
    expect(story!.path).toBe('/v1/chat/completions');
    expect(story!.headers.authorization).toBe(`Bearer ${KEY}`);
    const storyBody = story!.body as unknown as ChatBody;
    expect(storyBody.model).toBe('test-model');
    expect(storyBody.response_format.type).toBe('json_schema');
    expect(JSON.stringify(storyBody.response_format.json_schema?.schema)).toContain('visual_traits');
    expect(storyBody.messages[0]).toMatchObject({ role: 'system' });
    expect(storyBody.messages.at(-1)!.content).toContain(IDEA.idea);
    expect(storyBody.messages.at(-1)!.content).toContain('ink and wash');
    // The second step is told the story and the characters' fixed looks.
    const shotsPrompt = (shots!.body as unknown as ChatBody).messages.at(-1)!.content;
    expect(shotsPrompt).toContain(STORY_ANSWER.story);
    expect(shotsPrompt).toContain('yellow oilskin coat');

    expect(plan.title).toBe('The Bottle');
    // The tokens the service reported for both calls (120 in, 340 out each).
    expect(plan.usage).toEqual({ model: 'test-model', inputTokens: 240, outputTokens: 680, calls: 2 });
    expect(plan.characters.map((c) => [c.key, c.name, c.visualTraits.length])).toEqual([
      ['lena', 'Lena', 3],
      ['tom', 'Tom', 2],
      ['harbourmaster', 'Harbourmaster', 0],
    ]);
    expect(new Set(plan.characters.map((c) => c.color)).size).toBe(3);
    expect(plan.scenes.map((s) => s.heading)).toEqual(['EXT. LIGHTHOUSE - DUSK', 'EXT. HARBOUR - NIGHT']);
    const [first, second] = plan.scenes[0]!.shots;
    expect(first).toMatchObject({ number: 1, camera: 'pan-left', characters: ['lena'], duration: 5 });
    // Names are matched whatever their case; durations are kept within 2–10 s, in half seconds.
    expect(second).toMatchObject({ characters: ['lena'], duration: 10, dialogue: [{ character: 'lena', line: 'Who wrote this?' }] });
    expect(plan.scenes[1]!.shots[0]).toMatchObject({ duration: 4, characters: ['tom', 'lena', 'harbourmaster'] });
  });

  it('asks again when an answer is not JSON or not the shape asked for, showing the model what was wrong', async () => {
    mock.script({ content: 'Sure! Here is your story: once upon a time…' }, { content: { title: 'No characters' } }, { content: STORY_ANSWER }, { content: SHOTS_ANSWER });
    const plan = await openaiPlanner().plan(IDEA);
    expect(plan.characters).toHaveLength(3);
    expect(generations()).toHaveLength(4);
    // The unusable answers were paid for too.
    expect(plan.usage).toMatchObject({ inputTokens: 480, outputTokens: 1360, calls: 4 });
    const third = (generations()[2]!.body as unknown as ChatBody).messages;
    expect(third.filter((m) => m.role === 'assistant').map((m) => m.content)).toEqual(['Sure! Here is your story: once upon a time…', '{"title":"No characters"}']);
    expect(third.at(-1)!.content).toMatch(/could not be used/);
  });

  it('gives up after three unusable answers with a retryable error', async () => {
    mock.script({ content: '[]' }, { content: 'nope' }, { content: '{}' });
    const error = await providerFailure(openaiPlanner().plan(IDEA));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/not a usable plan/);
    expect(generations()).toHaveLength(3);
  });

  it('waits out a short Retry-After, and hands a long one back to the job queue', async () => {
    mock.script({ status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Rate limit reached' } } }, { content: STORY_ANSWER }, { content: SHOTS_ANSWER });
    await openaiPlanner().plan(IDEA);
    const [limited, retried] = generations();
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);

    mock.requests.length = 0;
    mock.script({ status: 429, headers: { 'retry-after': '120' }, body: { error: { message: 'Rate limit reached' } } });
    const error = await providerFailure(openaiPlanner().plan(IDEA));
    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterMs: 120_000 });
    expect(generations()).toHaveLength(1);
  });

  it('tries a failing service again after a backoff', async () => {
    mock.script({ status: 500, body: { error: { message: 'upstream exploded' } } }, { status: 503, body: 'busy' }, { content: STORY_ANSWER }, { content: SHOTS_ANSWER });
    const plan = await openaiPlanner().plan(IDEA);
    expect(plan.scenes).toHaveLength(2);
    const times = generations().map((request) => request.at);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(450);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(950);

    mock.requests.length = 0;
    mock.script({ status: 500 }, { status: 500 }, { status: 500 });
    const error = await providerFailure(openaiPlanner().plan(IDEA));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/HTTP 500/);
  });

  it('stops waiting for a service that does not answer', async () => {
    mock.script({ hang: true }, { hang: true }, { hang: true });
    const started = Date.now();
    const error = await providerFailure(openaiPlanner({ timeoutMs: 300 }).plan(IDEA));
    expect(error.kind).toBe('retryable');
    expect(error.message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('names the setting, never the key, when the credentials are refused, and does not retry', async () => {
    mock.acceptKey = 'sk-the-right-one';
    const error = await providerFailure(openaiPlanner().plan(IDEA));
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toContain('DAILIES_LLM_API_KEY');
    expect(error.message).not.toContain(KEY);
    expect(generations()).toHaveLength(1);
  });

  it('reports a policy refusal as such, whether as a finish reason or an error', async () => {
    mock.script({ content: '', finish: 'content_filter' });
    expect((await providerFailure(openaiPlanner().plan(IDEA))).kind).toBe('refused_by_policy');
    mock.script({ status: 400, body: { error: { message: 'Your request was rejected by our safety system.', code: 'content_policy_violation' } } });
    expect((await providerFailure(openaiPlanner().plan(IDEA))).kind).toBe('refused_by_policy');
  });

  it('sends no Authorization header to a local server without a key', async () => {
    mock.script({ content: STORY_ANSWER }, { content: SHOTS_ANSWER });
    await openaiPlanner({ apiKey: undefined }).plan(IDEA);
    expect(generations()[0]!.headers.authorization).toBeUndefined();
  });
});

describe('a Gemini planner', () => {
  it('calls generateContent with the key in its header and a response schema', async () => {
    mock.script({ content: STORY_ANSWER }, { content: SHOTS_ANSWER });
    const planner = createConfiguredPlanner({ id: 'gemini', kind: 'gemini', baseUrl: mock.geminiBase, model: 'gemini-test', apiKey: KEY, keySetting: 'DAILIES_GEMINI_API_KEY', timeoutMs: 10_000 });
    const plan = await planner.plan(IDEA);
    expect(plan.characters.map((c) => c.name)).toEqual(['Lena', 'Tom', 'Harbourmaster']);
    const [story] = generations();
    expect(story!.path).toBe('/v1beta/models/gemini-test:generateContent');
    expect(story!.headers['x-goog-api-key']).toBe(KEY);
    const config = (story!.body as { generationConfig: { responseMimeType: string; responseSchema?: unknown; responseJsonSchema?: unknown } }).generationConfig;
    expect(config.responseMimeType).toBe('application/json');
    expect(JSON.stringify(config.responseSchema ?? config.responseJsonSchema)).toContain('visual_traits');
  });
});

describe('checking a planner', () => {
  it('says whether the service is reachable, takes the key and knows the model', async () => {
    mock.acceptKey = KEY;
    await expect(openaiPlanner().check!()).resolves.toMatchObject({ ok: true });
    await expect(openaiPlanner({ model: 'other-model' }).check!()).resolves.toMatchObject({ ok: false, verdict: expect.stringContaining('not listed') });
    const refused = await openaiPlanner({ apiKey: 'sk-wrong' }).check!();
    expect(refused).toMatchObject({ ok: false, verdict: expect.stringContaining('credentials refused') });
    expect(refused.verdict).not.toContain('sk-wrong');
    await expect(openaiPlanner({ baseUrl: 'http://127.0.0.1:9/v1' }).check!()).resolves.toMatchObject({ ok: false, verdict: expect.stringContaining('unreachable') });
    const gemini = createConfiguredPlanner({ id: 'gemini', kind: 'gemini', baseUrl: mock.geminiBase, model: 'missing', apiKey: KEY, keySetting: 'DAILIES_GEMINI_API_KEY', timeoutMs: 1000 });
    await expect(gemini.check!()).resolves.toMatchObject({ ok: false, verdict: expect.stringContaining('unknown') });
  });
});
