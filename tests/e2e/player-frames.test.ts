/**
 * The player in Chromium counts frames: the frame number and timecode follow exact frame steps,
 * a note marker seeks to its frame, D hides and shows a drawing held on its frame, and a
 * rectangle dragged in the composer is kept in picture-relative coordinates.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../server/commands/accounts.ts';
import { createEpisode } from '../../server/commands/episode-creator.ts';
import { accountIdOf, serverAndBrowserForFile, signedUpBrowser } from '../support/browser.ts';
import { generateFirstSegments } from '../support/factories.ts';

const app = serverAndBrowserForFile();

let owner: BrowserContext;
let ownerId: string;

beforeAll(async () => {
  await createAccount(app.context.services, { email: 'admin@example.com', password: 'a long enough password' });
  owner = await signedUpBrowser(app.browser, app.server.base, { email: 'pia@example.com', name: 'Pia' });
  ownerId = await accountIdOf(owner, app.server.base);
}, 120_000);

/** The review page of a made 4-second take, its video's metadata loaded; and the take's fps. */
async function reviewPage(): Promise<{ page: Page; fps: number }> {
  const episode = await createEpisode(
    app.context.services,
    { shots: [{ prompt: 'A lantern swings in the wind', duration: 4 }], title: 'Lanterns', style: 'watercolour', width: 320, height: 180 },
    { userId: ownerId, name: 'Pia' },
  );
  const [take] = await generateFirstSegments(app.context.services, episode.id, 1);
  const detail = (await (await owner.request.get(`${app.server.base}/api/v1/segments/${take!.id}`)).json()) as { generation_params: { fps?: number } };
  const page = await owner.newPage();
  await page.goto(`${app.server.base}/episodes/${episode.id}/segments/${take!.id}`);
  await page
    .getByTestId('review-video')
    .evaluate((video: HTMLVideoElement) => new Promise((done) => (video.readyState >= 1 ? done(null) : video.addEventListener('loadedmetadata', done, { once: true }))));
  return { page, fps: Number(detail.generation_params.fps) || 24 };
}

const shown = async (page: Page) => ({
  frame: Number(await page.getByTestId('player-frame').textContent()),
  timecode: await page.getByTestId('player-timecode').textContent(),
});
const currentTime = (page: Page) => page.getByTestId('review-video').evaluate((video: HTMLVideoElement) => video.currentTime);

describe('the player’s frames in Chromium', () => {
  it('steps exact frames, seeks to a marker’s frame, holds a drawing on its frame, and D hides it', async () => {
    const { page, fps } = await reviewPage();
    expect(fps).toBe(24);
    await expect(shown(page)).resolves.toEqual({ frame: 0, timecode: '00:00:00:00' });

    // Three frames on with "." lands in the middle of frame 3: (3 + 0.5) / 24 s.
    for (let presses = 0; presses < 3; presses++) await page.keyboard.press('.');
    await expect.poll(() => shown(page)).toEqual({ frame: 3, timecode: '00:00:00:03' });
    expect(await currentTime(page)).toBeCloseTo(3.5 / 24, 5);
    await page.keyboard.press(',');
    await expect.poll(() => shown(page)).toEqual({ frame: 2, timecode: '00:00:00:02' });
    expect(await currentTime(page)).toBeCloseTo(2.5 / 24, 5);

    // 30 frames on by the button: frame 32 is 1 s and 8 frames.
    const next = page.getByRole('button', { name: 'Next frame' });
    for (let clicks = 0; clicks < 30; clicks++) await next.click();
    await expect.poll(() => shown(page)).toEqual({ frame: 32, timecode: '00:00:01:08' });
    await page.getByRole('button', { name: 'Previous frame' }).click();
    await expect.poll(() => shown(page)).toEqual({ frame: 31, timecode: '00:00:01:07' });

    // Draw a rectangle on frame 31: from a quarter across and down to three quarters across, half down.
    await page.getByRole('button', { name: 'Draw on this frame' }).click();
    await page.getByRole('button', { name: 'Rectangle' }).click();
    const surface = (await page.getByTestId('drawing-surface').boundingBox())!;
    await page.mouse.move(surface.x + surface.width * 0.25, surface.y + surface.height * 0.25);
    await page.mouse.down();
    await page.mouse.move(surface.x + surface.width * 0.5, surface.y + surface.height * 0.4, { steps: 4 });
    await page.mouse.move(surface.x + surface.width * 0.75, surface.y + surface.height * 0.5, { steps: 4 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Draw on this frame' }).click();
    await expect(page.getByTestId('drawing-composer').count()).resolves.toBe(0);

    // The drawing, shown on its frame over the picture, holds the rectangle x 0.25, y 0.25, w 0.5, h 0.25.
    const layer = page.getByTestId('drawing-layer');
    await expect(layer.count()).resolves.toBe(1);
    const rect = await layer.locator('rect').evaluate((element: SVGRectElement) => {
      const svg = element.ownerSVGElement!;
      const width = Number(svg.getAttribute('width'));
      const height = Number(svg.getAttribute('height'));
      const at = (name: string) => Number(element.getAttribute(name));
      return { x: at('x') / width, y: at('y') / height, w: at('width') / width, h: at('height') / height };
    });
    expect(rect.x).toBeCloseTo(0.25, 3);
    expect(rect.y).toBeCloseTo(0.25, 3);
    expect(rect.w).toBeCloseTo(0.5, 3);
    expect(rect.h).toBeCloseTo(0.25, 3);
    // The layer sits on the picture: a 320×180 take fills a 16:9 player, so the layer is the video's box.
    const picture = (await page.getByTestId('review-video').boundingBox())!;
    const drawn = (await layer.boundingBox())!;
    expect(drawn.width).toBeCloseTo(picture.width, 0);
    expect(drawn.height).toBeCloseTo(picture.height, 0);

    // D hides the drawings and shows them again.
    await page.keyboard.press('d');
    await expect.poll(() => layer.count()).toBe(0);
    await expect(page.getByRole('button', { name: 'Show drawings (D)' }).getAttribute('aria-pressed')).resolves.toBe('false');
    await page.keyboard.press('d');
    await expect.poll(() => layer.count()).toBe(1);

    // On the next frame the drawing is gone: it is held on frame 31 only.
    await page.keyboard.press('.');
    await expect.poll(() => shown(page)).toEqual({ frame: 32, timecode: '00:00:01:08' });
    await expect(layer.count()).resolves.toBe(0);

    // The drawing's marker on the timeline: named with its timecode, by keyboard, back to frame 31 exactly.
    const marker = page.getByRole('button', { name: 'Drawing not yet saved at 00:00:01:07' });
    await marker.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => shown(page)).toEqual({ frame: 31, timecode: '00:00:01:07' });
    expect(await currentTime(page)).toBeCloseTo(31.5 / 24, 5);
    await expect.poll(() => layer.count()).toBe(1);

    // Elsewhere, then a click on the marker seeks there too.
    for (let presses = 0; presses < 5; presses++) await page.keyboard.press(',');
    await expect.poll(() => shown(page)).toEqual({ frame: 26, timecode: '00:00:01:02' });
    await marker.click();
    await expect.poll(() => shown(page)).toEqual({ frame: 31, timecode: '00:00:01:07' });
    // The marker stands at frame 31 of the take's frames along the bar.
    const bar = (await page.getByTestId('note-markers').boundingBox())!;
    const tick = (await marker.boundingBox())!;
    const frames = await page.getByTestId('review-video').evaluate((video: HTMLVideoElement) => Math.floor(video.duration * 24 + 1e-6));
    expect(tick.x + tick.width / 2 - bar.x).toBeCloseTo((31 / frames) * bar.width, 0);

    // Back in the composer on that frame, the drawing is there to change; undoing its one shape drops it and its marker.
    await page.getByRole('button', { name: 'Draw on this frame' }).click();
    await expect(page.getByTestId('drawing-composer').locator('rect').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('drawing-composer').locator('rect').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Draw on this frame' }).click();
    await expect(marker.count()).resolves.toBe(0);
    await expect(layer.count()).resolves.toBe(0);
    await page.close();
  }, 180_000);
});
