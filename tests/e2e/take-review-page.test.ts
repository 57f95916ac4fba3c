/**
 * The review page in Chromium starts from the take: a take 2's parameters in the scene and the
 * regenerate form, actions that cannot succeed disabled with their reason, J/K/L shuttle, the
 * scrub strip by keyboard, and a vertical take shown in its own shape.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { approveSegment } from '../../server/commands/segment-reviews.ts';
import { regenerateSegment } from '../../server/commands/segment-versions.ts';
import { findSegment } from '../../server/db/queries/segment.queries.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';
import { eventually } from '../support/server-process.ts';

const app = serverAndBrowserForFile();

let owner: BrowserContext;
let ownerId: string;

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  owner = await signedUpBrowser(app.browser, app.server.base, { email: 'olga@example.com', name: 'Olga' });
  ownerId = await accountIdOf(owner, app.server.base);
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

/** Take 2 of `takeId`'s slot, made with `changes` by the server's worker; its id once it is made. */
async function secondTake(takeId: string, changes: Parameters<typeof regenerateSegment>[2]['changes']): Promise<string> {
  const next = await regenerateSegment(app.context.services, takeId, { changes, keepOriginal: true }, { userId: ownerId, name: 'Olga' });
  await eventually(async () => (await findSegment(app.context.services.db, next.id))?.status === 'completed', 120_000, 'take 2');
  return next.id;
}

/** The text of the element a control's aria-describedby names. */
const description = (page: Page, name: string) =>
  page.getByRole('button', { name, exact: true }).evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent ?? null);

describe('the review page in Chromium', () => {
  it('shows what take 2 was made with in the scene, the shot list and the regenerate form, and keeps its addition in take 3', async () => {
    const { episodeId, takes } = await episodeWith([{ prompt: 'A lantern swings in the wind.', duration: 2 }], 1);
    const take2 = await secondTake(takes[0]!, { prompt_modifications: 'Heavy rain falls.', style: 'film noir', camera: 'push-in' });
    const page = await open(`/episodes/${episodeId}/segments/${take2}`);
    await expect(page.getByTestId('take-prompt').textContent()).resolves.toBe('A lantern swings in the wind. Heavy rain falls.');
    await expect(page.getByTestId('planned-prompt').textContent()).resolves.toBe('Planned: A lantern swings in the wind.');
    await expect(page.getByTestId('take-params').textContent()).resolves.toMatch(/film noir · push-in · 2\.0 s/);
    // The take's files to download: the normalized MP4 and the provider's original.
    await expect(page.getByTestId('download-normalized').getAttribute('href')).resolves.toBe(`/api/v1/segments/${take2}/download?file=normalized`);
    await expect(page.getByTestId('download-original').getAttribute('href')).resolves.toBe(`/api/v1/segments/${take2}/download?file=original`);
    const fetched = await page.evaluate(async (href) => {
      const response = await fetch(href);
      return { status: response.status, disposition: response.headers.get('content-disposition') ?? '' };
    }, `/api/v1/segments/${take2}/download?file=original`);
    expect(fetched.status).toBe(200);
    expect(fetched.disposition).toMatch(/^attachment; .* v2 original\.mp4"/);

    // The episode's shot list, too, shows the shot as its current take makes it.
    const board = await open(`/episodes/${episodeId}`);
    await board.getByText(/^Shot list/).click();
    const listed = board.locator('[data-testid="shot"][data-slot="1"]');
    await expect(listed.getByTestId('shot-prompt').textContent()).resolves.toBe('A lantern swings in the wind. Heavy rain falls.');
    await expect(listed.getByTestId('shot-params').textContent()).resolves.toMatch(/film noir · push-in · 2\.0 s/);
    await expect(listed.textContent()).resolves.toContain('take 2');
    await board.close();

    await page.keyboard.press('g');
    await expect(page.locator('#new-prompt').inputValue()).resolves.toBe('A lantern swings in the wind. Heavy rain falls.');
    await expect(page.locator('#new-style').inputValue()).resolves.toBe('film noir');
    await expect(page.locator('#new-camera').inputValue()).resolves.toBe('push-in');
    await expect(page.locator('#new-duration').inputValue()).resolves.toBe('2');
    // An edit of that prompt keeps take 2's addition.
    await page.locator('#new-prompt').press('End');
    await page.keyboard.type(' A cat watches.');
    await page.getByRole('button', { name: 'Make a new take' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(take2), { timeout: 15_000 });
    const take3Id = page.url().split('/').at(-1)!;
    const take3 = (await (await owner.request.get(`${app.server.base}/api/v1/segments/${take3Id}`)).json()) as {
      version: number;
      generation_params: { prompt: string; style: string; camera: string };
    };
    expect(take3.version).toBe(3);
    expect(take3.generation_params).toMatchObject({ prompt: 'A lantern swings in the wind. Heavy rain falls. A cat watches.', style: 'film noir', camera: 'push-in' });
    await page.close();
  }, 180_000);

  it('disables what cannot succeed now and says why, beside the control and as its description', async () => {
    const { episodeId, takes } = await episodeWith(
      [
        { prompt: 'A lantern swings in the wind.', duration: 2 },
        { prompt: 'The lantern goes out.', duration: 2 },
      ],
      1,
    );
    // Shot 2 is not made yet: no decision, no regeneration, nothing to roll back to.
    const pending = await open(`/episodes/${episodeId}/segments/${takes[1]}`);
    await expect(pending.getByRole('button', { name: 'Approve (A)' }).isDisabled()).resolves.toBe(true);
    await expect(pending.getByRole('button', { name: 'Reject… (R)' }).isDisabled()).resolves.toBe(true);
    await expect(pending.getByTestId('action-reason').allTextContents()).resolves.toEqual([
      'Approve, Ask for changes, Reject: not made yet',
      'Regenerate: not made yet — start a generation run',
    ]);
    await expect(description(pending, 'Approve (A)')).resolves.toBe('Approve, Ask for changes, Reject: not made yet');
    await expect(pending.getByRole('button', { name: 'Approve (A)' }).getAttribute('title')).resolves.toBe('not made yet');
    await expect(description(pending, 'Roll back…')).resolves.toBe('only one take so far — nothing to roll back to');
    // The keyboard does not go around it.
    await pending.keyboard.press('r');
    await expect(pending.getByRole('form', { name: 'Reject' }).count()).resolves.toBe(0);
    await pending.close();

    // Take 2 of shot 1, approved: regenerating it waits for a reopening; take 1 is no longer decided on.
    const take2 = await secondTake(takes[0]!, { prompt_modifications: 'Heavy rain falls.' });
    await approveSegment(app.context.services, take2, { userId: ownerId, name: 'Olga' }, {});
    const approved = await open(`/episodes/${episodeId}/segments/${take2}`);
    await expect(approved.getByRole('button', { name: 'Approve (A)' }).isDisabled()).resolves.toBe(false);
    await expect(approved.getByRole('button', { name: 'Regenerate… (G)' }).isDisabled()).resolves.toBe(true);
    await expect(description(approved, 'Regenerate… (G)')).resolves.toBe('Regenerate: approved — reopen it first');
    await approved.close();

    const earlier = await open(`/episodes/${episodeId}/segments/${takes[0]}`);
    await expect(earlier.getByRole('button', { name: 'Reject… (R)' }).isDisabled()).resolves.toBe(true);
    await expect(description(earlier, 'Reject… (R)')).resolves.toBe('Approve, Ask for changes, Reject: an earlier take — decisions are on the current take (take 2)');
    // Going back to take 1 is possible: take 2 is made.
    await expect(earlier.getByRole('button', { name: 'Make current' }).isDisabled()).resolves.toBe(false);
    await earlier.close();
  }, 180_000);

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
  }, 180_000);

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
  }, 180_000);

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
  }, 180_000);
});
