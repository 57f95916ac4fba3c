/**
 * The activity feed and the inbox in Chromium, with two accounts on one episode: Olga (the owner)
 * and Ana (a reviewer). Ana writes a note naming Olga; without a reload, Olga's header counts it
 * and her episode page's feed shows it. Olga opens her inbox, follows the item to the take with
 * the note's thread shown at its frame, and the count goes back to 0; a link with a frame shows
 * that frame. The feed's "Mentions" filter keeps the mention alone, also as new notes arrive. Ben's inbox shows an invitation arriving live and accepts it;
 * visitors are sent to log in; an unsubscribe link that is not one says so, and a real one changes
 * nothing until its button is pressed (mail scanners open links).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { unsubscribeToken } from '../../server/commands/inbox-digest.ts';
import { setMemberRole } from '../../server/commands/members.ts';
import { findMailPreferences, mailPreferences } from '../../server/db/queries/activity.queries.ts';
import { accountIdOf, openPage, SCREENSHOT_DIR, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

let olga: BrowserContext;
let ana: BrowserContext;
let ben: BrowserContext;
let olgaId: string;

beforeAll(async () => {
  // The first account is the server's admin (an owner everywhere); keep it out of the team.
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  olga = await signedUpBrowser(app.browser, app.server.base, { email: 'olga@example.com', name: 'Olga' });
  ana = await signedUpBrowser(app.browser, app.server.base, { email: 'ana@example.com', name: 'Ana' });
  ben = await signedUpBrowser(app.browser, app.server.base, { email: 'ben@example.com', name: 'Ben' });
  olgaId = await accountIdOf(olga, app.server.base);
}, 120_000);

const open = (context: BrowserContext, path: string): Promise<Page> => openPage(context, app.server.base, path);

const unreadShown = (page: Page) => page.getByTestId('inbox-count').getAttribute('data-count');
const feedTexts = (page: Page) => page.getByTestId('activity-item').allTextContents();

describe('activity feed and inbox in the browser', () => {
  it('a mention reaches the owner’s header and feed live, and her inbox leads to the note', async () => {
    const olgaActor = { userId: olgaId, name: 'Olga' };
    const episode = await createEpisode(app.context.services, { shots: [{ prompt: 'A gull over a grey sea', duration: 3 }], title: 'Gulls', style: 'watercolour', width: 320, height: 180 }, olgaActor);
    await setMemberRole(app.context.services, episode.id, 'ana@example.com', 'reviewer', olgaActor);
    const [take] = await generateFirstSegments(app.context.services, episode.id, 1);
    // The ready take asks Olga for her decision; that is not what this test is about.
    const cleared = await olga.request.post(`${app.server.base}/api/v1/me/inbox/read`, { data: { all: true }, headers: { origin: app.server.base } });
    expect(cleared.status()).toBe(200);

    const board = await open(olga, `/episodes/${episode.id}`);
    await expect.poll(() => feedTexts(board)).toEqual(expect.arrayContaining([expect.stringContaining('Shot 1 v1 is ready for review')]));
    expect(await unreadShown(board)).toBe('0');
    expect(await board.getByTestId('inbox-count').isVisible()).toBe(false);
    // A mark that a reload would wipe out.
    await board.evaluate(() => ((window as unknown as { unreloaded: boolean }).unreloaded = true));

    const note = await ana.request.post(`${app.server.base}/api/v1/segments/${take!.id}/notes`, {
      data: { text: '@Olga the horizon tilts', frame_in: 12, mentions: [olgaId] },
      headers: { origin: app.server.base },
    });
    expect(note.status()).toBe(201);
    const noteId = ((await note.json()) as { id: string }).id;
    const sentence = 'Ana noted on shot 1 v1 at frame 12: “@Olga the horizon tilts”';

    await expect.poll(() => unreadShown(board), { timeout: 30_000 }).toBe('1');
    expect(await board.getByTestId('inbox-count').textContent()).toBe('1');
    await expect.poll(async () => (await feedTexts(board))[0], { timeout: 30_000 }).toContain(sentence);
    expect(await board.evaluate(() => (window as unknown as { unreloaded?: boolean }).unreloaded)).toBe(true);
    await board.getByTestId('activity-feed').scrollIntoViewIfNeeded();
    await board.screenshot({ path: `${SCREENSHOT_DIR}/activity-feed.png` });

    // Her inbox: the mention, unread, leads to the take with the thread shown at its frame.
    const inbox = await open(olga, '/inbox');
    const item = inbox.getByTestId('inbox-item').filter({ hasText: 'Ana mentioned you on shot 1 v1' });
    expect(await item.getAttribute('data-read')).toBe('false');
    await inbox.screenshot({ path: `${SCREENSHOT_DIR}/inbox.png`, fullPage: true });
    await item.getByRole('link').click();
    await inbox.waitForURL(`${app.server.base}/episodes/${episode.id}/segments/${take!.id}?note=${noteId}`);
    const thread = inbox.locator(`[data-testid="note-thread"][data-thread-id="${noteId}"]`);
    await expect.poll(() => thread.getAttribute('class')).toMatch(/\bhighlighted\b/);
    await inbox.screenshot({ path: `${SCREENSHOT_DIR}/inbox-note-followed.png` });
    await expect
      .poll(() => inbox.getByTestId('review-video').evaluate((video: HTMLVideoElement) => ({ paused: video.paused, frame: Math.floor(video.currentTime * 24 + 1e-6) })))
      .toEqual({ paused: true, frame: 12 });
    await expect.poll(() => unreadShown(inbox), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => unreadShown(board), { timeout: 30_000 }).toBe('0');

    // A link with a frame shows that frame, paused.
    await inbox.goto(`${app.server.base}/episodes/${episode.id}/segments/${take!.id}?frame=30`);
    await expect
      .poll(() => inbox.getByTestId('review-video').evaluate((video: HTMLVideoElement) => ({ paused: video.paused, frame: Math.floor(video.currentTime * 24 + 1e-6) })))
      .toEqual({ paused: true, frame: 30 });

    // The feed's "Mentions" filter keeps the mention alone, and what arrives live keeps to it.
    await board.getByRole('group', { name: 'Show activity of' }).getByRole('button', { name: 'Mentions' }).click();
    await expect.poll(() => feedTexts(board)).toEqual([expect.stringContaining(sentence)]);
    expect(await board.getByTestId('activity-item').getAttribute('data-kind')).toBe('note.created');
    for (const data of [{ text: 'The sea is too green', frame_in: 20 }, { text: '@Olga and the sky too', frame_in: 40, mentions: [olgaId] }]) {
      const written = await ana.request.post(`${app.server.base}/api/v1/segments/${take!.id}/notes`, { data, headers: { origin: app.server.base } });
      expect(written.status()).toBe(201);
    }
    await expect
      .poll(() => feedTexts(board), { timeout: 30_000 })
      .toEqual([expect.stringContaining('“@Olga and the sky too”'), expect.stringContaining(sentence)]);
  }, 180_000);

  it('an invitation arrives live in the inbox and is accepted there; visitors log in first', async () => {
    const olgaActor = { userId: olgaId, name: 'Olga' };
    const episode = await createEpisode(app.context.services, { shots: [{ prompt: 'A boat at dawn', duration: 3 }], title: 'Boats', width: 320, height: 180 }, olgaActor);
    const inbox = await open(ben, '/inbox');
    await expect.poll(() => inbox.getByTestId('inbox-empty').isVisible()).toBe(true);
    // This test server has no SMTP: the page says so instead of offering email settings.
    expect(await inbox.getByTestId('email-disabled').isVisible()).toBe(true);

    const invited = await olga.request.post(`${app.server.base}/api/v1/episodes/${episode.id}/invitations`, {
      data: { email: 'ben@example.com', role: 'reviewer' },
      headers: { origin: app.server.base },
    });
    expect(invited.status()).toBe(201);
    const item = inbox.getByTestId('inbox-item').filter({ hasText: 'Olga invited you to “Boats” as reviewer' });
    await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => unreadShown(inbox)).toBe('1');
    await inbox.getByLabel('Unread only').check();
    await inbox.waitForURL(`${app.server.base}/inbox?unread=1`);
    await expect.poll(() => inbox.getByTestId('inbox-item').count()).toBe(1);

    await item.getByRole('button', { name: 'Accept' }).click();
    await inbox.waitForURL(`${app.server.base}/episodes/${episode.id}`);
    await expect.poll(() => unreadShown(inbox), { timeout: 30_000 }).toBe('0');

    const visitor = await app.browser.newContext();
    const signedOut = await visitor.newPage();
    await signedOut.goto(`${app.server.base}/inbox`);
    await signedOut.waitForURL(`${app.server.base}/login?next=%2Finbox`);
    expect(await signedOut.getByTestId('inbox-link').count()).toBe(0);
    await signedOut.goto(`${app.server.base}/unsubscribe/not-a-link`);
    await expect.poll(async () => (await signedOut.getByTestId('unsubscribe-problem').textContent())?.length ?? 0).toBeGreaterThan(10);
    expect(await signedOut.getByRole('button', { name: 'Stop these emails' }).count()).toBe(0);
    await visitor.close();
  }, 180_000);

  it('an unsubscribe link says what it stops and stops it only when its button is pressed', async () => {
    const benId = await accountIdOf(ben, app.server.base);
    const { link_secret: secret } = await mailPreferences(app.context.services.db, benId, 'a secret of the test');
    const visitor = await app.browser.newContext();
    const page = await visitor.newPage();
    await page.goto(`${app.server.base}/unsubscribe/${unsubscribeToken(secret, benId, 'mention')}`);
    await expect.poll(() => page.getByTestId('unsubscribe-info').textContent()).toContain('Mentions of you');
    const button = page.getByRole('button', { name: 'Stop these emails' });
    await expect.poll(() => button.isEnabled()).toBe(true);
    expect((await findMailPreferences(app.context.services.db, benId))?.unsubscribed).toEqual([]);
    await button.click();
    await expect.poll(() => page.getByTestId('unsubscribe-done').textContent()).toContain('Mentions of you');
    expect((await findMailPreferences(app.context.services.db, benId))?.unsubscribed).toEqual(['mention']);
    expect(await page.getByRole('link', { name: 'inbox' }).getAttribute('href')).toBe('/inbox');
    await visitor.close();
  }, 180_000);
});
