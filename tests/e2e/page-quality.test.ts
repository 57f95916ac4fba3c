/**
 * The qualities of the pages that are easy to lose: a 100-segment episode loads its posters lazily
 * and does not move under the reader when live updates arrive; every main page fits a 390-px phone
 * without sideways scrolling; controls have accessible names.
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { approveSegment } from '../../server/commands/segment-reviews.ts';
import type { VideoSegment } from '../../server/db/schema.ts';
import { launchOptions, SCREENSHOT_DIR, signedUpBrowser } from '../support/browser.ts';
import { generateEveryTake } from '../support/factories.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { createTestContext, type TestContext } from '../support/services.ts';

const SLOTS = 100;

describe('page quality in Chromium', () => {
  let context: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let session: BrowserContext;
  let episodeId: string;
  let segments: VideoSegment[];

  beforeAll(async () => {
    context = await createTestContext();
    server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir });
    const actor = { userId: null, name: 'e2e' };
    const shots = Array.from({ length: SLOTS }, (_, index) => ({
      scene: `EXT. RIVER BEND ${Math.floor(index / 10) + 1} - DAY`,
      prompt: `A paper boat drifts past marker ${index + 1}`,
      duration: 1,
      characters: index % 3 === 0 ? ['Ines'] : [],
    }));
    const episode = await createEpisode(context.services, { shots, title: 'A hundred shots', width: 320, height: 180 }, actor);
    episodeId = episode.id;
    segments = await generateEveryTake(context.services, episodeId, 600_000);
    browser = await chromium.launch(launchOptions());
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    session = await signedUpBrowser(browser, server.base, { email: 'quality@example.com', name: 'Quinn' });
  }, 900_000);

  afterAll(async () => {
    await session?.close();
    await browser?.close();
    await server?.stop();
    await context?.cleanup();
  }, 180_000);

  /** Poster files the page has fetched so far. */
  const postersFetched = (page: Page) =>
    page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('/poster.jpg')).length);

  it('fetches posters only as they come near, and does not shift the layout when approvals and ratings arrive live', async () => {
    const page = await session.newPage();
    await page.goto(`${server.base}/episodes/${episodeId}`);
    await expect(page.getByTestId('segment-card').count()).resolves.toBe(SLOTS);
    await page.waitForLoadState('networkidle');
    const initially = await postersFetched(page);
    expect(initially).toBeGreaterThan(0);
    expect(initially).toBeLessThan(SLOTS / 2);

    // Watch for layout shifts while others decide on ten takes (with ratings) in view.
    await page.evaluate(() => {
      const shifts: number[] = [];
      (window as unknown as { shifts: number[] }).shifts = shifts;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift' });
    });
    for (const [index, segment] of segments.slice(0, 10).entries()) {
      await approveSegment(context.services, segment.id, { userId: null, name: `Reviewer ${index}` }, { rating: (index % 5) + 1 });
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-segment-status="approved"]').length === 10, null, { timeout: 15_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="episode-progress"]')?.textContent?.includes('10/100'), null, { timeout: 15_000 });
    // Layout shifts are reported with the frame that shows them: two frames after the last change,
    // every shift it caused has been observed.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shift = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.reduce((sum, value) => sum + value, 0));
    expect(shift).toBeLessThan(0.01);

    // Scrolled to the end, the last posters load too.
    await page.getByTestId('segment-card').last().scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.getByTestId('segment-card').last().locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 })
      .toBe(true);
    expect(await postersFetched(page)).toBeGreaterThan(initially);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-100.png` });
    await page.close();
  }, 180_000);

  it('fits every main page on a 390-px phone without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await session.storageState() });
    const page = await phone.newPage();
    const pages = {
      dashboard: '/',
      episode: `/episodes/${episodeId}`,
      review: `/episodes/${episodeId}/segments/${segments[0]!.id}`,
      compare: `/episodes/${episodeId}/segments/${segments[0]!.id}/compare/${segments[1]!.id}`,
    };
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(`${server.base}${path}`);
      await page.waitForLoadState('networkidle');
      const widths = await page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.content, `${name} is wider than the phone`).toBeLessThanOrEqual(widths.viewport);
      if (name === 'episode') {
        // Nothing on a card is cut off: its status and quality fit inside it.
        const clipped = await page.getByTestId('segment-card').evaluateAll((cards) =>
          cards.slice(0, 6).flatMap((card) => {
            const box = card.getBoundingClientRect();
            return [...card.querySelectorAll('[data-status], [data-testid="quality"]')].filter((element) => element.getBoundingClientRect().right > box.right - 4).map((element) => element.textContent);
          }),
        );
        expect(clipped).toEqual([]);
      }
      await page.screenshot({ path: `${SCREENSHOT_DIR}/phone-${name}.png`, fullPage: name !== 'episode' });
    }
    await phone.close();
  }, 180_000);

  it('gives every control on the episode and review pages an accessible name', async () => {
    const page = await session.newPage();
    for (const path of [`/episodes/${episodeId}`, `/episodes/${episodeId}/segments/${segments[0]!.id}`]) {
      await page.goto(`${server.base}${path}`);
      await page.waitForLoadState('networkidle');
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, video[controls]')]
          .filter((element) => {
            const labelled =
              element.getAttribute('aria-label') ||
              element.getAttribute('aria-labelledby') ||
              element.getAttribute('title') ||
              (element as HTMLInputElement).labels?.length ||
              (element.tagName !== 'INPUT' && element.textContent?.trim()) ||
              element.querySelector('img[alt]:not([alt=""])');
            return !labelled && (element as HTMLInputElement).type !== 'hidden';
          })
          .map((element) => element.outerHTML.slice(0, 120)),
      );
      expect(unnamed, path).toEqual([]);
    }
    await page.close();
  }, 180_000);
});
