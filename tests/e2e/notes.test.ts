/**
 * Frame notes in Chromium with five people: Ana and Bea (reviewers), a guest with a reviewer's
 * link, Vic (a viewer) and Olga (the owner, an editor). Ana writes "@Bea the sky should be darker"
 * at a frame; Bea sees it arrive without a reload, on the take and on the episode page's card, and
 * replies; Ana resolves and reopens it; the guest writes one; Vic reads them but has no note box;
 * Olga regenerates from Ana's note, and take 2's prompt answers it. And the reject form's words
 * fill its suggested changes.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { setMemberRole } from '../../server/commands/members.ts';
import { createShareLink } from '../../server/commands/share-links.ts';
import { toTimecode } from '../../src/lib/domain/timecode.ts';
import { accountIdOf, openPage, SCREENSHOT_DIR, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

let olga: BrowserContext;
let ana: BrowserContext;
let bea: BrowserContext;
let vic: BrowserContext;
let olgaId: string;

beforeAll(async () => {
  // The first account is the server's admin (an owner everywhere); keep it out of the team.
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  olga = await signedUpBrowser(app.browser, app.server.base, { email: 'olga@example.com', name: 'Olga' });
  ana = await signedUpBrowser(app.browser, app.server.base, { email: 'ana@example.com', name: 'Ana' });
  bea = await signedUpBrowser(app.browser, app.server.base, { email: 'bea@example.com', name: 'Bea' });
  vic = await signedUpBrowser(app.browser, app.server.base, { email: 'vic@example.com', name: 'Vic' });
  olgaId = await accountIdOf(olga, app.server.base);
}, 120_000);

const open = (context: BrowserContext, path: string): Promise<Page> => openPage(context, app.server.base, path);

/** The thread whose text has `text`. */
const threadWith = (page: Page, text: string) => page.getByTestId('note-thread').filter({ hasText: text });

describe('frame notes in the browser', () => {
  it('a note at a frame reaches the team live, is answered, resolved, and regenerated from', async () => {
    const olgaActor = { userId: olgaId, name: 'Olga' };
    const episode = await createEpisode(app.context.services, { shots: [{ prompt: 'A gull over a grey sea', duration: 3 }], title: 'Gulls', style: 'watercolour', width: 320, height: 180 }, olgaActor);
    for (const [email, role] of [['ana@example.com', 'reviewer'], ['bea@example.com', 'reviewer'], ['vic@example.com', 'viewer']] as const) {
      await setMemberRole(app.context.services, episode.id, email, role, olgaActor);
    }
    const [take] = await generateFirstSegments(app.context.services, episode.id, 1);
    const takePath = `/episodes/${episode.id}/segments/${take!.id}`;

    const anaPage = await open(ana, takePath);
    const beaPage = await open(bea, takePath);
    const board = await open(bea, `/episodes/${episode.id}`);
    await expect.poll(() => beaPage.getByTestId('no-notes').textContent()).toBe('No notes on this shot yet.');

    // Ana pauses on frame 37 and writes to Bea, choosing her from the list.
    await anaPage.getByTestId('review-video').evaluate((video: HTMLVideoElement) => {
      video.pause();
      video.currentTime = 37.5 / 24;
    });
    const at = toTimecode(37, 24);
    await expect.poll(() => anaPage.getByTestId('note-composer').textContent()).toContain(at);
    // She circles the sky with an arrow on that frame; the note takes the drawing along.
    await anaPage.getByRole('button', { name: 'Draw on this frame' }).click();
    await anaPage.getByRole('toolbar', { name: 'Drawing tools' }).getByRole('button', { name: 'Arrow' }).click();
    const surface = (await anaPage.getByTestId('drawing-surface').boundingBox())!;
    await anaPage.mouse.move(surface.x + surface.width * 0.3, surface.y + surface.height * 0.6);
    await anaPage.mouse.down();
    await anaPage.mouse.move(surface.x + surface.width * 0.5, surface.y + surface.height * 0.2, { steps: 5 });
    await anaPage.mouse.up();
    await expect.poll(() => anaPage.getByTestId('note-composer').textContent()).toContain('with the drawing (1 shape)');
    const box = anaPage.getByLabel('Note', { exact: true });
    await box.click();
    await box.pressSequentially('@Be');
    await expect.poll(() => anaPage.getByRole('listbox', { name: 'People to mention' }).getByRole('option').allTextContents()).toEqual(['@Bea']);
    await box.press('Enter');
    await box.pressSequentially('the sky should be darker');
    await expect.poll(() => box.inputValue()).toBe('@Bea the sky should be darker');
    await anaPage.getByRole('button', { name: 'Add note' }).click();
    const anaThread = threadWith(anaPage, 'the sky should be darker');
    await expect.poll(() => anaThread.getByTestId('note-anchor').textContent()).toBe(`at ${at}`);

    // Bea sees it without a reload, her name marked, and the card counts it.
    const beaThread = threadWith(beaPage, 'the sky should be darker');
    await expect.poll(() => beaThread.count()).toBe(1);
    await expect.poll(() => beaThread.locator('mark.mention').textContent()).toBe('@Bea');
    await expect.poll(() => beaThread.getByTestId('note-anchor').textContent()).toBe(`at ${at}`);
    await expect.poll(() => beaThread.textContent()).toContain('✎ drawing');
    await expect.poll(() => beaPage.getByTestId('note-markers').locator('[data-marker]').count()).toBe(1);
    await expect.poll(() => beaPage.locator('[data-filter="mentions"] .count').textContent()).toBe('1');
    const card = board.locator('[data-testid="segment-card"][data-slot="1"]');
    await expect.poll(() => card.getByTestId('note-count').textContent()).toBe('✎ 1');
    await expect.poll(() => card.getByTestId('note-count').getAttribute('title')).toContain('Ana: @Bea the sky should be darker');

    // Clicking the thread shows its frame, with Ana's arrow over the picture there and not elsewhere.
    await beaPage.getByTestId('review-video').evaluate((video: HTMLVideoElement) => (video.currentTime = 0));
    await expect.poll(() => beaPage.getByTestId('player-frame').textContent()).toBe('0');
    await expect.poll(() => beaPage.locator('[data-testid="drawing-layer"] line').count()).toBe(0);
    await beaThread.getByTestId('note-anchor').click();
    await expect.poll(() => beaPage.getByTestId('review-video').evaluate((video: HTMLVideoElement) => Math.floor(video.currentTime * 24 + 1e-6))).toBe(37);
    await expect.poll(() => beaPage.getByTestId('player-frame').textContent()).toBe('37');
    await expect.poll(() => beaPage.getByTestId('player-timecode').textContent()).toBe(at);
    await expect.poll(() => beaPage.locator('[data-testid="drawing-layer"] line').count()).toBe(1);

    // Bea replies; Ana sees it.
    await beaThread.getByRole('button', { name: 'Reply' }).click();
    await beaThread.getByLabel('Reply').fill('Agreed, and keep the gull white');
    await beaThread.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => anaThread.getByTestId('note').count()).toBe(2);
    await expect.poll(() => anaThread.textContent()).toContain('Agreed, and keep the gull white');
    // Bea rewords her reply: Ana sees it marked edited, and the earlier words under History.
    const beaReply = beaThread.getByTestId('note').filter({ hasText: 'Agreed' });
    await beaReply.getByRole('button', { name: 'Edit' }).click();
    await beaThread.getByLabel('Edit note').fill('Agreed, and keep the gull bright white');
    await beaThread.getByRole('button', { name: 'Save' }).click();
    const anaReply = anaThread.getByTestId('note').filter({ hasText: 'Agreed' });
    await expect.poll(() => anaReply.textContent()).toContain('bright white');
    await expect.poll(() => anaReply.textContent()).toContain('(edited)');
    await anaReply.getByText('History').click();
    await expect.poll(() => anaReply.locator('.history').textContent()).toContain('Agreed, and keep the gull white');
    await anaPage.screenshot({ path: `${SCREENSHOT_DIR}/notes-thread.png`, fullPage: true });

    // Ana resolves it; Bea sees who did; Ana reopens it for the next take.
    await anaThread.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => beaThread.getByTestId('note-resolved').textContent()).toBe('resolved by Ana');
    await expect.poll(() => card.getByTestId('note-count').textContent()).toBe('✎ 0');
    await anaThread.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => beaThread.getByTestId('note-resolved').count()).toBe(0);

    // A guest with a reviewer's link writes a note on the whole take.
    const { token } = await createShareLink(app.context.services, episode.id, { role: 'reviewer', label: 'Gus' }, olgaActor);
    const guest = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const joined = await open(guest, `/share/${token}`);
    await joined.getByLabel('Your name').fill('Gus');
    await joined.getByRole('button', { name: 'Open the episode' }).click();
    await joined.waitForURL(`${app.server.base}/episodes/${episode.id}`);
    await joined.goto(`${app.server.base}${takePath}`);
    await joined.getByLabel('The whole take').check();
    await joined.getByLabel('Note', { exact: true }).fill('Lovely light, see https://example.com/ref');
    await joined.getByRole('button', { name: 'Add note' }).click();
    const guestThread = threadWith(anaPage, 'Lovely light');
    await expect.poll(() => guestThread.getByTestId('note-anchor').textContent()).toBe('whole take');
    await expect.poll(() => guestThread.locator('a[rel="noopener noreferrer"]').getAttribute('href')).toBe('https://example.com/ref');
    // The guest writes another and deletes it: with nothing under it, it is gone for everyone.
    await joined.getByLabel('Note', { exact: true }).fill('Wrong shot, sorry');
    await joined.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => threadWith(anaPage, 'Wrong shot, sorry').count()).toBe(1);
    const mistake = threadWith(joined, 'Wrong shot, sorry');
    await mistake.getByRole('button', { name: 'Delete' }).click();
    await mistake.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => threadWith(anaPage, 'Wrong shot, sorry').count()).toBe(0);
    await expect.poll(() => anaPage.getByTestId('note-thread').count()).toBe(2);

    // Vic, a viewer, reads the notes but has no note box, no reply and nothing to draw with.
    const vicPage = await open(vic, takePath);
    await expect.poll(() => vicPage.getByTestId('note-thread').count()).toBe(2);
    expect(await vicPage.getByRole('button', { name: 'Draw on this frame' }).count()).toBe(0);
    await expect.poll(() => vicPage.locator('[data-filter="open"] .count').textContent()).toBe('2');
    expect(await vicPage.getByTestId('note-composer').count()).toBe(0);
    expect(await vicPage.getByRole('button', { name: 'Reply' }).count()).toBe(0);

    // Olga regenerates from Ana's note: the proposal's prompt answers it, and the note says so.
    const olgaPage = await open(olga, takePath);
    const olgaThread = threadWith(olgaPage, 'the sky should be darker');
    await olgaThread.getByRole('checkbox').check();
    await olgaPage.getByRole('button', { name: 'Regenerate from notes (1)' }).click();
    await expect.poll(() => olgaPage.getByTestId('proposal-source').textContent()).toMatch(/Proposed by (rules|the model)/);
    await expect.poll(() => olgaPage.getByLabel('Prompt', { exact: true }).inputValue()).toContain('darker');
    await olgaPage.screenshot({ path: `${SCREENSHOT_DIR}/notes-proposal.png`, fullPage: true });
    await olgaPage.getByRole('button', { name: 'Make take' }).click();
    await olgaPage.waitForURL((url) => !url.pathname.endsWith(take!.id));
    const newId = new URL(olgaPage.url()).pathname.split('/').pop()!;
    const answer = await olga.request.get(`${app.server.base}/api/v1/segments/${newId}`);
    const made = (await answer.json()) as { version: number; generation_params: { prompt?: string } };
    expect(made.version).toBe(2);
    expect(made.generation_params.prompt).toContain('darker');
    await expect.poll(() => olgaThread.getByTestId('note-addressed').textContent()).toBe('addressed in v2');
    await expect.poll(() => olgaThread.getByTestId('note-anchor').textContent()).toBe(`on v1 at ${at}`);
    // Ana, still on take 1, sees it too.
    await expect.poll(() => anaThread.getByTestId('note-addressed').textContent()).toBe('addressed in v2');
    await guest.close();
  }, 240_000);

  it('the reject form fills its suggested changes from its words', async () => {
    const episode = await createEpisode(app.context.services, { shots: [{ prompt: 'A lighthouse at dusk', duration: 3 }], title: 'Lights', width: 320, height: 180 }, { userId: olgaId, name: 'Olga' });
    const [take] = await generateFirstSegments(app.context.services, episode.id, 1);
    const page = await open(olga, `/episodes/${episode.id}/segments/${take!.id}`);
    await page.getByRole('button', { name: 'Reject… (R)' }).click();
    await page.getByLabel('Why is this take rejected?').fill('pan right, 4 seconds');
    await page.getByRole('button', { name: 'Suggest from text' }).click();
    await expect.poll(() => page.locator('#suggest-camera').inputValue()).toBe('pan-right');
    await expect.poll(() => page.locator('#suggest-duration').inputValue()).toBe('4');
  }, 180_000);
});
