/**
 * Registering webhooks: bad input is refused with a clear 4xx and nothing stored; the secret is
 * shown once; owners manage an episode's webhooks and admins the server's, each only under its own
 * path; and the address check runs again when a delivery is sent.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOKS } from '../../../server/commands/services.ts';
import { deliverWebhook } from '../../../server/commands/webhook-delivery.ts';
import { recordWebhookEvent } from '../../../server/commands/webhook-events.ts';
import { insertWebhook, insertWebhookEvent, listDeliveries } from '../../../server/db/queries/webhook.queries.ts';
import { appServerForFile } from '../../support/app-server.ts';
import { databaseFingerprint } from '../../support/fingerprint.ts';
import { jobsQueued } from '../../support/jobs.ts';
import { shotListEpisode } from '../../support/harness.ts';
import { signedUpClient, type TestClient } from '../../support/http-client.ts';
import { startWebhookReceiver } from '../../support/webhook-receiver.ts';

const app = appServerForFile();
let owner: TestClient;
let episodeId: string;
/** A public address given as a literal, so that no DNS is needed. */
const PUBLIC_URL = 'https://93.184.216.34/hooks/dailies';

beforeAll(async () => {
  owner = await signedUpClient(app.server.base, 'owner@example.com');
  episodeId = await shotListEpisode(owner, [{ scene: 'INT. ROOM - DAY', prompt: 'A room', duration: 2, characters: ['Ada'] }], 'Room');
});
beforeEach(() => {
  app.context.services.webhooks = { ...DEFAULT_WEBHOOKS };
});

type ErrorBody = { error: { code: string; message: string; details: unknown } };

describe('registering a webhook', () => {
  it.each([
    ['http, not https', { url: 'http://93.184.216.34/in', events: ['take.ready'] }, 422, 'webhook_url_not_https'],
    ['a private address', { url: 'https://10.1.2.3/in', events: ['take.ready'] }, 422, 'webhook_url_private'],
    ['loopback', { url: 'https://127.0.0.1:8443/in', events: ['take.ready'] }, 422, 'webhook_url_private'],
    ['IPv4-mapped loopback', { url: 'https://[::ffff:127.0.0.1]/in', events: ['take.ready'] }, 422, 'webhook_url_private'],
    ['link-local', { url: 'https://169.254.169.254/latest', events: ['take.ready'] }, 422, 'webhook_url_private'],
    ['unique-local IPv6', { url: 'https://[fd00::1]/in', events: ['take.ready'] }, 422, 'webhook_url_private'],
    ['the unspecified address', { url: 'https://0.0.0.0/in', events: ['take.ready'] }, 422, 'webhook_url_private'],
    ['http to loopback without the allowance', { url: 'http://127.0.0.1:9/in', events: ['take.ready'] }, 422, 'webhook_url_not_https'],
    ['not a URL', { url: 'hooks.example.com', events: ['take.ready'] }, 422, 'webhook_url_invalid'],
    ['an unknown event', { url: PUBLIC_URL, events: ['take.ready', 'take.exploded'] }, 400, undefined],
    ['no events', { url: PUBLIC_URL, events: [] }, 400, undefined],
  ])('refuses %s and stores nothing', async (_what, body, status, code) => {
    const before = await databaseFingerprint(app.context.services.db);
    const response = await owner.json<ErrorBody>('POST', `/api/v1/episodes/${episodeId}/webhooks`, body);
    expect(response.status).toBe(status);
    expect(response.body.error.message).toBeTruthy();
    expect(response.body.error).toHaveProperty('details');
    if (code) expect(response.body.error.code).toBe(code);
    expect(await databaseFingerprint(app.context.services.db)).toEqual(before);
  });

  it('shows the secret once, then lists, changes and deletes the webhook', async () => {
    const created = await owner.json<{ id: string; secret: string; events: string[]; enabled: boolean }>('POST', `/api/v1/episodes/${episodeId}/webhooks`, {
      url: PUBLIC_URL,
      events: ['take.ready', 'note.created', 'take.ready'],
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(created.body).toMatchObject({ events: ['take.ready', 'note.created'], enabled: true });
    const listed = await owner.json<{ webhooks: Record<string, unknown>[] }>('GET', `/api/v1/episodes/${episodeId}/webhooks`);
    expect(listed.body.webhooks).toEqual([expect.objectContaining({ id: created.body.id, url: PUBLIC_URL, last_delivery: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);

    const changed = await owner.json<Record<string, unknown>>('PATCH', `/api/v1/webhooks/${created.body.id}`, { enabled: false, events: ['compile.failed'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ enabled: false, events: ['compile.failed'] });
    expect(changed.body.secret).toBeUndefined();
    expect((await owner.json('PATCH', `/api/v1/webhooks/${created.body.id}`, { events: [] })).status).toBe(400);

    expect((await owner.request('DELETE', `/api/v1/webhooks/${created.body.id}`)).status).toBe(200);
    expect((await owner.json<{ webhooks: unknown[] }>('GET', `/api/v1/episodes/${episodeId}/webhooks`)).body.webhooks).toEqual([]);
  });

  it('keeps server-wide webhooks under /admin/webhooks and episode ones under their episode', async () => {
    const server = await owner.json<{ id: string; episode_id: string | null; secret: string }>('POST', '/api/v1/admin/webhooks', { url: PUBLIC_URL, events: ['compile.completed'] });
    expect(server.status).toBe(201);
    expect(server.body.episode_id).toBeNull();
    const episodeHook = await owner.json<{ id: string }>('POST', `/api/v1/episodes/${episodeId}/webhooks`, { url: PUBLIC_URL, events: ['take.ready'] });
    expect((await owner.json<{ webhooks: { id: string }[] }>('GET', '/api/v1/admin/webhooks')).body.webhooks.map((hook) => hook.id)).toEqual([server.body.id]);
    expect((await owner.json('GET', `/api/v1/webhooks/${server.body.id}/deliveries`)).status).toBe(404);
    expect((await owner.json('GET', `/api/v1/admin/webhooks/${episodeHook.body.id}/deliveries`)).status).toBe(404);
    expect((await owner.json('GET', `/api/v1/admin/webhooks/${server.body.id}/deliveries`)).status).toBe(200);
  });

  it('takes http to loopback with the allowance on', async () => {
    app.context.services.webhooks = { ...DEFAULT_WEBHOOKS, allowPrivate: true };
    expect((await owner.json('POST', `/api/v1/episodes/${episodeId}/webhooks`, { url: 'http://127.0.0.1:9/in', events: ['take.ready'] })).status).toBe(201);
    expect((await owner.json('POST', `/api/v1/episodes/${episodeId}/webhooks`, { url: 'http://10.0.0.1/in', events: ['take.ready'] })).status).toBe(422);
  });
});

describe('the address check at delivery time', () => {
  it('does not send to a URL that is, or has come to resolve to, a private address, and logs why', async () => {
    const { db } = app.context.services;
    const receiver = await startWebhookReceiver();
    try {
      const port = new URL(receiver.url).port;
      for (const url of [receiver.url, `https://localhost:${port}/hooks`]) {
        // Stored while allowed (or as if the name had resolved elsewhere then); the allowance is off now.
        const webhook = await insertWebhook(db, { episode_id: episodeId, url, secret: 'whsec_x', events: ['take.ready'], created_by: null });
        const eventId = await insertWebhookEvent(db, { episode_id: episodeId, kind: 'take.ready', payload: { episode_id: episodeId, data: {}, links: {} } });
        expect(await deliverWebhook(app.context.services, { webhookId: webhook.id, eventId, attempt: DEFAULT_WEBHOOKS.maxAttempts })).toBe('given_up');
        const [delivery] = await listDeliveries(db, webhook.id);
        expect(delivery).toMatchObject({ attempt: DEFAULT_WEBHOOKS.maxAttempts, status_code: null });
        expect(delivery!.error).toMatch(/private or reserved address; not sent/);
      }
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it('with the allowance on, reaches a name that resolves to loopback', async () => {
    const { db } = app.context.services;
    app.context.services.webhooks = { ...DEFAULT_WEBHOOKS, allowPrivate: true };
    const receiver = await startWebhookReceiver();
    try {
      receiver.secret = 'whsec_local';
      const url = `http://localhost:${new URL(receiver.url).port}/hooks`;
      const webhook = await insertWebhook(db, { episode_id: episodeId, url, secret: receiver.secret, events: ['take.ready'], created_by: null });
      const eventId = await insertWebhookEvent(db, { episode_id: episodeId, kind: 'take.ready', payload: { episode_id: episodeId, data: {}, links: {} } });
      expect(await deliverWebhook(app.context.services, { webhookId: webhook.id, eventId, attempt: 1 })).toBe('delivered');
      expect(receiver.received.map((hook) => [hook.type, hook.signatureValid])).toEqual([['take.ready', true]]);
    } finally {
      await receiver.close();
    }
  });
});

describe('recording an event', () => {
  it('queues one delivery per enabled webhook that listens to it, server-wide ones included, and stores nothing when none does', async () => {
    const { db } = app.context.services;
    const episode = await shotListEpisode(owner, [{ scene: 'INT. BARN - DAY', prompt: 'A barn', duration: 2, characters: ['Bo'] }], 'Barn');
    await insertWebhook(db, { episode_id: episode, url: PUBLIC_URL, secret: 'whsec_a', events: ['note.created'], created_by: null });
    await insertWebhook(db, { episode_id: null, url: PUBLIC_URL, secret: 'whsec_s', events: ['note.created', 'take.ready'], created_by: null });
    await insertWebhook(db, { episode_id: episode, url: PUBLIC_URL, secret: 'whsec_b', events: ['take.ready'], created_by: null });
    const off = await insertWebhook(db, { episode_id: episode, url: PUBLIC_URL, secret: 'whsec_c', events: ['note.created'], created_by: null });
    await db.updateTable('webhooks').set({ enabled: false }).where('id', '=', off.id).execute();
    const record = (kind: 'note.created' | 'compile.failed') =>
      db.transaction().execute((trx) => recordWebhookEvent(app.context.services, trx, { episodeId: episode, kind, data: {} }));

    const before = await databaseFingerprint(db);
    await record('compile.failed');
    const afterIgnored = await databaseFingerprint(db);
    expect(afterIgnored).toEqual(before);

    const jobs = await jobsQueued(db, ['deliver_webhook']);
    await record('note.created');
    // The episode's listening webhook and the server-wide one; not the one turned off.
    expect(await jobsQueued(db, ['deliver_webhook'])).toBe(jobs + 2);
    const events = await db.selectFrom('webhook_events').select(['kind', 'payload']).where('episode_id', '=', episode).execute();
    expect(events).toEqual([{ kind: 'note.created', payload: { episode_id: episode, data: {}, links: { episode: `/episodes/${episode}` } } }]);
  });
});
