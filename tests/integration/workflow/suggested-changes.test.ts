/**
 * A rejection's suggested changes reach the next take whole: the seed design's
 * `character_prompt` (added to the prompt a video model receives), a suggested seed (sent to the
 * model), and keys Dailies does not document, which are kept as notes instead of being refused.
 * The takes are made by a remote model's stand-in, so what the model received is on record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAiSdkVideoProvider } from '../../../server/providers/ai-video/ai-sdk-video.provider.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { startHarness, type Harness } from '../../support/harness.ts';
import type { TestClient } from '../../support/http-client.ts';
import { startMockVideoApiServer, type MockVideoApiServer } from '../../support/mock-video-api-server.ts';
import { eventually } from '../../support/server-process.ts';

const KEY = 'veo-test-key';
/** The seed design's own example of a suggested change ("emphasise the character's glasses"). */
const CHARACTER_PROMPT = '更强调角色的眼镜特征';

let mock: MockVideoApiServer;
let harness: Harness;
let editor: TestClient;
let episodeId: string;

interface Take {
  id: string;
  version: number;
  status: string;
  seed: number;
  generation_params: Record<string, unknown>;
  provenance: { prompt: string; seed: number | null } | null;
  reviews: { action: string; suggested_changes: Record<string, unknown> | null }[];
}

const take = async (id: string) => (await editor.json<Take>('GET', `/api/v1/segments/${id}`)).body;
const made = (id: string) => eventually(async () => {
  const current = await take(id);
  return current.status === 'completed' && current;
}, 120_000, `take ${id}`);

beforeAll(async () => {
  mock = await startMockVideoApiServer({ acceptKey: KEY, defaultJob: { steps: 2, stepMs: 0 } });
  const veo = createAiSdkVideoProvider({
    id: 'veo',
    kind: 'google',
    model: 'veo-3.1-generate-preview',
    apiKey: KEY,
    keySetting: 'GEMINI_KEY',
    baseUrl: mock.veoBase,
    maxConcurrent: 2,
    durations: [4, 6, 8],
    timeoutMs: 5_000,
    pollMs: 30,
    maxJobMs: 60_000,
  });
  harness = await startHarness({ providers: createProviderRegistry({ videos: [veo] }) });
  editor = harness.editor;
  const shots = [{ scene: 'INT. OFFICE - DAY', prompt: 'Ada reads the report at the meeting table', duration: 4, characters: ['Ada'] }];
  const created = await editor.json<{ id: string }>('POST', '/api/v1/episodes', { shots, title: 'The meeting', video_provider: 'veo' });
  expect(created.status).toBe(201);
  episodeId = created.body.id;
}, 120_000);

afterAll(async () => {
  await harness?.close();
  await mock?.close();
});

describe('suggested changes', { timeout: 240_000 }, () => {
  it('carry character_prompt, seed and undocumented keys into the next take, and to the model', async () => {
    expect((await editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' })).status).toBe(202);
    const { body: status } = await editor.json<{ segments: { id: string }[] }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    const first = await made(status.segments[0]!.id);
    expect(first.provenance!.prompt).not.toContain(CHARACTER_PROMPT);

    const suggested = { character_prompt: CHARACTER_PROMPT, seed: 67890, lighting: 'warmer', retakes_allowed: 2, notes: 'keep the rain' };
    const rejected = await editor.json<Take>('POST', `/api/v1/segments/${first.id}/reject`, { reason: 'Character appearance inconsistent', suggested_changes: suggested });
    expect(rejected.status).toBe(200);
    // Kept as sent, undocumented keys included.
    expect(rejected.body.reviews.find((review) => review.action === 'reject')!.suggested_changes).toEqual(suggested);

    const regenerated = await editor.json<Take>('POST', `/api/v1/segments/${first.id}/regenerate`, { changes: { prompt_modifications: 'in close-up' }, keep_original: true });
    expect(regenerated.status).toBe(202);
    expect(regenerated.body.seed).toBe(67890);
    expect(regenerated.body.generation_params).toMatchObject({
      prompt: 'Ada reads the report at the meeting table in close-up',
      character_prompt: CHARACTER_PROMPT,
      seed: 67890,
      notes: 'keep the rain; lighting: warmer; retakes_allowed: 2',
    });

    const second = await made(regenerated.body.id);
    expect(second.provenance!.prompt).toContain(`Characters: ${CHARACTER_PROMPT}.`);
    // What the model itself received: the same prompt, and the suggested seed.
    const sent = JSON.stringify(mock.jobs.at(-1)!.request);
    expect(sent).toContain(CHARACTER_PROMPT);
    expect(sent).toMatch(/"seed":67890\b/);
  });

  it('lets the changes given with the regeneration win over the suggestion, and adds up character prompts', async () => {
    const { body: status } = await editor.json<{ segments: { id: string }[] }>('GET', `/api/v1/episodes/${episodeId}/segments/status`);
    const current = await take(status.segments[0]!.id);
    await editor.post(`/api/v1/segments/${current.id}/reject`, { reason: 'Still not right', suggested_changes: { character_prompt: 'round glasses', seed: 5 } });
    const next = await editor.json<Take>('POST', `/api/v1/segments/${current.id}/regenerate`, { changes: { seed: 6 } });
    expect(next.status).toBe(202);
    expect(next.body.seed).toBe(6);
    expect(next.body.generation_params).toMatchObject({ character_prompt: `${CHARACTER_PROMPT}; round glasses`, seed: 6 });
    // Notes belong to the take they were written for.
    expect(next.body.generation_params).not.toHaveProperty('notes');
  });
});
