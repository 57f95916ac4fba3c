/**
 * Proposing the next take from notes through the episode planner's language model, against a
 * local server speaking the OpenAI-compatible protocol: the model's valid answer is the proposal,
 * and an answer that is not JSON, not in shape, or a failing service leaves the rules' answer with
 * the reason the model's was not used.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generationChanges } from '../../../src/lib/api/segments.schema.ts';
import type { TakeParams } from '../../../src/lib/take-changes.ts';
import { proposalModel, proposeFromNotes, proposeFromText, type ProposalNote } from '../../../server/commands/note-proposal.ts';
import { createConfiguredPlanner } from '../../../server/providers/llm/language-models.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { startMockLlmServer, type MockLlmServer } from '../../support/mock-llm-server.ts';

let mock: MockLlmServer;
beforeAll(async () => {
  mock = await startMockLlmServer();
});
afterAll(async () => mock?.close());
afterEach(() => {
  mock.requests.length = 0;
});

const current: TakeParams = {
  prompt: 'Lena walks the rocks with her lantern.',
  style: 'ink and wash',
  camera: 'static',
  duration: 5,
  seed: 42,
  character_prompt: '',
  notes: '',
};
const notes: ProposalNote[] = [
  { id: 'n-smile', text: '@tom she should be smiling', frameIn: 24, frameOut: 48, fps: 24, version: 1 },
  { id: 'n-push', text: 'the camera should push in slowly https://example.com/ref', frameIn: null, frameOut: null, fps: 24, version: 1 },
  { id: 'n-short', text: 'shorter, 4 seconds', frameIn: null, frameOut: null, fps: 24, version: 1 },
];

function services() {
  const planner = createConfiguredPlanner({ id: 'llm', kind: 'openai-compatible', baseUrl: mock.openaiBase, model: 'test-model', apiKey: undefined, keySetting: 'DAILIES_LLM_API_KEY', timeoutMs: 10_000 });
  return { providers: createProviderRegistry({ planners: [planner] }) };
}
const generations = () => mock.requests.filter((request) => request.method === 'POST');
type ChatBody = { messages: { role: string; content: string }[]; response_format: { type: string; json_schema?: { schema: unknown } } };

const ANSWER = {
  changes: {
    prompt_modifications: 'From 1.0 to 2.0 s Lena smiles warmly.',
    style_adjustments: null,
    character_prompt: 'Lena smiles',
    duration: 4,
    seed: null,
    camera: 'push-in',
  },
  reasons: [
    { note_id: 'n-smile', applied: ['prompt: Lena smiles at 1.0–2.0 s', 'characters: Lena smiles'] },
    { note_id: 'n-push', applied: ['camera push-in'] },
    { note_id: 'n-short', applied: ['duration 4 s'] },
    { note_id: 'not-a-note', applied: ['made up'] },
  ],
};

/** What the rules propose for `notes` (tests/unit/lib/note-rules.test.ts covers the rules themselves). */
const RULES_CHANGES = {
  prompt_modifications: 'The camera should push in slowly. at 1.0–2.0 s: she should be smiling.',
  duration: 4,
  camera: 'push-in',
};

describe('a proposal from notes through the planner’s language model', () => {
  it('finds the model of a language-model planner, and none for the built-in one or an unknown one', () => {
    expect(proposalModel(services(), 'llm')).toMatchObject({ provider: 'llm', keySetting: 'DAILIES_LLM_API_KEY' });
    expect(proposalModel(services(), 'builtin')).toBeUndefined();
    expect(proposalModel(services(), 'nowhere')).toBeUndefined();
  });

  it('asks the model with the cleaned notes and a schema, and uses its valid answer', async () => {
    mock.script({ content: ANSWER });
    const proposal = await proposeFromNotes({ current, notes, model: proposalModel(services(), 'llm') });

    expect(generations()).toHaveLength(1);
    const body = generations()[0]!.body as unknown as ChatBody;
    expect(body.response_format.type).toBe('json_schema');
    expect(JSON.stringify(body.response_format.json_schema?.schema)).toContain('prompt_modifications');
    const prompt = body.messages.at(-1)!.content;
    expect(prompt).toContain('- [n-smile] at 1.0–2.0 s: she should be smiling');
    expect(prompt).toContain('- [n-push] the camera should push in slowly');
    expect(prompt).toContain('Lena walks the rocks with her lantern.');
    expect(prompt).toContain('static, push-in, pull-out, pan-left, pan-right');
    expect(prompt).not.toContain('@tom');
    expect(prompt).not.toContain('example.com');

    expect(proposal).toEqual({
      source: 'model',
      changes: { prompt_modifications: 'From 1.0 to 2.0 s Lena smiles warmly.', character_prompt: 'Lena smiles', duration: 4, camera: 'push-in' },
      proposed: {
        ...current,
        prompt: 'Lena walks the rocks with her lantern. From 1.0 to 2.0 s Lena smiles warmly.',
        character_prompt: 'Lena smiles',
        duration: 4,
        camera: 'push-in',
      },
      reasons: [
        { note_id: 'n-push', applied: ['camera push-in'] },
        { note_id: 'n-short', applied: ['duration 4 s'] },
        { note_id: 'n-smile', applied: ['prompt: Lena smiles at 1.0–2.0 s', 'characters: Lena smiles'] },
      ],
    });
    expect(generationChanges.parse(proposal.changes)).toEqual(proposal.changes);
  });

  it('falls back to the rules, saying why, when the model does not answer in JSON', async () => {
    mock.script({ content: 'Sure! Make her smile and push in.' });
    const proposal = await proposeFromNotes({ current, notes, model: proposalModel(services(), 'llm') });
    expect(generations()).toHaveLength(1);
    expect(proposal).toMatchObject({ source: 'rules', changes: RULES_CHANGES, model_error: expect.stringMatching(/not a usable set of changes/) });
    expect(proposal.proposed).toMatchObject({ duration: 4, camera: 'push-in' });
    expect(proposal.reasons.find((reason) => reason.note_id === 'n-short')).toEqual({ note_id: 'n-short', applied: ['duration 4 s'] });
  });

  it('falls back to the rules when the answer is out of shape or the service fails', async () => {
    mock.script({ content: { ...ANSWER, changes: { ...ANSWER.changes, camera: 'orbit' } } });
    const outOfShape = await proposeFromNotes({ current, notes, model: proposalModel(services(), 'llm') });
    expect(outOfShape).toMatchObject({ source: 'rules', changes: RULES_CHANGES, model_error: expect.stringMatching(/not a usable set of changes/) });

    mock.script({ status: 500, body: { error: { message: 'upstream exploded' } } });
    const failed = await proposeFromNotes({ current, notes, model: proposalModel(services(), 'llm') });
    expect(failed).toMatchObject({ source: 'rules', changes: RULES_CHANGES, model_error: expect.stringMatching(/HTTP 500/) });

    mock.script({ hang: true });
    const slow = await proposeFromNotes({ current, notes, model: proposalModel(services(), 'llm'), timeoutMs: 300 });
    expect(slow).toMatchObject({ source: 'rules', model_error: expect.stringMatching(/did not answer in time/) });
  });

  it('gives up, rather than answering, when the request is cancelled', async () => {
    mock.script({ hang: true });
    const cancel = new AbortController();
    const proposal = proposeFromNotes({ current, notes, model: proposalModel(services(), 'llm'), signal: cancel.signal });
    await expect.poll(() => generations().length).toBe(1);
    cancel.abort(new Error('the editor closed the form'));
    await expect(proposal).rejects.toThrow('the editor closed the form');
  });

  it('answers by the rules alone, asking nothing, without a model', async () => {
    const proposal = await proposeFromNotes({ current, notes, model: proposalModel(services(), 'builtin') });
    expect(generations()).toHaveLength(0);
    expect(proposal).toMatchObject({ source: 'rules', changes: RULES_CHANGES });
    expect(proposal).not.toHaveProperty('model_error');
  });

  it('reads a reject form’s suggested changes the same way', async () => {
    await expect(proposeFromText(current, 'less saturated, another seed')).resolves.toEqual({
      source: 'rules',
      changes: { style_adjustments: 'less saturated', seed: 43 },
      proposed: { ...current, style: 'ink and wash, less saturated', seed: 43 },
      applied: ['style: less saturated', 'seed 43'],
    });
  });
});
