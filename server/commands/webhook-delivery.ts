/**
 * Delivers one event to one webhook: builds the JSON body from the outbox row, sends it signed,
 * logs the attempt, and when it failed queues the next attempt after an exponential backoff
 * (base, 2×base, 4×base …) until the last one.
 */
import { addJob } from '../db/queries/job.queries.ts';
import { findWebhook, findWebhookEvent, insertDelivery } from '../db/queries/webhook.queries.ts';
import { sendWebhook } from '../webhooks/sender.ts';
import { DEFAULT_WEBHOOKS, type Services } from './services.ts';
import { DELIVERY_JOB_ATTEMPTS } from './webhook-events.ts';

export type DeliveryOutcome = 'delivered' | 'retrying' | 'given_up' | 'skipped';

/** The delay before attempt `next` (2 or more). */
export function backoffMs(baseMs: number, next: number): number {
  return baseMs * 2 ** (next - 2);
}

export async function deliverWebhook(services: Services, input: { webhookId: string; eventId: string; attempt: number }): Promise<DeliveryOutcome> {
  const settings = services.webhooks ?? DEFAULT_WEBHOOKS;
  const webhook = await findWebhook(services.db, input.webhookId);
  const event = await findWebhookEvent(services.db, input.eventId);
  if (!webhook || !event) return 'skipped';
  // A webhook turned off after the event was recorded is not sent to; a test ping is.
  if (!webhook.enabled && event.kind !== 'ping') return 'skipped';
  const { episode_id, data, links } = event.payload as { episode_id: string | null; data: unknown; links: unknown };
  const body = JSON.stringify({ id: event.id, type: event.kind, created_at: new Date(event.created_at).toISOString(), episode_id, data, links });
  const outcome = await sendWebhook({ url: webhook.url, secret: webhook.secret, body, eventId: event.id, kind: event.kind, allowPrivate: settings.allowPrivate });
  const delivered = outcome.error === null;
  await services.db.transaction().execute(async (trx) => {
    await insertDelivery(trx, {
      webhook_id: webhook.id,
      event_id: event.id,
      kind: event.kind,
      attempt: input.attempt,
      status_code: outcome.statusCode,
      error: outcome.error?.slice(0, 1000) ?? null,
      duration_ms: outcome.durationMs,
    });
    if (delivered || input.attempt >= settings.maxAttempts) return;
    const next = input.attempt + 1;
    await addJob(trx, 'deliver_webhook', { ...input, attempt: next }, { maxAttempts: DELIVERY_JOB_ATTEMPTS, runAt: new Date(Date.now() + backoffMs(settings.retryBaseMs, next)) });
  });
  if (delivered) return 'delivered';
  return input.attempt >= settings.maxAttempts ? 'given_up' : 'retrying';
}
