/**
 * A take that continued from the approved take before it (its last frame sent to an image-to-video
 * model) records that take; replacing it marks the later take stale, with why, and the graph links
 * the two. Takes are made by calling the jobs' commands (no worker runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCurrentSegments } from '../../../server/db/queries/segment.queries.ts';
import { createProviderRegistry } from '../../../server/providers/registry.ts';
import { startAppServer, type AppServer } from '../../support/app-server.ts';
import { ContinuingProvider } from '../../support/continuing-provider.ts';
import { generateAndAnalyze } from '../../support/factories.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { createTestContext, type TestContext } from '../../support/services.ts';

let context: TestContext;
let server: AppServer;
let editor: TestClient;
let episodeId: string;
const provider = new ContinuingProvider();

interface Graph {
  nodes: { id: string; kind: string; slot?: number; version?: number; stale?: boolean; stale_reasons?: { kind: string; message: string }[] }[];
  edges: { from: string; to: string; kind: string; version_used: number | null; sent: boolean; stale: boolean }[];
}

const current = () => listCurrentSegments(context.services.db, episodeId);
const graph = async () => (await editor.json<Graph>('GET', `/api/v1/episodes/${episodeId}/graph`)).body;

beforeAll(async () => {
  context = await createTestContext({ providers: createProviderRegistry({ videos: [provider] }) });
  server = await startAppServer(context);
  editor = await signedUpClient(server.base, 'editor@example.com');
  const { status, body } = await editor.json<{ id: string }>('POST', '/api/v1/episodes', {
    width: 320,
    height: 180,
    characters: [{ name: 'Ada' }],
    shots: [
      { scene: 'EXT. PIER - DAY', prompt: 'Ada walks along the pier', duration: 1, characters: ['Ada'] },
      { scene: 'EXT. PIER - DAY', prompt: 'Ada reaches the end of the pier', duration: 1, characters: ['Ada'] },
    ],
  });
  expect(status).toBe(201);
  episodeId = body.id;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await context?.cleanup();
});

describe('a take continued from the one before it', () => {
  it('records it, and is stale once that take is replaced', async () => {
    const [first, second] = await current();
    expect(await generateAndAnalyze(context.services, first!.id)).toBe('completed');
    expect((await editor.post(`/api/v1/segments/${first!.id}/approve`, {})).status).toBe(200);
    expect(await generateAndAnalyze(context.services, second!.id)).toBe('completed');
    // The second take was sent the first one's last frame.
    expect(provider.requests.at(-1)!.references?.previousFrame).toBeDefined();

    const linked = await graph();
    const continued = linked.edges.find((edge) => edge.from === `take:${second!.id}` && edge.kind === 'previous_take');
    expect(continued).toMatchObject({ to: `take:${first!.id}`, version_used: 1, sent: true, stale: false });
    expect(linked.nodes.filter((node) => node.stale)).toEqual([]);

    // Shot 1 is reopened and made again: the take shot 2 continued from is replaced.
    expect((await editor.post(`/api/v1/segments/${first!.id}/reopen`, { reason: 'the light is wrong' })).status).toBe(200);
    expect((await editor.post(`/api/v1/segments/${first!.id}/regenerate`, { changes: { notes: 'warmer light' } })).status).toBe(202);

    const after = await graph();
    const stale = after.nodes.filter((node) => node.stale);
    expect(stale.map((node) => node.id)).toEqual([`take:${second!.id}`]);
    expect(stale[0]!.stale_reasons).toEqual([{ kind: 'previous_take', ref_id: first!.id, message: 'The take of shot 1 it continued from (v1) was replaced', changed_at: expect.any(String) }]);
    expect(after.edges.find((edge) => edge.from === `take:${second!.id}` && edge.kind === 'previous_take')!.stale).toBe(true);
    // The replaced take is still in the graph, as what shot 2 was made from.
    expect(after.nodes.find((node) => node.id === `take:${first!.id}`)).toMatchObject({ kind: 'take', version: 1 });
  });
});
