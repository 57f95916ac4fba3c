/**
 * Events reach a real receiver on loopback, signed: a take made and approved sends take.ready,
 * take.decided and take.approved; a note sends note.created; a compile sends compile.completed
 * or, on its last failed attempt, compile.failed;
 * Send test sends a ping. Links are absolute under the public URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileEpisode } from '../../../server/commands/episode-compiler.ts';
import { DEFAULT_WEBHOOKS } from '../../../server/commands/services.ts';
import { insertCompilation } from '../../../server/db/queries/compilation.queries.ts';
import { compileAndWait } from '../../support/compile.ts';
import { shotListEpisode, startHarness, type Harness } from '../../support/harness.ts';
import { eventually } from '../../support/server-process.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

let harness: Harness;
let receiver: WebhookReceiver;
let episodeId: string;
let webhookId: string;
const PUBLIC = 'https://dailies.example.com';

beforeAll(async () => {
  harness = await startHarness();
  harness.context.services.webhooks = { ...DEFAULT_WEBHOOKS, allowPrivate: true, publicUrl: PUBLIC, retryBaseMs: 100 };
  receiver = await startWebhookReceiver();
  episodeId = await shotListEpisode(harness.editor, [{ scene: 'EXT. PIER - DUSK', prompt: 'Gulls over a pier', duration: 2, characters: ['Ada'] }], 'Pier');
  const created = await harness.editor.json<{ id: string; secret: string }>('POST', `/api/v1/episodes/${episodeId}/webhooks`, {
    url: receiver.url,
    events: ['take.ready', 'take.decided', 'take.approved', 'note.created', 'compile.completed', 'compile.failed'],
  });
  expect(created.status).toBe(201);
  receiver.secret = created.body.secret;
  webhookId = created.body.id;
});
afterAll(async () => {
  await harness?.close();
  await receiver?.close();
});

const ofType = (type: string) => receiver.received.filter((hook) => hook.type === type);
const arrived = (type: string, count = 1) => eventually(async () => ofType(type).length >= count && ofType(type), 60_000, `${count} ${type} delivery`);

describe('webhook events', () => {
  let takeId: string;

  it('sends take.ready, take.decided and take.approved, signed, for a take made and approved', async () => {
    const { editor } = harness;
    await editor.post(`/api/v1/episodes/${episodeId}/generate-segments`, { mode: 'parallel' });
    const [ready] = await arrived('take.ready');
    takeId = (ready!.body.data.take as { id: string }).id;
    expect(ready!.signatureValid).toBe(true);
    expect(ready!.body).toMatchObject({ type: 'take.ready', episode_id: episodeId, links: { episode: `${PUBLIC}/episodes/${episodeId}` } });
    expect(ready!.body.data.take).toMatchObject({ id: takeId, shot_number: 1, version: 1, status: 'completed', url: `${PUBLIC}/api/v1/segments/${takeId}` });
    expect(ready!.headers['dailies-event']).toBe('take.ready');

    expect((await editor.post(`/api/v1/segments/${takeId}/approve`, { rating: 5 })).status).toBe(200);
    const [decided] = await arrived('take.decided');
    const [approved] = await arrived('take.approved');
    expect(decided!.signatureValid).toBe(true);
    expect(decided!.body.data).toMatchObject({ take: { id: takeId }, decision: { decision: 'approve', rating: 5 } });
    expect(approved!.signatureValid).toBe(true);
    expect(approved!.body.data.take).toMatchObject({ id: takeId, approval_status: 'approved' });
    expect(new Set([ready, decided, approved].map((hook) => hook!.body.id)).size).toBe(3);
  }, 180_000);

  it('sends note.created for a note', async () => {
    const { status, body } = await harness.editor.json<{ id: string }>('POST', `/api/v1/segments/${takeId}/notes`, { text: 'Hold the gulls a beat longer', frame_in: 3 });
    expect(status).toBe(201);
    const [note] = await arrived('note.created');
    expect(note!.signatureValid).toBe(true);
    expect(note!.body.data.note).toMatchObject({ id: body.id, take_id: takeId, body: 'Hold the gulls a beat longer', frame_in: 3, frame_out: 3 });
  });

  it('sends compile.completed when a compile completes', async () => {
    const { job } = await compileAndWait(harness.editor, episodeId, {});
    const [compiled] = await arrived('compile.completed');
    expect(compiled!.signatureValid).toBe(true);
    expect(compiled!.body.data.compilation).toMatchObject({ status: 'completed', segments_included: 1, video_url: `${PUBLIC}${job.output_video_url}` });
  }, 180_000);

  it('sends compile.failed when a compile fails for good', async () => {
    const { services } = harness.context;
    // A compile of a take that does not exist fails; on its last attempt it is marked failed.
    const job = await insertCompilation(services.db, {
      episode_id: episodeId,
      segment_ids: ['00000000-0000-4000-8000-000000000000'],
      transition_style: 'cut',
      transition_duration: 0,
      audio_config: {},
      created_by: null,
    });
    expect(await compileEpisode(services, job.id, { number: 1, max: 1 })).toBe('failed');
    const [failed] = await arrived('compile.failed');
    expect(failed!.signatureValid).toBe(true);
    expect(failed!.body.data.compilation).toMatchObject({ id: job.id, status: 'failed', url: `${PUBLIC}/api/v1/compilation-jobs/${job.id}` });
    expect((failed!.body.data.compilation as { error: string }).error).toMatch(/no stored video/);
  });

  it('sends a ping on Send test, and logs every delivery', async () => {
    expect((await harness.editor.post(`/api/v1/webhooks/${webhookId}/test`)).status).toBe(202);
    const [ping] = await arrived('ping');
    expect(ping!.signatureValid).toBe(true);
    expect(ping!.body.data).toMatchObject({ webhook_id: webhookId });
    const log = await eventually(async () => {
      const { body } = await harness.editor.json<{ deliveries: { event: string; status_code: number; ok: boolean; attempt: number }[] }>('GET', `/api/v1/webhooks/${webhookId}/deliveries`);
      return body.deliveries.some((delivery) => delivery.event === 'ping') && body.deliveries;
    }, 10_000, 'the ping in the log');
    expect(log.map((delivery) => delivery.event).sort()).toEqual(['compile.completed', 'compile.failed', 'note.created', 'ping', 'take.approved', 'take.decided', 'take.ready']);
    expect(log.every((delivery) => delivery.ok && delivery.status_code === 200 && delivery.attempt === 1)).toBe(true);
    const { body } = await harness.editor.json<{ webhooks: { id: string; last_delivery: { event: string }; secret?: string }[] }>('GET', `/api/v1/episodes/${episodeId}/webhooks`);
    expect(body.webhooks[0]).toMatchObject({ id: webhookId, last_delivery: { event: 'ping' } });
    expect(body.webhooks[0]!.secret).toBeUndefined();
  });
});
