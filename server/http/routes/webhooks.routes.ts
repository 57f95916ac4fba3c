/**
 * Webhooks: an episode's, managed by its owners (/episodes/{id}/webhooks, /webhooks/{id}), and the
 * server's, told about every episode, managed by admins (/admin/webhooks).
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
import { createWebhookBody, updateWebhookBody } from '../../../src/lib/api/webhooks.schema.ts';
import type { Services } from '../../commands/services.ts';
import { changeWebhook, createWebhook, removeWebhook, sendTestPing } from '../../commands/webhooks.ts';
import { findWebhook, latestDeliveries, listDeliveries, listWebhooks } from '../../db/queries/webhook.queries.ts';
import { notFound } from '../../errors.ts';
import type { AppEnv } from '../context.ts';
import { bodyOf, endpoint, type Rule } from '../endpoint.ts';
import { presentDelivery, presentWebhook } from '../presenters/webhook.presenter.ts';
import { parseWith } from '../validate.ts';
import type { RouteDeps } from './route-deps.ts';

const idParam = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

async function listed(services: Services, episodeId: string | null) {
  const webhooks = await listWebhooks(services.db, episodeId);
  const last = await latestDeliveries(services.db, webhooks.map((webhook) => webhook.id));
  return { webhooks: webhooks.map((webhook) => presentWebhook(webhook, last.get(webhook.id))) };
}

/** The routes on one webhook, under a rule that has already decided who may reach it. */
function oneWebhookRoutes(services: Services, rule: Rule, scope: 'episode' | 'server') {
  const { db } = services;
  // Under /admin only server-wide webhooks are found; an episode's is reached through its episode.
  const idOf = async (c: Context<AppEnv>) => {
    const { id } = parseWith(idParam, c.req.param());
    const webhook = await findWebhook(db, id);
    if (!webhook || (scope === 'server') !== (webhook.episode_id === null)) throw notFound('Webhook', id);
    return id;
  };
  return new Hono<AppEnv>()
    .patch('/:id', endpoint(db, { rule, summary: 'Turn a webhook on or off, or choose its events', body: updateWebhookBody }), async (c) => {
      const webhook = await changeWebhook(services, await idOf(c), bodyOf(c, updateWebhookBody), c.get('actor'));
      return c.json(presentWebhook(webhook, (await latestDeliveries(db, [webhook.id])).get(webhook.id)));
    })
    .delete('/:id', endpoint(db, { rule, summary: 'Delete a webhook and its delivery log' }), async (c) => {
      const webhook = await removeWebhook(services, await idOf(c), c.get('actor'));
      return c.json(presentWebhook(webhook, undefined));
    })
    .get('/:id/deliveries', endpoint(db, { rule, summary: 'A webhook’s latest delivery attempts, newest first' }), async (c) =>
      c.json({ deliveries: (await listDeliveries(db, await idOf(c))).map(presentDelivery) }),
    )
    .post('/:id/test', endpoint(db, { rule, summary: 'Queue a ping to the webhook (Send test)', success: 202 }), async (c) =>
      c.json({ event_id: await sendTestPing(services, await idOf(c), c.get('actor')) }, 202),
    );
}

export function episodeWebhooksRoutes({ services }: RouteDeps) {
  const { db } = services;
  const manage = { kind: 'episode', permission: 'webhooks.manage', id: 'episode' } as const;
  return new Hono<AppEnv>()
    .post('/:id/webhooks', endpoint(db, { rule: manage, summary: 'Register a webhook (the secret is shown once)', body: createWebhookBody, success: 201 }), async (c) => {
      const { webhook, secret } = await createWebhook(services, c.get('episodeId'), bodyOf(c, createWebhookBody), c.get('actor'));
      return c.json(presentWebhook(webhook, undefined, secret), 201);
    })
    .get('/:id/webhooks', endpoint(db, { rule: manage, summary: 'The episode’s webhooks with their last delivery (without secrets)' }), async (c) =>
      c.json(await listed(services, c.get('episodeId'))),
    );
}

export function webhookRoutes({ services }: RouteDeps) {
  return oneWebhookRoutes(services, { kind: 'episode', permission: 'webhooks.manage', id: 'webhook' }, 'episode');
}

export function adminWebhooksRoutes({ services }: RouteDeps) {
  const { db } = services;
  const admin = { kind: 'account', minScope: 'owner', admin: true } as const;
  return new Hono<AppEnv>()
    .post('/', endpoint(db, { rule: admin, summary: 'Register a server-wide webhook, told about every episode (the secret is shown once)', body: createWebhookBody, success: 201 }), async (c) => {
      const { webhook, secret } = await createWebhook(services, null, bodyOf(c, createWebhookBody), c.get('actor'));
      return c.json(presentWebhook(webhook, undefined, secret), 201);
    })
    .get('/', endpoint(db, { rule: admin, summary: 'The server-wide webhooks with their last delivery (without secrets)' }), async (c) => c.json(await listed(services, null)))
    .route('/', oneWebhookRoutes(services, admin, 'server'));
}
