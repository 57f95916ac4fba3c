import type { Task } from 'graphile-worker';
import type { Services } from '../../commands/services.ts';
import { deliverWebhook } from '../../commands/webhook-delivery.ts';
import { parseJobPayload } from '../../db/job-payloads.ts';

/** `deliver_webhook`: one attempt at sending one event to one webhook (see commands/webhook-delivery.ts). */
export const deliverWebhookTask =
  (services: Services): Task =>
  async (payload) => {
    const input = parseJobPayload('deliver_webhook', payload);
    await deliverWebhook(services, input);
  };
