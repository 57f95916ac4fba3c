/**
 * In a real browser: the episode page of a generated and compiled episode shows its segments.
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompilation } from '../../server/commands/compilation-starter.ts';
import { createEpisodeFromIdea } from '../../server/commands/episode-creator.ts';
import { startGeneration } from '../../server/commands/generation-starter.ts';
import { findEpisode } from '../../server/db/queries/episode.queries.ts';
import { launchOptions, SCREENSHOT_DIR } from '../support/browser.ts';
import { eventually, startServer, type ServerProcess } from '../support/server-process.ts';
import { createTestContext, type TestContext } from '../support/services.ts';

describe('episode page in Chromium', () => {
  let context: TestContext;
  let server: ServerProcess;
  let browser: Browser;
  let episodeId: string;
  let shotCount: number;

  beforeAll(async () => {
    context = await createTestContext();
    server = await startServer({ DATABASE_URL: context.database.url, DAILIES_DATA_DIR: context.dataDir });
    const actor = { userId: null, name: 'e2e' };
    const episode = await createEpisodeFromIdea(context.services, { idea: 'A detective cat solves a mystery in a rainy Tokyo alley' }, actor);
    episodeId = episode.id;
    await eventually(async () => (await findEpisode(context.services.db, episodeId))?.status === 'planned', 60_000, 'planning');
    const started = await startGeneration(context.services, episodeId, { autoApprove: true });
    shotCount = started.totalSegments;
    await eventually(async () => (await findEpisode(context.services.db, episodeId))?.status === 'reviewing', 300_000, 'generation');
    await startCompilation(context.services, episodeId, { transitionStyle: 'dissolve', transitionDuration: 0.5 }, actor);
    await eventually(async () => (await findEpisode(context.services.db, episodeId))?.status === 'completed', 300_000, 'compile');
    browser = await chromium.launch(launchOptions());
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await context?.cleanup();
  });

  it('lists the episode on the episode list', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.base}/`);
    const link = page.locator(`a[href$="/episodes/${episodeId}"]`);
    await expect(link.isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-list.png`, fullPage: true });
    await page.close();
  });

  it('shows every segment with its status, poster and the final video', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.base}/episodes/${episodeId}`);
    const rows = page.getByTestId('segment-row');
    await expect(rows.count()).resolves.toBe(shotCount);
    const statuses = await rows.evaluateAll((elements) => elements.map((el) => el.getAttribute('data-segment-status')));
    expect(statuses).toEqual(Array(shotCount).fill('approved'));
    await expect(page.getByRole('img', { name: 'Poster of segment 1' }).isVisible()).resolves.toBe(true);
    const video = page.locator('section[aria-label="Final video"] video');
    await expect(video.count()).resolves.toBe(1);
    // The browser can read the compiled video's metadata through the media route.
    const duration = await video.evaluate(
      (element: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          if (element.readyState >= 1) resolve(element.duration);
          else element.addEventListener('loadedmetadata', () => resolve(element.duration), { once: true });
        }),
    );
    expect(duration).toBeGreaterThan(10);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-page.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/episode-page-phone.png`, fullPage: true });
    await page.close();
  });
});
