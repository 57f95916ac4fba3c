/**
 * Sign-up confirmed by email, in Chromium: with SMTP configured the sign-up page says where the
 * link went; the link's page makes the account only when the password chosen at sign-up is typed
 * and sent, then lands on the home page signed in (or on the episode of the invitation the sign-up
 * came through). A link that is not valid says so on the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisodeFromIdea } from '../../server/commands/episode-creator.ts';
import { createInvitation } from '../../server/commands/invitations.ts';
import { BROWSER_PASSWORD, serverAndBrowserForFile, untilInteractive } from '../support/browser.ts';
import { eventually } from '../support/server-process.ts';
import { signupConfirmationLinkIn, smtpServerForFile } from '../support/smtp-server.ts';

// Filled in before the server starts (hooks run in the order they are registered).
const env: Record<string, string> = {};
const smtpServer = smtpServerForFile(env);

const app = serverAndBrowserForFile(env);

beforeAll(async () => {
  // Not the first account: that one is made at once, without email.
  await createAccount(app.context.services, { email: 'admin@example.com', password: BROWSER_PASSWORD });
});

describe('signing up with SMTP configured', () => {
  it('sends a link whose page makes the account with the password chosen at sign-up and signs in', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${app.server.base}/signup`);
    await untilInteractive(page);
    await page.getByLabel('Email').fill('pia@example.com');
    await page.getByLabel('Your name').fill('Pia');
    await page.getByLabel('Password (at least 8 characters)').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => page.getByTestId('signup-emailed').textContent(), { timeout: 30_000 }).toMatch(/We sent a link to pia@example.com/);
    expect((await page.request.get(`${app.server.base}/api/v1/me`)).status()).toBe(401);

    const mail = await eventually(async () => smtpServer().received.find((m) => m.to.includes('pia@example.com')), 30_000, 'the confirmation email');
    const link = new URL(signupConfirmationLinkIn(mail)!);
    await page.goto(`${app.server.base}${link.pathname}`);
    await untilInteractive(page);
    // Opening the page made nothing yet.
    await expect.poll(() => page.getByRole('button', { name: 'Create my account' }).isEnabled()).toBe(true);
    expect(await app.context.services.db.selectFrom('users').select('id').where('email', '=', 'pia@example.com').execute()).toEqual([]);
    await page.getByLabel('Password').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL(`${app.server.base}/`);
    const me = await page.request.get(`${app.server.base}/api/v1/me`);
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { display_name: string }).display_name).toBe('Pia');
    await context.close();
  }, 120_000);

  it('carries an invitation through the confirmation and lands on its episode', async () => {
    const admin = await app.context.services.db.selectFrom('users').select('id').where('email', '=', 'admin@example.com').executeTakeFirstOrThrow();
    const actor = { userId: admin.id, name: 'Admin' };
    const episode = await createEpisodeFromIdea(app.context.services, { idea: 'A ferry that only sails at night' }, actor);
    // Made here, not emailed: the link a sender copies carries no mailbox proof, so the sign-up is confirmed by email.
    const { token } = await createInvitation(app.context.services, episode.id, { email: 'quin@example.com', role: 'viewer' }, 'owner', actor);
    const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${app.server.base}/signup?invitation=${token}`);
    await untilInteractive(page);
    await page.getByLabel('Email').fill('quin@example.com');
    await page.getByLabel('Password (at least 8 characters)').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => page.getByTestId('signup-emailed').textContent(), { timeout: 30_000 }).toMatch(/We sent a link to quin@example.com/);

    const mail = await eventually(async () => smtpServer().received.find((m) => m.to.includes('quin@example.com')), 30_000, 'the confirmation email');
    const link = new URL(/https?:\/\/\S+\/signup\/confirm\/[a-z2-7]{32}\?invitation=[a-z2-7]{32}/.exec(mail.decoded)![0]);
    await page.goto(`${app.server.base}${link.pathname}${link.search}`);
    await untilInteractive(page);
    await page.getByLabel('Password').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await page.waitForURL(`${app.server.base}/episodes/${episode.id}`);
    await context.close();
  }, 120_000);

  it('says so when the link is not valid', async () => {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.server.base}/signup/confirm/${'a'.repeat(32)}`);
    await untilInteractive(page);
    await page.getByLabel('Password').fill(BROWSER_PASSWORD);
    await page.getByRole('button', { name: 'Create my account' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not valid/);
    await context.close();
  });
});
