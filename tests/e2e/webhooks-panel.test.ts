/**
 * The Webhooks panel in Chromium: an owner adds a webhook to a receiver on loopback (the server
 * runs with DAILIES_WEBHOOKS_ALLOW_PRIVATE=1), copies the secret shown once, sends a test that
 * arrives signed, reads the delivery log, and deletes the webhook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { listDeliveries, listWebhooks } from '../../server/db/queries/webhook.queries.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { eventually } from '../support/server-process.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const app = serverAndBrowserForFile({ DAILIES_WEBHOOKS_ALLOW_PRIVATE: '1' });
let receiver: WebhookReceiver;

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  receiver = await startWebhookReceiver();
}, 120_000);
afterAll(async () => receiver?.close());

describe('the Webhooks panel', () => {
  it('adds a webhook, shows its secret once, sends a test and shows the delivery log', async () => {
    const owner = await signedUpBrowser(app.browser, app.server.base, { email: 'olu@example.com', name: 'Olu' });
    const ownerId = await accountIdOf(owner, app.server.base);
    const episode = await createEpisode(app.context.services, { shots: [{ prompt: 'A kite over a beach', duration: 2 }], title: 'Kites', width: 320, height: 180 }, { userId: ownerId, name: 'Olu' });

    const page = await owner.newPage();
    await page.goto(`${app.server.base}/episodes/${episode.id}`);
    const panel = page.getByRole('region', { name: 'Webhooks' });
    await expect.poll(() => panel.getByText('No webhooks yet.').count()).toBe(1);
    await panel.getByLabel('HTTPS URL').fill(receiver.url);
    await panel.getByLabel('compile.failed').uncheck();
    await panel.getByRole('button', { name: 'Add webhook' }).click();
    await expect.poll(() => panel.getByTestId('webhook-secret').inputValue()).toMatch(/^whsec_/);
    receiver.secret = await panel.getByTestId('webhook-secret').inputValue();
    await expect.poll(() => panel.getByTestId('webhook').textContent()).toContain('nothing sent yet');
    expect(await panel.getByTestId('webhook').textContent()).not.toContain('compile.failed');

    await panel.getByRole('button', { name: 'Send test' }).click();
    const ping = await eventually(async () => receiver.received.find((hook) => hook.type === 'ping'), 30_000, 'the ping');
    expect(ping.signatureValid).toBe(true);
    const [webhook] = await listWebhooks(app.context.services.db, episode.id);
    await eventually(async () => (await listDeliveries(app.context.services.db, webhook!.id)).length > 0, 10_000, 'the logged delivery');

    await panel.getByRole('button', { name: 'Delivery log' }).click();
    await expect.poll(() => panel.locator('table.log tbody').textContent()).toMatch(/ping\s*1\s*200/);
    await expect.poll(() => panel.getByTestId('webhook').textContent()).toContain('last: ping → 200');

    await page.reload();
    await expect.poll(() => panel.getByTestId('webhook').count()).toBe(1);
    expect(await panel.getByTestId('webhook-secret').count()).toBe(0);
    await panel.getByRole('button', { name: `Delete the webhook to ${receiver.url}` }).click();
    await expect.poll(() => panel.getByText('No webhooks yet.').count()).toBe(1);
  }, 180_000);
});
