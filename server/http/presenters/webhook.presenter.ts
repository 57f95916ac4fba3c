/**
 * The fields a webhook or a delivery answer may carry. The secret only in the answer that made it.
 */
import type { WebhookDeliveryDto, WebhookDto } from '../../../src/lib/api/webhooks.schema.ts';
import type { Webhook, WebhookDelivery } from '../../db/schema.ts';

export function presentDelivery(row: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: row.id,
    event_id: row.event_id,
    event: row.kind,
    attempt: row.attempt,
    status_code: row.status_code,
    error: row.error,
    duration_ms: row.duration_ms,
    ok: row.error === null,
    created_at: new Date(row.created_at).toISOString(),
  };
}

export function presentWebhook(webhook: Webhook, last: WebhookDelivery | undefined, secret?: string): WebhookDto {
  return {
    id: webhook.id,
    episode_id: webhook.episode_id,
    url: webhook.url,
    events: webhook.events,
    enabled: webhook.enabled,
    created_at: new Date(webhook.created_at).toISOString(),
    last_delivery: last ? presentDelivery(last) : null,
    ...(secret !== undefined && { secret }),
  };
}
