/**
 * Records webhook events: the outbox row and one delivery job per subscribed webhook, written in
 * the caller's transaction, so an event exists exactly when the change it describes committed.
 * An event no webhook listens to is not stored.
 */
import type { WebhookEvent } from '../../src/lib/api/webhooks.schema.ts';
import type { Database } from '../db/database.ts';
import { addJob } from '../db/queries/job.queries.ts';
import { insertWebhookEvent, listSubscribedWebhooks } from '../db/queries/webhook.queries.ts';
import type { CompilationJob, TakeNote, VideoSegment } from '../db/schema.ts';
import { DEFAULT_WEBHOOKS, type Services } from './services.ts';

/** graphile-worker's own retries of a delivery job (a database hiccup); receiver failures are retried by the task. */
export const DELIVERY_JOB_ATTEMPTS = 3;

/** A link for a payload: absolute under `DAILIES_PUBLIC_URL` when it is set, else the path. */
export function linkTo(services: Services, path: string): string {
  const base = (services.webhooks ?? DEFAULT_WEBHOOKS).publicUrl;
  return base ? new URL(path, base).href : path;
}

/** Queues the delivery of a stored event to one webhook (its first attempt). */
export async function queueDelivery(db: Database, webhookId: string, eventId: string): Promise<void> {
  await addJob(db, 'deliver_webhook', { webhookId, eventId, attempt: 1 }, { maxAttempts: DELIVERY_JOB_ATTEMPTS });
}

/** Stores an event and queues its deliveries, in `trx`. `data` is the event's own part of the payload. */
export async function recordWebhookEvent(
  services: Services,
  trx: Database,
  event: { episodeId: string; kind: WebhookEvent; data: Record<string, unknown> },
): Promise<void> {
  const subscribers = await listSubscribedWebhooks(trx, event.episodeId, event.kind);
  if (subscribers.length === 0) return;
  const payload = { episode_id: event.episodeId, data: event.data, links: { episode: linkTo(services, `/episodes/${event.episodeId}`) } };
  const eventId = await insertWebhookEvent(trx, { episode_id: event.episodeId, kind: event.kind, payload });
  for (const webhook of subscribers) await queueDelivery(trx, webhook.id, eventId);
}

/** What an event says about a take. */
export function takeData(services: Services, take: VideoSegment): Record<string, unknown> {
  return {
    take: {
      id: take.id,
      shot_id: take.shot_id,
      shot_number: take.segment_number,
      version: take.version,
      status: take.status,
      approval_status: take.approval_status,
      duration: take.duration === null ? null : Number(take.duration),
      url: linkTo(services, `/api/v1/segments/${take.id}`),
    },
  };
}

/** What note.created says about a note. */
export function noteData(services: Services, note: TakeNote): Record<string, unknown> {
  return {
    note: {
      id: note.id,
      take_id: note.segment_id,
      shot_id: note.shot_id,
      parent_id: note.parent_id,
      author_name: note.author_name,
      body: note.body,
      frame_in: note.frame_in,
      frame_out: note.frame_out,
      url: linkTo(services, `/api/v1/segments/${note.segment_id}/notes`),
    },
  };
}

/** What compile.completed and compile.failed say about a compile. */
export function compilationData(services: Services, job: Pick<CompilationJob, 'id'>, fields: Record<string, unknown>): Record<string, unknown> {
  return { compilation: { id: job.id, ...fields, url: linkTo(services, `/api/v1/compilation-jobs/${job.id}`) } };
}
