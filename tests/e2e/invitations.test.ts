/**
 * An invitation in Chromium: the owner invites an address that has no account from the members
 * panel; the email arrives at a loopback SMTP server; the invitee opens its link, signs up there
 * (at once: the invitation proved the address, though sign-ups are otherwise confirmed by email),
 * and lands on the episode as reviewer. Without a reload, the owner sees them join in the members
 * list and in the activity feed; the take already waiting, and the owner's note naming them, land
 * in their inbox, counted in their header without a reload.
 */
import type { BrowserContext } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { generateFirstSegments } from '../support/factories.ts';
import { accountIdOf, BROWSER_PASSWORD, loggedInBrowser, serverAndBrowserForFile } from '../support/browser.ts';
import { eventually } from '../support/server-process.ts';
import { invitationLinkIn, smtpServerForFile } from '../support/smtp-server.ts';

// Filled in before the server starts (hooks run in the order they are registered).
const env: Record<string, string> = {};
const smtpServer = smtpServerForFile(env);

const app = serverAndBrowserForFile(env);
let dora: BrowserContext;
let doraId: string;

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: BROWSER_PASSWORD });
  // With SMTP set a sign-up waits for its emailed link, so the owner's account is made directly.
  await createAccount(app.context.services, { email: 'dora@example.com', password: BROWSER_PASSWORD, displayName: 'Dora' });
  dora = await loggedInBrowser(app.browser, app.server.base, 'dora@example.com');
  doraId = await accountIdOf(dora, app.server.base);
}, 120_000);

describe('inviting someone without an account', () => {
  it('emails a link through which they sign up and join as reviewer; the owner sees them join, and her mention reaches their inbox', async () => {
    const episode = await createEpisode(app.context.services, { shots: [{ prompt: 'A gull fetches a stick', duration: 2 }], title: 'Fetch', width: 320, height: 180 }, { userId: doraId, name: 'Dora' });
    const [take] = await generateFirstSegments(app.context.services, episode.id, 1);
    const board = await dora.newPage();
    await board.goto(`${app.server.base}/episodes/${episode.id}`);
    // A mark that a reload would wipe out.
    await board.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));
    await board.getByTestId('invite-email').fill('nina@example.com');
    await board.getByTestId('invite-role').selectOption('reviewer');
    await board.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => board.getByTestId('invitation-emailed').textContent()).toMatch(/on its way to nina@example.com/);
    await expect.poll(() => board.getByTestId('invitation').textContent()).toMatch(/nina@example.com/);

    const mail = await eventually(async () => smtpServer().received.find((m) => m.to.includes('nina@example.com')), 30_000, 'the invitation email');
    const link = invitationLinkIn(mail);
    expect(link).toBeDefined();

    const nina = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await nina.newPage();
    // The whole link: its mailbox proof lets the sign-up through it be made at once.
    const { pathname, search } = new URL(link!);
    await page.goto(`${app.server.base}${pathname}${search}`);
    await expect.poll(() => page.getByTestId('invitation-info').textContent()).toMatch(/Dora invited nina@example.com to this episode as reviewer/);
    await page.getByRole('link', { name: 'Sign up' }).click();
    // The form starts from the invited address.
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe('nina@example.com');
    await page.getByLabel('Your name').fill('Nina');
    await page.getByLabel('Password (at least 8 characters)').fill('a long enough password');
    // Joining asks nothing more of the invitation once used (it would answer 410 Gone).
    const refused: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${app.server.base}/episodes/${episode.id}`);
    const me = page.getByTestId('member').filter({ hasText: 'Nina' });
    await expect.poll(() => me.getByTestId('member-role').textContent()).toBe('reviewer');
    expect(refused).toEqual([]);

    // The owner's page, never reloaded, shows the join in the members list and the activity feed.
    const row = board.getByTestId('member').filter({ hasText: 'nina@example.com' });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => row.getByLabel('Role of Nina').inputValue()).toBe('reviewer');
    await expect.poll(() => row.textContent()).toMatch(/joined by invitation by Dora/);
    await expect.poll(() => board.getByTestId('invitation').count()).toBe(0);
    // The invitation was used: what the panel said of it when it was sent goes too.
    await expect.poll(() => board.getByTestId('invitation-emailed').count()).toBe(0);
    await expect.poll(async () => (await board.getByTestId('activity-item').allTextContents())[0], { timeout: 30_000 }).toContain('Nina joined as reviewer through an invitation');
    expect(await board.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);

    // The take made before Nina joined waits for her decision too: her header counts it.
    await expect.poll(() => page.getByTestId('inbox-count').getAttribute('data-count'), { timeout: 30_000 }).toBe('1');
    // Dora names Nina in a note; Nina's header counts it without a reload, and her inbox shows it.
    const ninaId = await accountIdOf(nina, app.server.base);
    const note = await dora.request.post(`${app.server.base}/api/v1/segments/${take!.id}/notes`, {
      data: { text: '@Nina welcome: is the gull too fast?', mentions: [ninaId] },
      headers: { origin: app.server.base },
    });
    expect(note.status()).toBe(201);
    await expect.poll(() => page.getByTestId('inbox-count').getAttribute('data-count'), { timeout: 30_000 }).toBe('2');
    expect(await page.getByTestId('inbox-count').textContent()).toBe('2');
    await page.getByRole('link', { name: /^Inbox/ }).click();
    await page.waitForURL(`${app.server.base}/inbox`);
    await expect.poll(() => page.getByTestId('inbox-item').first().textContent()).toContain('Dora mentioned you on shot 1 v1: “@Nina welcome: is the gull too fast?”');
    expect(await page.getByTestId('inbox-item').nth(1).textContent()).toContain('Shot 1 v1 waits for your decision');
    await nina.close();
  }, 180_000);
});
