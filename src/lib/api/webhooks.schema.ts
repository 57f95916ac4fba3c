/**
 * Request schemas and response shapes of webhooks and their deliveries, shared by the API and the
 * episode page's Webhooks panel.
 */
import { z } from 'zod';

/** The events a webhook may be told about. `ping` is sent only by "Send test". */
export const WEBHOOK_EVENTS = ['take.ready', 'take.decided', 'take.approved', 'note.created', 'compile.completed', 'compile.failed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const events = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `must be one of ${WEBHOOK_EVENTS.join(', ')}` }))
  .min(1, 'choose at least one event')
  .transform((list) => [...new Set(list)]);

export const createWebhookBody = z.strictObject({
  url: z.string().trim().min(1, 'give the https URL to send to').max(2000),
  events,
});
export type CreateWebhookBody = z.infer<typeof createWebhookBody>;

export const updateWebhookBody = z
  .strictObject({ enabled: z.boolean().optional(), events: events.optional() })
  .refine((body) => body.enabled !== undefined || body.events !== undefined, 'give enabled, events, or both');
export type UpdateWebhookBody = z.infer<typeof updateWebhookBody>;

export interface WebhookDeliveryDto {
  id: string;
  event_id: string;
  event: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  ok: boolean;
  created_at: string;
}

export interface WebhookDto {
  id: string;
  /** Null for a server-wide webhook. */
  episode_id: string | null;
  url: string;
  events: string[];
  enabled: boolean;
  created_at: string;
  last_delivery: WebhookDeliveryDto | null;
  /** Only in the answer that created the webhook; never shown again. */
  secret?: string;
}
