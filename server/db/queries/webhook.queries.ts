/**
 * Webhooks, the outbox of their events, and the log of deliveries.
 */
import { sql } from 'kysely';
import type { Database } from '../database.ts';
import type { Webhook, WebhookDelivery } from '../schema.ts';

export async function insertWebhook(
  db: Database,
  values: { episode_id: string | null; url: string; secret: string; events: string[]; created_by: string | null },
): Promise<Webhook> {
  return db.insertInto('webhooks').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function findWebhook(db: Database, id: string): Promise<Webhook | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An episode's webhooks, or the server-wide ones for `null`; newest first. */
export async function listWebhooks(db: Database, episodeId: string | null): Promise<Webhook[]> {
  const query = db.selectFrom('webhooks').selectAll();
  return (episodeId === null ? query.where('episode_id', 'is', null) : query.where('episode_id', '=', episodeId)).orderBy('created_at', 'desc').execute();
}

export async function updateWebhook(db: Database, id: string, values: { enabled?: boolean; events?: string[] }): Promise<Webhook | undefined> {
  return db.updateTable('webhooks').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteWebhook(db: Database, id: string): Promise<Webhook | undefined> {
  return db.deleteFrom('webhooks').where('id', '=', id).returningAll().executeTakeFirst();
}

/** The enabled webhooks told about `kind` on an episode: the episode's own and the server-wide ones. */
export async function listSubscribedWebhooks(db: Database, episodeId: string | null, kind: string): Promise<Pick<Webhook, 'id'>[]> {
  return db
    .selectFrom('webhooks')
    .select('id')
    .where('enabled', '=', true)
    .where((eb) => (episodeId === null ? eb('episode_id', 'is', null) : eb.or([eb('episode_id', '=', episodeId), eb('episode_id', 'is', null)])))
    .where(sql<boolean>`${kind} = ANY(events)`)
    .execute();
}

export async function insertWebhookEvent(db: Database, values: { episode_id: string | null; kind: string; payload: Record<string, unknown> }): Promise<string> {
  const row = await db
    .insertInto('webhook_events')
    .values({ ...values, payload: JSON.stringify(values.payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findWebhookEvent(db: Database, id: string) {
  return db.selectFrom('webhook_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertDelivery(
  db: Database,
  values: { webhook_id: string; event_id: string; kind: string; attempt: number; status_code: number | null; error: string | null; duration_ms: number },
): Promise<WebhookDelivery> {
  return db.insertInto('webhook_deliveries').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A webhook's latest delivery attempts, newest first. */
export async function listDeliveries(db: Database, webhookId: string, limit = 100): Promise<WebhookDelivery[]> {
  return db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId).orderBy('created_at', 'desc').orderBy('attempt', 'desc').limit(limit).execute();
}

/** The latest delivery attempt of each of the given webhooks, by webhook id. */
export async function latestDeliveries(db: Database, webhookIds: readonly string[]): Promise<Map<string, WebhookDelivery>> {
  if (webhookIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .distinctOn('webhook_id')
    .where('webhook_id', 'in', webhookIds)
    .orderBy('webhook_id')
    .orderBy('created_at', 'desc')
    .execute();
  return new Map(rows.map((row) => [row.webhook_id, row]));
}
