/**
 * Registering webhooks: an episode's (by its owners) or the server's (by admins). The URL is
 * checked against the address rules before anything is stored; the secret is made here and
 * returned once.
 */
import { randomBytes } from 'node:crypto';
import type { CreateWebhookBody, UpdateWebhookBody } from '../../src/lib/api/webhooks.schema.ts';
import { auditEpisodeAction } from '../db/queries/audit.queries.ts';
import { deleteWebhook, findWebhook, insertWebhook, insertWebhookEvent, updateWebhook } from '../db/queries/webhook.queries.ts';
import type { Webhook } from '../db/schema.ts';
import { notFound, webhookUrlRefused } from '../errors.ts';
import { checkWebhookUrl } from '../webhooks/address-check.ts';
import { DEFAULT_WEBHOOKS, type Actor, type Services } from './services.ts';
import { linkTo, queueDelivery } from './webhook-events.ts';

/** Creates a webhook; the answer carries the secret, which is never given out again. */
export async function createWebhook(services: Services, episodeId: string | null, body: CreateWebhookBody, actor: Actor): Promise<{ webhook: Webhook; secret: string }> {
  const refusal = await checkWebhookUrl(body.url, { allowPrivate: (services.webhooks ?? DEFAULT_WEBHOOKS).allowPrivate });
  if (refusal) throw webhookUrlRefused(refusal.code, refusal.message, body.url);
  const secret = `whsec_${randomBytes(24).toString('hex')}`;
  return services.db.transaction().execute(async (trx) => {
    const webhook = await insertWebhook(trx, { episode_id: episodeId, url: body.url, secret, events: body.events, created_by: actor.userId });
    if (episodeId) await auditEpisodeAction(trx, actor, episodeId, 'webhook.create', { webhook_id: webhook.id, url: webhook.url, events: webhook.events });
    return { webhook, secret };
  });
}

/** Turns a webhook on or off, or changes its events. */
export async function changeWebhook(services: Services, id: string, body: UpdateWebhookBody, actor: Actor): Promise<Webhook> {
  return services.db.transaction().execute(async (trx) => {
    const webhook = await updateWebhook(trx, id, { ...(body.enabled !== undefined && { enabled: body.enabled }), ...(body.events && { events: body.events }) });
    if (!webhook) throw notFound('Webhook', id);
    if (webhook.episode_id) await auditEpisodeAction(trx, actor, webhook.episode_id, 'webhook.update', { webhook_id: id, ...body });
    return webhook;
  });
}

/** Deletes a webhook with its delivery log; deliveries still queued find it gone and stop. */
export async function removeWebhook(services: Services, id: string, actor: Actor): Promise<Webhook> {
  return services.db.transaction().execute(async (trx) => {
    const webhook = await deleteWebhook(trx, id);
    if (!webhook) throw notFound('Webhook', id);
    if (webhook.episode_id) await auditEpisodeAction(trx, actor, webhook.episode_id, 'webhook.delete', { webhook_id: id, url: webhook.url });
    return webhook;
  });
}

/** Queues a `ping` to one webhook (the "Send test" button), enabled or not; returns the event id. */
export async function sendTestPing(services: Services, id: string, actor: Actor): Promise<string> {
  return services.db.transaction().execute(async (trx) => {
    const webhook = await findWebhook(trx, id);
    if (!webhook) throw notFound('Webhook', id);
    const links = webhook.episode_id ? { episode: linkTo(services, `/episodes/${webhook.episode_id}`) } : {};
    const eventId = await insertWebhookEvent(trx, {
      episode_id: webhook.episode_id,
      kind: 'ping',
      payload: { episode_id: webhook.episode_id, data: { webhook_id: webhook.id, message: `A test from ${actor.name}.` }, links },
    });
    await queueDelivery(trx, webhook.id, eventId);
    return eventId;
  });
}
