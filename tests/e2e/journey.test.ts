/**
 * The whole journey through the pages alone, on a fresh server: sign up, plan an episode from an
 * idea, generate it one shot at a time, approve, reject with a reason, regenerate, compare the two
 * takes, approve the rest as they arrive, reorder by drag and drop, compile, and play the result.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, serverAndBrowserForFile } from '../support/browser.ts';

describe('the whole journey in Chromium', () => {
  const app = serverAndBrowserForFile();

  const card = (page: Page, slot: number) => page.locator(`[data-testid="segment-card"][data-slot="${slot}"]`);
  const cardStatus = (page: Page, slot: number) => card(page, slot).getAttribute('data-segment-status');
  const slotOrder = (page: Page) => page.getByTestId('segment-card').evaluateAll((cards) => cards.map((el) => Number(el.getAttribute('data-slot'))));
  const headerStatus = (page: Page) => page.locator('header.head [data-status]').getAttribute('data-status');
  /** Waits for the review page of `slot`'s take `take`, until that take has been made (the player shows it). */
  const takeReady = async (page: Page, slot: number, take = 1) => {
    // The review page loads its take from the API: under load that is more than expect.poll's default second.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 }).toBe(`Shot ${slot} · take ${take}`);
    await page.getByTestId('review-video').waitFor({ timeout: 120_000 });
    await expect.poll(() => headerStatus(page), { timeout: 60_000 }).toBe('pending');
  };

  it('goes from an idea to a played final video', async () => {
    const session = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await session.newPage();

    // Sign up; the first account of a server is its admin.
    await page.goto(`${app.server.base}/signup`);
    await page.getByLabel('Email').fill('maya@example.com');
    await page.getByLabel('Your name').fill('Maya Maker');
    await page.getByLabel(/Password/).fill('a long enough password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${app.server.base}/`);

    // A new episode from an idea, with a style and a resolution.
    const form = page.getByRole('region', { name: 'New episode' });
    await form.getByLabel('an idea').check();
    await form.getByRole('textbox', { name: 'Idea' }).fill('A lighthouse keeper finds a message in a bottle');
    await form.getByLabel('Style').fill('ink and wash');
    await form.getByLabel('Resolution').selectOption({ label: '854 × 480' });
    await form.getByRole('button', { name: 'Plan it' }).click();
    await page.waitForURL(/\/episodes\/[0-9a-f-]{36}$/);
    const episodeUrl = page.url();

    // The plan arrives live: one card per shot, none generated yet.
    await card(page, 1).waitFor({ timeout: 60_000 });
    const total = await page.getByTestId('segment-card').count();
    expect(total).toBeGreaterThan(3);
    await expect(cardStatus(page, 1)).resolves.toBe('not_generated');

    // One shot at a time: shot 1 is made and waits for review; shot 2 is not started.
    const generation = page.getByRole('region', { name: 'Generation' });
    await generation.getByLabel('In batches, each waiting for review').check();
    await generation.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => cardStatus(page, 1), { timeout: 120_000 }).toBe('pending');
    await expect(cardStatus(page, 2)).resolves.toBe('not_generated');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/journey-first-take.png`, fullPage: true });

    // Approve shot 1 with five stars.
    await card(page, 1).getByTestId('review-link').click();
    await takeReady(page, 1);
    // What the take was made with: the built-in renderer, free, with the seed it used.
    const provenance = page.getByTestId('provenance');
    await expect(provenance.textContent()).resolves.toMatch(/Model\s*animatic.*Cost\s*free \(rendered here\).*References\s*none/s);
    // Its measured quality, each measure in words.
    const measures = await page.getByRole('region', { name: 'Quality', exact: true }).locator('dt').allTextContents();
    expect(measures).toEqual(expect.arrayContaining(['Black frames', 'Frozen frames', 'Brightness', 'Loudness', 'Off the planned length']));
    expect(measures.filter((measure) => measure.includes('_'))).toEqual([]);
    await page.getByLabel('5 stars').check({ force: true });
    await page.getByRole('button', { name: 'Approve (A)' }).click();
    await expect.poll(() => headerStatus(page), { timeout: 15_000 }).toBe('approved');

    // Shot 2 is made next; reject it with a reason, then make a new take with another seed.
    await page.getByRole('link', { name: 'Next segment' }).click();
    await takeReady(page, 2);
    const firstTake = page.url();
    await page.getByRole('button', { name: 'Reject… (R)' }).click();
    await page.getByLabel('Why is this take rejected?').fill('The note in the bottle is unreadable');
    await page.getByRole('button', { name: 'Reject take' }).click();
    await expect.poll(() => headerStatus(page), { timeout: 15_000 }).toBe('rejected');
    await page.getByRole('button', { name: 'Regenerate… (G)' }).click();
    await page.locator('#new-seed').fill('4242');
    await page.getByRole('button', { name: 'Make a new take' }).click();
    await page.waitForURL((url) => url.href !== firstTake, { timeout: 15_000 });
    await takeReady(page, 2, 2);

    // Compare the two takes side by side, then approve the new one.
    const versions = page.getByRole('region', { name: 'Versions' });
    await expect(versions.textContent()).resolves.toContain('The note in the bottle is unreadable');
    await versions.getByRole('link', { name: 'Compare' }).click();
    await page.waitForURL(/\/compare\//);
    const sources = await page.getByTestId('compare-video').evaluateAll((videos) => (videos as HTMLVideoElement[]).map((video) => video.src));
    expect(sources).toHaveLength(2);
    expect(sources[0]).not.toBe(sources[1]);
    await page.getByTestId('compare-play').click();
    await expect.poll(() => page.getByTestId('compare-video').first().evaluate((video: HTMLVideoElement) => video.currentTime)).toBeGreaterThan(0.2);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/journey-compare.png`, fullPage: true });
    await page.goBack();
    await takeReady(page, 2, 2);
    await page.getByRole('button', { name: 'Approve (A)' }).click();
    await expect.poll(() => headerStatus(page), { timeout: 15_000 }).toBe('approved');

    // The rest, by keyboard, as each one arrives.
    for (let slot = 3; slot <= total; slot++) {
      await page.keyboard.press('ArrowRight');
      await takeReady(page, slot);
      await page.keyboard.press('a');
      await expect.poll(() => headerStatus(page), { timeout: 15_000 }).toBe('approved');
    }

    // Back on the episode: every card approved; drag the last shot to the front.
    await page.goto(episodeUrl);
    await expect.poll(() => page.locator('[data-segment-status="approved"]').count(), { timeout: 15_000 }).toBe(total);
    await card(page, total).dragTo(card(page, 1));
    const expected = [total, ...Array.from({ length: total - 1 }, (_, index) => index + 1)];
    await expect.poll(() => slotOrder(page), { timeout: 10_000 }).toEqual(expected);
    // The order is the server's, not only the page's.
    await page.reload();
    await expect.poll(() => slotOrder(page), { timeout: 10_000 }).toEqual(expected);

    // Compile with dissolves; the final video has a chapter per shot, opening on the moved one.
    const compile = page.getByRole('region', { name: 'Compile' });
    await compile.getByLabel('Transition').selectOption('dissolve');
    await compile.getByRole('button', { name: 'Compile the approved takes' }).click();
    const video = page.locator('section[aria-label="Final video"] video');
    await video.waitFor({ timeout: 180_000 });
    const chapters = page.getByTestId('chapters').getByRole('button');
    await expect(chapters.count()).resolves.toBe(total);
    const movedTake = (await card(page, total).getByTestId('review-link').getAttribute('href'))!.split('/').at(-1);
    const episode = (await (await page.request.get(`${app.server.base}/api/v1/episodes/${episodeUrl.split('/').at(-1)}`)).json()) as {
      latest_compilation: { chapters: { segment_id: string; title: string }[] };
    };
    expect(episode.latest_compilation.chapters[0]!.segment_id).toBe(movedTake);
    await expect(chapters.first().textContent()).resolves.toContain(episode.latest_compilation.chapters[0]!.title);

    // Play it: the browser decodes the compiled file and the playhead moves.
    await video.evaluate((element: HTMLVideoElement) => {
      element.muted = true;
      return element.play();
    });
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 10_000 }).toBeGreaterThan(0.5);
    await expect(video.evaluate((element: HTMLVideoElement) => element.error)).resolves.toBeNull();
    await expect(page.getByRole('link', { name: 'Download' }).getAttribute('download')).resolves.not.toBeNull();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/journey-final.png`, fullPage: true });
    await session.close();
  }, 600_000);
});
