/**
 * A receiver that answers 500 twice, then 200: three attempts in the log, each after a longer wait.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_WEBHOOKS } from '../../../server/commands/services.ts';
import { startHarness, shotListEpisode, type Harness } from '../../support/harness.ts';
import { eventually } from '../../support/server-process.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

const BASE_MS = 300;
let harness: Harness;
let receiver: WebhookReceiver;

beforeAll(async () => {
  harness = await startHarness();
  harness.context.services.webhooks = { ...DEFAULT_WEBHOOKS, allowPrivate: true, retryBaseMs: BASE_MS };
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await harness?.close();
  await receiver?.close();
});

it('retries a failed delivery with exponential backoff and logs every attempt', async () => {
  const { editor } = harness;
  const episodeId = await shotListEpisode(editor, [{ scene: 'INT. HALL - DAY', prompt: 'An empty hall', duration: 2, characters: ['Bo'] }], 'Hall');
  const created = await editor.json<{ id: string; secret: string }>('POST', `/api/v1/episodes/${episodeId}/webhooks`, { url: receiver.url, events: ['take.ready'] });
  expect(created.status).toBe(201);
  receiver.secret = created.body.secret;
  receiver.answers.push(500, 500);
  expect((await editor.post(`/api/v1/webhooks/${created.body.id}/test`)).status).toBe(202);

  type Delivery = { event: string; attempt: number; status_code: number | null; error: string | null; ok: boolean; duration_ms: number; created_at: string };
  const log = await eventually(async () => {
    const { body } = await editor.json<{ deliveries: Delivery[] }>('GET', `/api/v1/webhooks/${created.body.id}/deliveries`);
    return body.deliveries.length >= 3 && body.deliveries;
  }, 30_000, 'three attempts');
  expect(log.map(({ event, attempt, status_code, ok }) => ({ event, attempt, status_code, ok }))).toEqual([
    { event: 'ping', attempt: 3, status_code: 200, ok: true },
    { event: 'ping', attempt: 2, status_code: 500, ok: false },
    { event: 'ping', attempt: 1, status_code: 500, ok: false },
  ]);
  expect(log[1]!.error).toMatch(/500/);
  expect(log.every((delivery) => delivery.duration_ms >= 0)).toBe(true);

  // The same event, signed each time; the waits between attempts double.
  expect(receiver.received).toHaveLength(3);
  expect(new Set(receiver.received.map((hook) => hook.body.id)).size).toBe(1);
  expect(receiver.received.every((hook) => hook.signatureValid)).toBe(true);
  const [first, second, third] = receiver.received.map((hook) => hook.at) as [number, number, number];
  expect(second - first).toBeGreaterThanOrEqual(BASE_MS);
  expect(third - second).toBeGreaterThanOrEqual(2 * BASE_MS);
});
