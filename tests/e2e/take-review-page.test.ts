/**
 * The review page in Chromium starts from the take: J/K/L shuttle, the scrub strip by keyboard,
 * and a vertical take shown in its own shape.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

let owner: BrowserContext;
let ownerId: string;

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  owner = await signedUpBrowser(app.browser, app.server.base, { email: 'olga@example.com', name: 'Olga' });
  ownerId = ((await (await owner.request.get(`${app.server.base}/api/v1/me`)).json()) as { id: string }).id;
}, 120_000);

/** Olga's episode of `shots`, its first `made` takes rendered; the current takes' ids in shot order. */
async function episodeWith(
  shots: { prompt: string; duration: number; camera?: 'static' | 'pan-left' }[],
  made: number,
  size: { width: number; height: number } = { width: 320, height: 180 },
): Promise<{ episodeId: string; takes: string[] }> {
  const episode = await createEpisode(app.context.services, { shots, title: 'Lanterns', style: 'watercolour', ...size }, { userId: ownerId, name: 'Olga' });
  const takes = await generateFirstSegments(app.context.services, episode.id, made);
  return { episodeId: episode.id, takes: takes.map((take) => take.id) };
}

async function open(path: string): Promise<Page> {
  const page = await owner.newPage();
  await page.goto(`${app.server.base}${path}`);
  return page;
}

const videoState = (page: Page) =>
  page.getByTestId('review-video').evaluate((video: HTMLVideoElement) => ({ time: video.currentTime, paused: video.paused, rate: video.playbackRate }));

describe('the review page in Chromium', () => {
  it('J steps backward while paused, again faster; K stops at 1×; L plays forward, faster each press', async () => {
    const { episodeId, takes } = await episodeWith([{ prompt: 'A lantern swings in the wind', duration: 4 }], 1);
    const page = await open(`/episodes/${episodeId}/segments/${takes[0]}`);
    const video = page.getByTestId('review-video');
    await video.evaluate((element: HTMLVideoElement) => new Promise((done) => (element.readyState >= 1 ? done(null) : element.addEventListener('loadedmetadata', done, { once: true }))));
    await video.evaluate((element: HTMLVideoElement) => (element.currentTime = 3));
    await expect.poll(async () => (await videoState(page)).time).toBe(3);

    await page.keyboard.press('j');
    // Backward: the video stays paused while its playhead moves back, frame by frame.
    await expect.poll(async () => (await videoState(page)).time).toBeLessThan(2.8);
    expect((await videoState(page)).paused).toBe(true);
    await expect(page.getByTestId('shuttle').textContent()).resolves.toBe('◀◀ backward 1×');
    await page.keyboard.press('j');
    await expect.poll(() => page.getByTestId('shuttle').textContent()).toBe('◀◀ backward 2×');
    await expect.poll(async () => (await videoState(page)).rate).toBe(2);

    await page.keyboard.press('k');
    await expect.poll(async () => (await videoState(page)).rate).toBe(1);
    await expect(page.getByTestId('shuttle').count()).resolves.toBe(0);
    // Stopped: two reads a seek apart find the playhead where it was.
    const stopped = (await videoState(page)).time;
    expect(stopped).toBeGreaterThan(0);
    await video.evaluate((element: HTMLVideoElement) => new Promise((done) => (element.seeking ? element.addEventListener('seeked', done, { once: true }) : done(null))));
    expect((await videoState(page)).time).toBe(stopped);

    await video.evaluate((element: HTMLVideoElement) => (element.currentTime = 0));
    await page.keyboard.press('l');
    await expect.poll(async () => (await videoState(page)).paused).toBe(false);
    expect((await videoState(page)).rate).toBe(1);
    await page.keyboard.press('l');
    await expect.poll(async () => (await videoState(page)).rate).toBe(2);
    await page.keyboard.press('l');
    await expect.poll(async () => (await videoState(page)).rate).toBe(4);
    await page.keyboard.press('k');
    await expect.poll(async () => await videoState(page)).toMatchObject({ paused: true, rate: 1 });
    await page.close();
  });

  it('reaches the scrub strip with Tab, moves its preview a tile at a time with the arrows, and seeks with Enter', async () => {
    const { episodeId, takes } = await episodeWith(
      [
        { prompt: 'A lantern swings in the wind', duration: 4 },
        { prompt: 'The lantern goes out', duration: 2 },
      ],
      1,
    );
    const take = (await (await owner.request.get(`${app.server.base}/api/v1/segments/${takes[0]}`)).json()) as { sprite: { intervalSeconds: number } };
    const tile = take.sprite.intervalSeconds;
    const page = await open(`/episodes/${episodeId}/segments/${takes[0]}`);
    const strip = page.getByTestId('scrub-strip');
    await strip.waitFor();
    // Tab from the top of the page until the strip has the focus.
    let reached = false;
    for (let presses = 0; presses < 40 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await strip.evaluate((element) => element === document.activeElement);
    }
    expect(reached).toBe(true);
    await expect(strip.getAttribute('aria-valuenow')).resolves.toBe('0');

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    // The arrows moved the preview two tiles on, and did not go to the next shot.
    await expect.poll(async () => Number(await strip.getAttribute('aria-valuenow'))).toBeCloseTo(2 * tile, 2);
    expect(page.url()).toContain(takes[0]);
    await expect(page.getByTestId('scrub-tile').isVisible()).resolves.toBe(true);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => Number(await strip.getAttribute('aria-valuenow'))).toBeCloseTo(tile, 2);

    await page.keyboard.press('Enter');
    await expect.poll(async () => (await videoState(page)).time).toBeCloseTo(tile, 2);
    await page.close();
  });

  it('shows a vertical take taller than wide, within the window', async () => {
    const { episodeId, takes } = await episodeWith([{ prompt: 'A lighthouse at night, seen from below', duration: 1 }], 1, { width: 180, height: 320 });
    const page = await open(`/episodes/${episodeId}/segments/${takes[0]}`);
    const video = page.getByTestId('review-video');
    await video.waitFor();
    const box = (await video.boundingBox())!;
    expect(box.height).toBeGreaterThan(box.width);
    // In its own shape: 180 wide for 320 high, not a landscape box with bars.
    expect(box.width / box.height).toBeCloseTo(180 / 320, 2);
    expect(box.height).toBeLessThanOrEqual(800 * 0.75 + 1);
    await page.close();
  });
});
